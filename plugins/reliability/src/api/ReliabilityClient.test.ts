import { ReliabilityClient } from './ReliabilityClient';

describe('ReliabilityClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/reliability',
  };

  function clientAnswering(status: number, body: unknown) {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
    );
    return {
      fetch,
      client: new ReliabilityClient({ discoveryApi, fetchApi: { fetch } }),
    };
  }

  it('asks for the summary of one entity', async () => {
    const { client, fetch } = clientAnswering(200, { entityRef: 'x' });
    await client.getEntitySummary('component:default/checkout');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/entity-summary?entityRef=component%3Adefault%2Fcheckout',
    );
  });

  it('passes only the filters that are set', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listIncidents({
      status: 'open',
      severity: ['SEV1', 'SEV2'],
      limit: 10,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/incidents?status=open&severity=SEV1%2CSEV2&limit=10',
    );
  });

  it('writes lists comma-separated and numbers and flags as text', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listActionItems({
      owner: ['user:default/lena.hoffmann', 'group:default/team-checkout'],
      overdue: false,
      limit: 50,
    });
    await client.listPostmortems({
      entityRef: ['component:default/checkout', 'component:default/cart'],
      status: 'published',
    });
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/action-items?owner=user%3Adefault%2Flena.hoffmann%2Cgroup%3Adefault%2Fteam-checkout&overdue=false&limit=50',
      'http://backend/api/reliability/postmortems?entityRef=component%3Adefault%2Fcheckout%2Ccomponent%3Adefault%2Fcart&status=published',
    ]);
  });

  it('turns an error answer into a ResponseError with the server message', async () => {
    const { client } = clientAnswering(400, {
      error: {
        name: 'InputError',
        message: 'Invalid summary query: entityRef',
      },
      request: { method: 'GET', url: '/entity-summary' },
      response: { statusCode: 400 },
    });
    await expect(client.getEntitySummary('bad')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: 'Invalid summary query: entityRef',
      },
    });
  });

  it('reads the Prometheus rules of an SLO as YAML text, and their errors', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL) =>
        new Response('groups: []\n', {
          headers: { 'content-type': 'application/yaml' },
        }),
    );
    const client = new ReliabilityClient({ discoveryApi, fetchApi: { fetch } });
    await expect(
      client.getSloPrometheusRules('component:default/checkout', {
        sloName: 'checkout-availability',
        format: 'operator',
      }),
    ).resolves.toBe('groups: []\n');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/slos/prometheus-rules?entityRef=component%3Adefault%2Fcheckout&sloName=checkout-availability&format=operator',
    );
    const failing = clientAnswering(404, {
      error: { name: 'NotFoundError', message: 'No SLO named x' },
      request: { method: 'GET', url: '/slos/prometheus-rules' },
      response: { statusCode: 404 },
    });
    await expect(
      failing.client.getSloPrometheusRules('component:default/checkout'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });

  it('asks who is on call for one entity, or for every schedule', async () => {
    const { client, fetch } = clientAnswering(200, { at: '', schedules: [] });
    await client.getOnCall({ entityRef: 'component:default/checkout' });
    await client.getOnCall();
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/oncall?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/reliability/oncall',
    ]);
  });

  it('creates, replaces, exports and imports schedules', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'sch 1' });
    const request = {
      name: 'primary',
      ownerRef: 'group:default/team-checkout',
      schedule: { timeZone: 'Europe/Berlin', layers: [] },
    };
    await client.createSchedule(request);
    await client.updateSchedule('sch 1', { ...request, version: 2 });
    await client.importSchedule('kind: Schedule\n');
    expect(fetch.mock.calls.map(([url, init]) => [url, init])).toEqual([
      [
        'http://backend/api/reliability/schedules',
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify(request),
        }),
      ],
      [
        'http://backend/api/reliability/schedules/sch%201',
        expect.objectContaining({
          method: 'PUT',
          body: JSON.stringify({ ...request, version: 2 }),
        }),
      ],
      [
        'http://backend/api/reliability/schedules/import',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/yaml' },
          body: 'kind: Schedule\n',
        },
      ],
    ]);

    const yaml = jest.fn(async () => new Response('kind: Schedule\n'));
    const exporter = new ReliabilityClient({
      discoveryApi,
      fetchApi: { fetch: yaml },
    });
    await expect(exporter.exportSchedule('sch 1')).resolves.toBe(
      'kind: Schedule\n',
    );
    expect(yaml).toHaveBeenCalledWith(
      'http://backend/api/reliability/schedules/sch%201/export',
    );
  });

  it('adds and removes overrides with the version seen', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'sch-1' });
    const override = {
      version: 3,
      user: 'user:default/jonas.weber',
      start: '2026-12-24T09:00:00.000+01:00',
      end: '2026-12-26T09:00:00.000+01:00',
    };
    await client.addScheduleOverride('sch-1', override);
    await client.removeScheduleOverride('sch-1', 'ov 1', 4);
    expect(fetch).toHaveBeenNthCalledWith(
      1,
      'http://backend/api/reliability/schedules/sch-1/overrides',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify(override),
      }),
    );
    expect(fetch).toHaveBeenNthCalledWith(
      2,
      'http://backend/api/reliability/schedules/sch-1/overrides/ov%201?version=4',
      { method: 'DELETE' },
    );
  });

  it('reads the current calendar feed addresses without making new ones', async () => {
    const { client, fetch } = clientAnswering(200, {
      path: '/ical/schedules/sch-1.ics?token=s3cret',
      holders: ['user:default/lena.hoffmann'],
    });
    await expect(client.getScheduleFeed('sch-1')).resolves.toEqual({
      url: 'http://backend/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
      holders: ['user:default/lena.hoffmann'],
    });
    await client.getMyFeed();
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method])).toEqual([
      ['http://backend/api/reliability/schedules/sch-1/feed', undefined],
      ['http://backend/api/reliability/feed-token/me', undefined],
    ]);
  });

  it('answers the whole address of a new calendar feed', async () => {
    const { client } = clientAnswering(200, {
      path: '/ical/schedules/sch-1.ics?token=s3cret',
    });
    await expect(client.createScheduleFeedToken('sch-1')).resolves.toEqual({
      url: 'http://backend/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
    });
  });

  it('asks for SLOs by entity, and for one SLO history with its id encoded', async () => {
    const { client, fetch } = clientAnswering(200, { slos: [] });
    await client.getEntitySlos('component:default/checkout');
    await client.getSloHistory(
      'component:default/checkout/checkout-availability/0',
    );
    await client.getSloHistory('component:default/checkout/latency/1', {
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/slos?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/reliability/slos/component%3Adefault%2Fcheckout%2Fcheckout-availability%2F0/history',
      'http://backend/api/reliability/slos/component%3Adefault%2Fcheckout%2Flatency%2F1/history?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-22T00%3A00%3A00.000Z',
    ]);
  });

  it('filters the SLO overview by what is set, and refreshes definitions with a POST', async () => {
    const { client, fetch } = clientAnswering(200, { items: [], tiers: [] });
    await client.getSloOverview();
    await client.getSloOverview({
      owner: 'group:default/team-checkout',
      tier: 'Full deployment freeze',
      state: 'ok',
    });
    await client.refreshSlos('component:default/checkout');
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/slos/overview',
      'http://backend/api/reliability/slos/overview?owner=group%3Adefault%2Fteam-checkout&tier=Full+deployment+freeze&state=ok',
      'http://backend/api/reliability/slos/refresh?entityRef=component%3Adefault%2Fcheckout',
    ]);
    expect(fetch.mock.calls[2][1]).toMatchObject({ method: 'POST' });
  });

  it('asks for runbooks by entity, by alert and by id, encoding ids with slashes', async () => {
    const { client, fetch } = clientAnswering(200, { runbooks: [] });
    await client.getEntityRunbooks('component:default/checkout');
    await client.getRunbook('component:default/checkout/pool-exhaustion');
    await client.getRunbooksForAlert('High Error/Rate', {
      entityRef: 'component:default/checkout',
    });
    await client.refreshRunbooks('component:default/checkout');
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/runbooks?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/reliability/runbooks/component%3Adefault%2Fcheckout%2Fpool-exhaustion',
      'http://backend/api/reliability/runbooks/by-alert/High%20Error%2FRate?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/reliability/runbooks/refresh?entityRef=component%3Adefault%2Fcheckout',
    ]);
    expect(fetch.mock.calls[3][1]).toMatchObject({ method: 'POST' });
  });

  it('searches the runbook library with only the filters that are set', async () => {
    const { client, fetch } = clientAnswering(200, { items: [], total: 0 });
    await client.searchRunbooks();
    await client.searchRunbooks({
      q: 'pg_stat_activity',
      severity: 'SEV2',
      stale: true,
      sort: 'lastReviewed',
      limit: 20,
    });
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/runbooks/library',
      'http://backend/api/reliability/runbooks/library?q=pg_stat_activity&severity=SEV2&stale=true&sort=lastReviewed&limit=20',
    ]);
  });
});

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

  it('asks who is on call for one entity, or for every schedule', async () => {
    const { client, fetch } = clientAnswering(200, { at: '', schedules: [] });
    await client.getOnCall({ entityRef: 'component:default/checkout' });
    await client.getOnCall();
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/reliability/oncall?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/reliability/oncall',
    ]);
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

  it('answers the whole address of a new calendar feed', async () => {
    const { client } = clientAnswering(200, {
      path: '/ical/schedules/sch-1.ics?token=s3cret',
    });
    await expect(client.createScheduleFeedToken('sch-1')).resolves.toEqual({
      url: 'http://backend/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
    });
  });
});

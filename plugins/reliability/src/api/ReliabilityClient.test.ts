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
});

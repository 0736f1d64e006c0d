import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReliabilityApiReader } from './ReliabilityApiReader';

/** A reliability API whose answers to each request are scripted in turn. */
async function apiAnswering(statuses: number[]) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const status = statuses.shift() ?? 200;
    if (status === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        status === 200
          ? { items: [{ n: seen.length }] }
          : { error: { name: 'Error', message: `answered ${status}` } },
      ),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const reader = ReliabilityApiReader.create({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => `http://127.0.0.1:${port}`,
    }),
    auth: mockServices.auth(),
    retryDelaysMs: [1, 1],
  });
  const read = async () => {
    const items: unknown[] = [];
    for await (const page of reader.pages('/postmortems')) items.push(...page);
    return items;
  };
  return { read, seen, close: () => server.close() };
}

describe('ReliabilityApiReader', () => {
  it('asks for a page again after a dropped connection, an unverified token or an overloaded portal', async () => {
    const api = await apiAnswering([0, 401, 200]);
    try {
      await expect(api.read()).resolves.toEqual([{ n: 3 }]);
      expect(api.seen).toHaveLength(3);
    } finally {
      api.close();
    }
  });

  it('gives up after the last retry, naming the answer', async () => {
    const api = await apiAnswering([503, 503, 503]);
    try {
      await expect(api.read()).rejects.toThrow(/503/);
      expect(api.seen).toHaveLength(3);
    } finally {
      api.close();
    }
  });

  it('does not ask again when the answer is a plain no', async () => {
    const api = await apiAnswering([403]);
    try {
      await expect(api.read()).rejects.toThrow(/403/);
      expect(api.seen).toHaveLength(1);
    } finally {
      api.close();
    }
  });
});

/*
 * What users see of a failing Prometheus: the SLO's state names the instance
 * by its configured name and the kind of failure, through the same routes the
 * entity page reads. Its URL and whatever it answered stay out.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from './__testUtils__/systemBinaries';
import {
  componentWithOpenSlo,
  startBackendWithPrometheus,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';
const OPENSLO_URL = 'https://git.example.com/acme/payments/openslo.yaml';
const OPENSLO = `
apiVersion: openslo/v1
kind: SLO
metadata: { name: payments-prometheus }
spec:
  service: payments
  indicator:
    metadata: { name: payments-prometheus-requests }
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(rate(ok[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(rate(all[{{.window}}]))' }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: OK, target: 0.99 }]
`;
const URL_MARKER = 'url-marker-3f9a';
const BODY_MARKER = 'body-marker-c71e';

type Failure = 'rejected' | 'server error' | 'timeout' | 'unreachable';

describe('a failing Prometheus, as the entity page shows it', () => {
  let server: Server;
  let port: number;
  let failure: Failure;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (failure === 'timeout') {
        return; // never answers
      }
      if (failure === 'rejected') {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: `1:1: parse error near ${BODY_MARKER} (see http://10.9.8.7/${BODY_MARKER})`,
          }),
        );
        return;
      }
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy error: ${BODY_MARKER} at http://10.9.8.7:9090`);
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it.each([
    ['rejected', "Prometheus 'main' rejected the PromQL of this SLO"],
    ['server error', "Prometheus 'main' answered HTTP 502"],
    ['timeout', "Prometheus 'main' did not answer within 0.3 s"],
    ['unreachable', "Prometheus 'main' is unreachable (ECONNREFUSED)"],
  ] as Array<[Failure, string]>)(
    'names the instance and the failure (%s), never its URL or answer',
    async (kind, message) => {
      failure = kind;
      const target = kind === 'unreachable' ? await freePort() : port;
      const portal = await startBackendWithPrometheus({
        entities: [componentWithOpenSlo('payments', OPENSLO_URL)],
        files: { [OPENSLO_URL]: OPENSLO },
        prometheus: {
          instances: [
            {
              name: 'main',
              baseUrl: `http://127.0.0.1:${target}/${URL_MARKER}`,
              timeout: '300ms',
            },
          ],
        },
      });
      try {
        await portal.evaluate();

        const slos = await portal.get(`/slos?entityRef=${PAYMENTS}`);
        const summary = await portal.get(
          `/entity-summary?entityRef=${PAYMENTS}`,
        );
        expect(slos.status).toBe(200);
        expect(summary.status).toBe(200);

        for (const [body, list] of [
          [slos.body, slos.body.slos],
          [summary.body, summary.body.slos.slos],
        ]) {
          const slo = list.find(
            (s: { sloName: string }) => s.sloName === 'payments-prometheus',
          );
          expect(slo).toMatchObject({
            state: 'source-unavailable',
            stateMessage: expect.stringContaining(message),
          });
          const text = JSON.stringify(body);
          expect(text).not.toContain(URL_MARKER);
          expect(text).not.toContain(BODY_MARKER);
          expect(text).not.toContain('127.0.0.1');
          expect(text).not.toContain('10.9.8.7');
        }
      } finally {
        await portal.stop();
      }
    },
  );
});

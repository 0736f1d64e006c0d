/*
 * SLO → alert → incident → runbook, with the real binaries: the backend
 * generates the Prometheus rules of checkout's SLO (GET /slos/prometheus-rules,
 * the route users download them from), promtool checks them, a real
 * Prometheus evaluates them over a day of backfilled history plus a live
 * series it scrapes every second from an exporter in this test, fires into a
 * real Alertmanager, and Alertmanager posts to the backend's webhook. Through
 * the API: the incident opens on checkout with the runbook whose `alerts`
 * names the alert; the series turns healthy; the incident resolves.
 *
 * The SLO is a day long (0.99 over 1d), so the generator's own scaling makes
 * the alerts wait 4 s rather than the 2 minutes of a 30-day SLO; the burn-rate
 * windows are the card's (5m, 1h, ...), and the history puts the burn in them.
 *
 * Without the binaries the suite is skipped with a warning, unless CI is set:
 * then it fails (scripts/test.sh installs prometheus and
 * prometheus-alertmanager for the unit stage).
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { parse } from 'yaml';
import {
  ALERTMANAGER,
  AlertmanagerServer,
  startAlertmanager,
} from './__testUtils__/alertmanagerServer';
import {
  PROMETHEUS,
  PrometheusServer,
  PROMTOOL,
  startPrometheus,
} from './__testUtils__/prometheusServer';
import {
  assertBinariesInstalled,
  describeWithBinaries,
  freePort,
  sleep,
} from './__testUtils__/systemBinaries';
import { OWNER, startBackendWithPrometheus } from './__testUtils__/testBackend';

const describeIfInstalled = describeWithBinaries({
  what: 'Prometheus → Alertmanager → incident',
  binaries: [PROMETHEUS, PROMTOOL, ALERTMANAGER],
  debianPackage: 'prometheus prometheus-alertmanager',
});

jest.setTimeout(150_000);

const run = promisify(execFile);

const CHECKOUT = 'component:default/checkout';
const OPENSLO_URL = 'https://git.example.com/acme/checkout/openslo.yaml';
const RUNBOOKS_URL = 'https://git.example.com/acme/checkout/runbooks';
const PORTAL = 'https://portal.example.com';
const SECRET = 'loop-test-secret';

const OPENSLO = `
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability, displayName: Checkout availability }
spec:
  service: checkout
  indicator:
    metadata: { name: non-5xx }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'http_requests_total{service="checkout",code!~"5.."}' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'http_requests_total{service="checkout"}' }
  timeWindow: [{ duration: 1d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Requests without a 5xx, target: 0.99 }]
`;

const RUNBOOK = `
id: checkout-high-burn-rate
title: High error-budget burn rate on checkout
severity: SEV2
alerts: [CheckoutErrorBudgetBurnFast, CheckoutErrorBudgetBurnSlow]
owner: team-checkout
steps:
  - title: Confirm the burn in both windows
    commands:
      - run: curl -s 'http://prometheus:9090/api/v1/query' --data-urlencode 'query=slo:error_ratio:5m{slo="checkout-availability"}'
`;

/** Requests a second, all day. */
const RATE = 10;
/**
 * The share of them that fail while burning: over the 1-hour page's
 * threshold for a day's 1 % budget (0.48 × 1 % = 0.48 %), so the 5-minute
 * window drops under it about 28 s after the errors stop.
 */
const BURN_SHARE = 0.0053;
/** The burn began 58 minutes before the test: the 1-hour window is over the threshold too, the 6-hour one (0.2 %) is not. */
const BURN_MINUTES = 58;
/** A day of history before the test, so the 3-day ticket (0.033 %) stays quiet. */
const HISTORY_HOURS = 25;

describeIfInstalled(
  'a burning SLO pages through Prometheus and Alertmanager into an incident',
  () => {
    const started = Date.now();
    const historyStart = started - HISTORY_HOURS * 3_600_000;
    const burnStart = started - BURN_MINUTES * 60_000;
    let healthyFrom: number | undefined;

    /** The two counters at `ms`, the same function for history and live. */
    function counters(ms: number) {
      const burnEnd = Math.min(ms, healthyFrom ?? Infinity);
      const bad = (BURN_SHARE * RATE * Math.max(0, burnEnd - burnStart)) / 1000;
      return { ok: (RATE * (ms - historyStart)) / 1000 - bad, bad };
    }

    let exporter: Server | undefined;
    let prometheus: PrometheusServer | undefined;
    let alertmanager: AlertmanagerServer | undefined;
    let portal:
      | Awaited<ReturnType<typeof startBackendWithPrometheus>>
      | undefined;
    let tempDir: string | undefined;

    afterAll(async () => {
      await prometheus?.stop();
      await alertmanager?.stop();
      await portal?.stop();
      await new Promise(resolve =>
        exporter ? exporter.close(resolve) : resolve(undefined),
      );
      if (tempDir) {
        await rm(tempDir, { recursive: true, force: true });
      }
    });

    const api = (method: 'get' | 'post', path: string) =>
      request(portal!.server)
        [method](`/api/reliability${path}`)
        .set('Authorization', mockCredentials.user.header(OWNER));

    /** Polls the API until `probe` answers something, or fails with the logs. */
    async function eventually<T>(
      what: string,
      probe: () => Promise<T | undefined>,
      timeoutMs: number,
    ): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined) {
          return value;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}.\n` +
              `Prometheus:\n${prometheus?.log().slice(-1500)}\n` +
              `Alertmanager:\n${alertmanager?.log().slice(-1500)}`,
          );
        }
        await sleep(250);
      }
    }

    async function checkoutIncidents(): Promise<any[]> {
      const res = await api('get', `/incidents?entityRef=${CHECKOUT}`);
      expect(res.status).toBe(200);
      return res.body.items;
    }

    it('opens an incident on checkout with its runbook, and resolves it when the series is healthy', async () => {
      // With CI set the suite runs without them: say what is missing first.
      assertBinariesInstalled([PROMETHEUS, PROMTOOL], 'prometheus');
      assertBinariesInstalled([ALERTMANAGER], 'prometheus-alertmanager');
      // The exporter Prometheus scrapes: the counters now.
      exporter = createServer((_req, res) => {
        const { ok, bad } = counters(Date.now());
        res.setHeader('content-type', 'text/plain; version=0.0.4');
        res.end(
          [
            '# TYPE http_requests_total counter',
            `http_requests_total{service="checkout",code="200"} ${ok}`,
            `http_requests_total{service="checkout",code="500"} ${bad}`,
            '',
          ].join('\n'),
        );
      });
      exporter.listen(0, '127.0.0.1');
      await new Promise(resolve => exporter!.once('listening', resolve));
      const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;

      const prometheusPort = await freePort();
      portal = await startBackendWithPrometheus({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'checkout',
              annotations: {
                'reliability-hub.io/openslo': `url:${OPENSLO_URL}`,
                'reliability-hub.io/runbooks': `url:${RUNBOOKS_URL}`,
                'reliability-hub.io/alert-selector': 'service=checkout',
              },
            },
            spec: { type: 'service', owner: OWNER },
            relations: [{ type: 'ownedBy', targetRef: OWNER }],
          },
        ],
        files: { [OPENSLO_URL]: OPENSLO },
        trees: { [RUNBOOKS_URL]: { 'high-burn-rate.yaml': RUNBOOK } },
        prometheus: {
          instances: [
            { name: 'default', baseUrl: `http://127.0.0.1:${prometheusPort}` },
          ],
        },
        config: {
          app: { baseUrl: PORTAL },
          reliability: { alertmanager: { webhookSecret: SECRET } },
        },
      });
      const refreshed = await api(
        'post',
        `/runbooks/refresh?entityRef=${CHECKOUT}`,
      );
      expect(refreshed.status).toBe(200);
      const [runbook] = (await api('get', `/runbooks?entityRef=${CHECKOUT}`))
        .body.runbooks;
      expect(runbook.alerts).toContain('CheckoutErrorBudgetBurnFast');

      // The rules as users download them, checked by promtool.
      const rulesResponse = await api(
        'get',
        `/slos/prometheus-rules?entityRef=${CHECKOUT}`,
      );
      expect(rulesResponse.status).toBe(200);
      const rules = rulesResponse.text;
      tempDir = await mkdtemp(join(tmpdir(), 'reliability-loop-'));
      await writeFile(join(tempDir, 'rules.yaml'), rules);
      const { stdout } = await run(PROMTOOL, [
        'check',
        'rules',
        join(tempDir, 'rules.yaml'),
      ]);
      expect(stdout).toContain('SUCCESS: 13 rules found');
      const fastRules = parse(rules).groups[0].rules.filter(
        (rule: any) => rule.alert === 'CheckoutErrorBudgetBurnFast',
      );
      expect(fastRules.map((rule: any) => rule.for)).toEqual(['4s', '4s']);

      alertmanager = await startAlertmanager({
        webhookUrl: `http://127.0.0.1:${
          (portal.server.address() as AddressInfo).port
        }/api/reliability/webhooks/alertmanager`,
        secret: SECRET,
      });

      // A day of history, one sample a minute, up to now; the live series
      // continues it (the same labels as the scrape adds).
      const labels = `instance="${target}",job="checkout",service="checkout"`;
      const lines = ['# TYPE http_requests counter'];
      const now = Date.now();
      for (let ms = historyStart; ms < now - 5_000; ms += 60_000) {
        const { ok, bad } = counters(ms);
        const seconds = Math.floor(ms / 1000);
        lines.push(
          `http_requests_total{code="200",${labels}} ${ok} ${seconds}`,
          `http_requests_total{code="500",${labels}} ${bad} ${seconds}`,
        );
      }
      lines.push('# EOF', '');
      prometheus = await startPrometheus({
        openMetrics: lines.join('\n'),
        rules,
        port: prometheusPort,
        args: ['--rules.alert.resend-delay=1s'],
        config: {
          global: { scrape_interval: '1s', evaluation_interval: '1s' },
          scrape_configs: [
            { job_name: 'checkout', static_configs: [{ targets: [target] }] },
          ],
          alerting: {
            alertmanagers: [
              {
                static_configs: [{ targets: [alertmanager.baseUrl.slice(7)] }],
              },
            ],
          },
        },
      });
      const prometheusUp = Date.now();

      const incident = await eventually(
        'an incident on checkout',
        async () => (await checkoutIncidents())[0],
        60_000,
      );
      const opened = Date.now() - prometheusUp;
      expect(incident).toMatchObject({
        entityRef: CHECKOUT,
        source: 'alertmanager',
        severity: 'SEV2',
        status: 'investigating',
        runbookUrl: `${PORTAL}/reliability/runbooks/${encodeURIComponent(
          runbook.id,
        )}`,
      });
      expect(incident.title).toMatch(
        /^Checkout availability: error budget burning/,
      );
      const detail = (await api('get', `/incidents/${incident.id}`)).body;
      expect(JSON.stringify(detail)).toContain(
        `Runbook for CheckoutErrorBudgetBurnFast: ${runbook.title}`,
      );

      // The card judges the SLO as the rules do: paging.
      await portal.evaluate();
      const [slo] = (await portal.slos(CHECKOUT)).slos;
      expect(slo.alert).toMatchObject({
        state: 'page',
        rule: { name: 'page-1h' },
      });

      // The errors stop; once the 5-minute window is under the threshold,
      // Prometheus resolves the alert and the incident follows.
      healthyFrom = Date.now();
      const resolved = await eventually(
        'the incident to resolve',
        async () => {
          const [current] = await checkoutIncidents();
          return current?.status === 'resolved' ? current : undefined;
        },
        90_000,
      );
      const closed = Date.now() - healthyFrom;
      expect(resolved).toMatchObject({
        id: incident.id,
        resolvedAt: expect.any(String),
      });
      expect(await checkoutIncidents()).toHaveLength(1);
      // eslint-disable-next-line no-console
      console.log(
        `Alert loop: incident opened ${opened} ms after Prometheus started, resolved ${closed} ms after the errors stopped; ${
          Date.now() - started
        } ms in all`,
      );
    });
  },
);

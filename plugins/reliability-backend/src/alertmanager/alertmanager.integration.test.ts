import { auditorMock } from '../__testUtils__/auditorMock';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
/*
 * A real Alertmanager (Debian's prometheus-alertmanager) posts to the webhook:
 * `amtool alert add` opens an incident on the right component, adding the same
 * alert again creates no duplicate, resolving it resolves the incident.
 *
 * Without the binaries the suite is skipped with a warning, unless CI is set:
 * then it fails (scripts/test.sh installs the package).
 */
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { Knex } from 'knex';
import {
  assertBinariesInstalled,
  describeWithBinaries,
  freePort,
  sleep,
  waitFor,
} from '../__testUtils__/systemBinaries';
import { applyDatabaseMigrations } from '../database/migrations';
import { toIso } from '../database/sql';
import { AlertmanagerWebhookService } from './AlertmanagerWebhookService';
import { createAlertmanagerRouter } from './router';
import { componentWithSelector } from './testing';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const AMTOOL = '/usr/bin/amtool';
const SECRET = 'integration-test-secret';
const RUNBOOK = 'https://runbooks.example/checkout/high-error-rate';
const CHECKOUT = 'component:default/checkout';

const describeIfInstalled = describeWithBinaries({
  what: 'Alertmanager',
  binaries: [ALERTMANAGER, AMTOOL],
  debianPackage: 'prometheus-alertmanager',
});

jest.setTimeout(30_000);

const run = promisify(execFile);

/** Alertmanager's configuration: fast groups, our webhook with the bearer secret. */
function alertmanagerConfig(webhookUrl: string): string {
  return JSON.stringify({
    route: {
      receiver: 'reliability-hub',
      group_by: ['alertname', 'service'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1h',
    },
    receivers: [
      {
        name: 'reliability-hub',
        webhook_configs: [
          {
            url: webhookUrl,
            send_resolved: true,
            http_config: {
              authorization: { type: 'Bearer', credentials: SECRET },
            },
          },
        ],
      },
    ],
  });
}

describeIfInstalled('a real Alertmanager posting to the webhook', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let webhook: Server | undefined;
    let alertmanager: ChildProcess | undefined;
    let alertmanagerUrl: string;
    let alertmanagerLog = '';
    let tempDir: string | undefined;
    const received: Array<Record<string, any>> = [];

    const amtool = (...args: string[]) =>
      run(AMTOOL, [`--alertmanager.url=${alertmanagerUrl}`, ...args], {
        timeout: 10_000,
      });
    const fire = (...extra: string[]) =>
      amtool(
        'alert',
        'add',
        'HighErrorRate',
        'service=checkout',
        'severity=page',
        `--annotation=runbook_url=${RUNBOOK}`,
        '--annotation=summary=Checkout error rate above 5 %',
        ...extra,
      );
    const state = async () => ({
      incidents: await knex('incidents').orderBy('id'),
      events: await knex('incident_events').orderBy('id'),
      alerts: await knex('incident_alerts').orderBy('fingerprint'),
      audit: await knex('audit_log').orderBy('id'),
    });

    beforeAll(async () => {
      assertBinariesInstalled(
        [ALERTMANAGER, AMTOOL],
        'prometheus-alertmanager',
      );
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const config = mockServices.rootConfig({
        data: { reliability: { alertmanager: { webhookSecret: SECRET } } },
      });
      const logger = mockServices.logger.mock();
      const service = AlertmanagerWebhookService.create({
        incidents: DatabaseIncidentStore.create({ knex }),
        auditor: auditorMock(),
        catalog: catalogServiceMock({
          entities: [
            componentWithSelector('checkout', 'service=checkout'),
            componentWithSelector('cart', 'service=cart'),
          ],
        }),
        auth: mockServices.auth(),
        config,
        logger,
      });

      const app = express();
      app.use(express.json());
      app.use((req, _res, next) => {
        received.push(req.body);
        next();
      });
      app.use(createAlertmanagerRouter({ service, config }));
      app.use(MiddlewareFactory.create({ config, logger }).error());
      const server = app.listen(0, '127.0.0.1');
      webhook = server;
      await new Promise(resolve => server.once('listening', resolve));
      const webhookPort = (server.address() as AddressInfo).port;

      tempDir = await mkdtemp(join(tmpdir(), 'reliability-alertmanager-'));
      const configFile = join(tempDir, 'alertmanager.yml');
      // JSON is YAML.
      await writeFile(
        configFile,
        alertmanagerConfig(
          `http://127.0.0.1:${webhookPort}/webhooks/alertmanager`,
        ),
      );
      const port = await freePort();
      alertmanagerUrl = `http://127.0.0.1:${port}`;
      const started = Date.now();
      const child = spawn(
        ALERTMANAGER,
        [
          `--config.file=${configFile}`,
          // Fresh per run: a reused one suppresses notifications already sent.
          `--storage.path=${join(tempDir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--cluster.listen-address=',
          `--web.external-url=${alertmanagerUrl}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      alertmanager = child;
      child.stdout?.on('data', chunk => (alertmanagerLog += chunk));
      child.stderr?.on('data', chunk => (alertmanagerLog += chunk));
      await waitFor('Alertmanager to be ready', async () => {
        if (child.exitCode !== null) {
          throw new Error(
            `Alertmanager exited (${child.exitCode}): ${alertmanagerLog}`,
          );
        }
        const res = await fetch(`${alertmanagerUrl}/-/ready`);
        return res.ok || undefined;
      }).catch(error => {
        throw new Error(`${error.message}\n${alertmanagerLog}`);
      });
      // eslint-disable-next-line no-console
      console.log(
        `Alertmanager ready in ${Date.now() - started} ms on ${databaseId}`,
      );
    });

    afterAll(async () => {
      const child = alertmanager;
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited;
        clearTimeout(timer);
      }
      await new Promise(resolve =>
        webhook ? webhook.close(resolve) : resolve(undefined),
      );
      if (tempDir) {
        await rm(tempDir, { recursive: true, force: true });
      }
    });

    it('opens an incident on the right component, ignores a repeat, and resolves it', async () => {
      const t0 = Date.now();
      await fire();
      const incident = await waitFor(
        'an incident on component:default/checkout',
        () => knex('incidents').where({ entity_ref: CHECKOUT }).first(),
      );
      const opened = Date.now() - t0;
      expect(incident).toMatchObject({
        source: 'alertmanager',
        status: 'investigating',
        severity: 'SEV2',
        title: 'Checkout error rate above 5 %',
        runbook_url: RUNBOOK,
        resolved_at: null,
      });
      expect(
        await knex('incidents').whereNot({ entity_ref: CHECKOUT }),
      ).toEqual([]);
      const firing = received.find(body => body.status === 'firing');
      expect(firing).toMatchObject({
        version: '4',
        groupKey: expect.stringContaining('HighErrorRate'),
        alerts: [{ status: 'firing', endsAt: '0001-01-01T00:00:00Z' }],
      });
      const afterFiring = await state();
      expect(afterFiring.events.map(e => e.type).sort()).toEqual([
        'alert_firing',
        'created',
      ]);

      // The same alert again: Alertmanager merges it into the one it has; even
      // if a notification came, nothing may change.
      await fire();
      await sleep(2_500);
      expect(await state()).toEqual(afterFiring);

      // Alertmanager's own notification, delivered a second time.
      const replay = await fetch(
        `http://127.0.0.1:${
          (webhook!.address() as AddressInfo).port
        }/webhooks/alertmanager`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${SECRET}`,
          },
          body: JSON.stringify(firing),
        },
      );
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({
        incidents: [
          {
            id: incident.id,
            entityRef: CHECKOUT,
            created: false,
            resolved: false,
          },
        ],
        unmatchedAlerts: 0,
      });
      expect(await state()).toEqual(afterFiring);

      // Resolve it, as Prometheus does: the same labels with an end in the past.
      const end = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
      const t1 = Date.now();
      await fire(`--end=${end.toISOString().replace('.000Z', 'Z')}`);
      const resolved = await waitFor('the incident to resolve', async () => {
        const row = await knex('incidents').where({ id: incident.id }).first();
        return row?.status === 'resolved' ? row : undefined;
      });
      const closed = Date.now() - t1;
      expect(toIso(resolved.resolved_at)).toBe(end.toISOString());
      expect(Number(resolved.version)).toBe(2);

      const final = await state();
      expect(final.incidents).toHaveLength(1);
      expect(final.alerts).toHaveLength(1);
      expect(final.alerts[0].status).toBe('resolved');
      expect(final.events.map(e => e.type).sort()).toEqual([
        'alert_firing',
        'alert_resolved',
        'created',
        'status_change',
      ]);
      expect(final.audit.map(a => [a.actor, a.action])).toEqual([
        ['alertmanager', 'incident.create'],
        ['alertmanager', 'incident.update'],
      ]);
      // eslint-disable-next-line no-console
      console.log(
        `Alertmanager on ${databaseId}: incident opened ${opened} ms after amtool, resolved ${closed} ms after amtool`,
      );
    });
  });
});

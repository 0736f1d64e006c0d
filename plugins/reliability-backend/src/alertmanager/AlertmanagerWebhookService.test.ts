import { auditorMock } from '../__testUtils__/auditorMock';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { toIso } from '../database/sql';
import { AlertmanagerWebhookService } from './AlertmanagerWebhookService';
import { alertGroupExternalId } from './reconcileAlertGroup';
import { parseAlertmanagerPayload } from './payload';
import {
  AlertmanagerConfig,
  componentWithSelector,
  rawAlert,
  rawPayload,
} from './testing';

jest.setTimeout(60_000);

const RUNBOOK = 'https://runbooks.example/checkout/high-error-rate';
const T0 = '2026-11-22T10:00:00.123456789Z';
const T1 = '2026-11-22T10:02:00Z';
const T2 = '2026-11-22T10:30:00Z';
const T3 = '2026-11-22T10:41:00Z';
const T4 = '2026-11-22T11:00:00Z';
/** When the first notification arrives: after T0 and T1, before the alerts end. */
const RECEIVED = '2026-11-22T10:05:00Z';

const checkoutLabels = {
  alertname: 'HighErrorRate',
  service: 'checkout',
  severity: 'page',
  instance: 'checkout-1',
};
const checkout2Labels = { ...checkoutLabels, instance: 'checkout-2' };
const annotations = {
  summary: 'Checkout error rate above 5 %',
  description: 'More than 5 % of checkout requests fail.',
  runbook_url: RUNBOOK,
};

const ENTITIES: Entity[] = [
  componentWithSelector('checkout', 'service=checkout'),
  componentWithSelector('cart', 'service="cart"'),
  componentWithSelector('payments', 'service=payments, env!=staging'),
  componentWithSelector('broken', 'service=~"(unclosed"'),
  componentWithSelector('no-selector'),
];

describe('AlertmanagerWebhookService', () => {
  const databases = TestDatabases.create();

  async function setup(
    databaseId: any,
    options: {
      alertmanager?: AlertmanagerConfig;
      entities?: Entity[];
    } = {},
  ) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const logger = mockServices.logger.mock();
    let now = new Date(RECEIVED);
    const setNow = (iso: string) => {
      now = new Date(iso);
    };
    const create = () =>
      AlertmanagerWebhookService.create({
        incidents: DatabaseIncidentStore.create({ knex }),
        auditor: auditorMock(),
        catalog: catalogServiceMock({ entities: options.entities ?? ENTITIES }),
        auth: mockServices.auth(),
        config: mockServices.rootConfig({
          data: { reliability: { alertmanager: options.alertmanager ?? {} } },
        }),
        logger,
        now: () => now,
      });
    const service = create();
    const handle = (raw: Record<string, unknown>) =>
      service.handle(parseAlertmanagerPayload(raw));
    return { knex, logger, service, handle, create, setNow };
  }

  async function counts(knex: Knex) {
    const count = async (table: string) =>
      Number((await knex(table).count({ n: '*' }).first())!.n);
    return {
      incidents: await count('incidents'),
      events: await count('incident_events'),
      alerts: await count('incident_alerts'),
      audit: await count('audit_log'),
      versions: (await knex('incidents').select('version').orderBy('id')).map(
        r => Number(r.version),
      ),
    };
  }

  const events = async (knex: Knex, incidentId: string) =>
    (
      await knex('incident_events')
        .where({ incident_id: incidentId })
        .orderBy([{ column: 'at' }, { column: 'type' }])
    ).map(row => ({
      type: row.type,
      at: toIso(row.at),
      author: row.author,
      message: row.message,
      data: JSON.parse(row.data),
    }));

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('opens one incident on the entity whose selector matches, and ignores unmatched alerts', async () => {
      const { knex, handle, logger } = await setup(databaseId);
      const result = await handle(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T1 }),
          rawAlert({ labels: checkout2Labels, annotations, startsAt: T0 }),
        ]),
      );
      const unmatched = await handle(
        rawPayload([
          rawAlert({
            labels: { alertname: 'DiskFull', service: 'search' },
            startsAt: T0,
          }),
        ]),
      );

      expect(unmatched).toEqual({ incidents: [], unmatchedAlerts: 1 });
      expect(result.unmatchedAlerts).toBe(0);
      expect(result.incidents).toEqual([
        {
          id: expect.any(String),
          entityRef: 'component:default/checkout',
          created: true,
          resolved: false,
        },
      ]);
      const id = result.incidents[0].id;

      const rows = await knex('incidents').select();
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row).toMatchObject({
        id,
        entity_ref: 'component:default/checkout',
        title: 'Checkout error rate above 5 %',
        summary: 'More than 5 % of checkout requests fail.',
        severity: 'SEV2',
        status: 'investigating',
        source: 'alertmanager',
        external_id: alertGroupExternalId(
          '{}:{alertname="HighErrorRate", service="checkout"}',
          'component:default/checkout',
        ),
        runbook_url: RUNBOOK,
        resolved_at: null,
      });
      expect(Number(row.version)).toBe(1);
      // The earliest alert, to the millisecond Alertmanager's nanoseconds allow.
      expect(toIso(row.started_at)).toBe('2026-11-22T10:00:00.123Z');
      expect(toIso(row.detected_at)).toBe('2026-11-22T10:05:00.000Z');

      const timeline = await events(knex, id);
      expect(timeline.map(e => [e.type, e.at, e.author])).toEqual([
        ['alert_firing', '2026-11-22T10:00:00.123Z', 'alertmanager'],
        ['alert_firing', '2026-11-22T10:02:00.000Z', 'alertmanager'],
        ['created', '2026-11-22T10:05:00.000Z', 'alertmanager'],
      ]);
      expect(timeline[0].message).toBe(
        'HighErrorRate firing: Checkout error rate above 5 %',
      );
      expect(timeline[0].data).toMatchObject({
        labels: checkout2Labels,
        endsAt: null,
        generatorURL: expect.stringContaining('http'),
      });

      const alertRows = await knex('incident_alerts').orderBy('starts_at');
      expect(alertRows.map(a => [a.alertname, a.status, a.ends_at])).toEqual([
        ['HighErrorRate', 'firing', null],
        ['HighErrorRate', 'firing', null],
      ]);
      expect(JSON.parse(alertRows[0].labels)).toEqual(checkout2Labels);

      const audit = await knex('audit_log').select();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'alertmanager',
        action: 'incident.create',
        resource_type: 'incident',
        resource_id: id,
        entity_ref: 'component:default/checkout',
        before: null,
      });
      expect(JSON.parse(audit[0].after)).toMatchObject({
        id,
        status: 'investigating',
        source: 'alertmanager',
        runbookUrl: RUNBOOK,
        startedAt: '2026-11-22T10:00:00.123Z',
        version: 1,
      });

      // The broken selector was skipped with a warning, not a crash.
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /Skipping component:default\/broken .*Invalid alert selector.*bad regular expression/,
        ),
      );
    });

    it('changes nothing when the same payload arrives again', async () => {
      const { knex, handle } = await setup(databaseId);
      const payload = rawPayload([
        rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
      ]);
      const first = await handle(payload);
      const before = await counts(knex);
      const row = await knex('incidents').first();

      const again = await handle(payload);
      const alsoAgain = await handle(payload);

      expect(again).toEqual({
        incidents: [{ ...first.incidents[0], created: false }],
        unmatchedAlerts: 0,
      });
      expect(alsoAgain).toEqual(again);
      expect(await counts(knex)).toEqual(before);
      expect(before).toMatchObject({
        incidents: 1,
        events: 2,
        alerts: 1,
        audit: 1,
        versions: [1],
      });
      expect(await knex('incidents').first()).toEqual(row);
    });

    it('adds a second alert of the same group to the same incident with one event', async () => {
      const { knex, handle } = await setup(databaseId);
      const first = rawAlert({
        labels: checkoutLabels,
        annotations,
        startsAt: T0,
      });
      const a = await handle(rawPayload([first]));
      const before = await counts(knex);

      const b = await handle(
        rawPayload([
          first,
          rawAlert({ labels: checkout2Labels, annotations, startsAt: T1 }),
        ]),
      );

      expect(b.incidents).toEqual([{ ...a.incidents[0], created: false }]);
      const after = await counts(knex);
      expect(after).toEqual({
        ...before,
        events: before.events + 1,
        alerts: before.alerts + 1,
      });
      expect(after.versions).toEqual([1]);
      const timeline = await events(knex, a.incidents[0].id);
      expect(
        timeline.map(e => [e.type, e.at, e.data.labels?.instance]),
      ).toEqual([
        ['alert_firing', '2026-11-22T10:00:00.123Z', 'checkout-1'],
        ['alert_firing', '2026-11-22T10:02:00.000Z', 'checkout-2'],
        ['created', '2026-11-22T10:05:00.000Z', undefined],
      ]);
    });

    it('resolves the incident when every alert has resolved, at the last end, with an audit record', async () => {
      const { knex, handle, setNow } = await setup(databaseId);
      const one = rawAlert({
        labels: checkoutLabels,
        annotations,
        startsAt: T0,
      });
      const two = rawAlert({
        labels: checkout2Labels,
        annotations,
        startsAt: T1,
      });
      const { incidents } = await handle(rawPayload([one, two]));
      const id = incidents[0].id;

      // One of two resolved: still open.
      setNow('2026-11-22T10:31:00Z');
      const partly = await handle(
        rawPayload([
          one,
          rawAlert({
            labels: checkout2Labels,
            annotations,
            startsAt: T1,
            endsAt: T2,
          }),
        ]),
      );
      expect(partly.incidents[0]).toMatchObject({ id, resolved: false });
      let row = await knex('incidents').where({ id }).first();
      expect(row.status).toBe('investigating');
      expect(Number(row.version)).toBe(1);

      const all = rawPayload([
        rawAlert({
          labels: checkoutLabels,
          annotations,
          startsAt: T0,
          endsAt: T3,
        }),
        rawAlert({
          labels: checkout2Labels,
          annotations,
          startsAt: T1,
          endsAt: T2,
        }),
      ]);
      setNow('2026-11-22T10:42:00Z');
      const resolved = await handle(all);
      expect(resolved.incidents).toEqual([
        {
          id,
          entityRef: 'component:default/checkout',
          created: false,
          resolved: true,
        },
      ]);
      row = await knex('incidents').where({ id }).first();
      expect(row.status).toBe('resolved');
      expect(toIso(row.resolved_at)).toBe('2026-11-22T10:41:00.000Z');
      expect(Number(row.version)).toBe(2);

      const timeline = await events(knex, id);
      expect(timeline.map(e => [e.type, e.at])).toEqual([
        ['alert_firing', '2026-11-22T10:00:00.123Z'],
        ['alert_firing', '2026-11-22T10:02:00.000Z'],
        ['created', '2026-11-22T10:05:00.000Z'],
        ['alert_resolved', '2026-11-22T10:30:00.000Z'],
        ['alert_resolved', '2026-11-22T10:41:00.000Z'],
        ['status_change', '2026-11-22T10:42:00.000Z'],
      ]);
      expect(timeline.find(e => e.type === 'status_change')).toMatchObject({
        author: 'alertmanager',
        data: { from: 'investigating', to: 'resolved' },
      });

      const updates = await knex('audit_log').where({
        action: 'incident.update',
      });
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        actor: 'alertmanager',
        resource_id: id,
      });
      expect(JSON.parse(updates[0].before)).toMatchObject({
        status: 'investigating',
        resolvedAt: null,
        version: 1,
      });
      expect(JSON.parse(updates[0].after)).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-22T10:41:00.000Z',
        version: 2,
      });

      // Replaying the resolution changes nothing.
      const before = await counts(knex);
      expect((await handle(all)).incidents[0]).toMatchObject({
        id,
        resolved: true,
      });
      expect(await counts(knex)).toEqual(before);
    });

    it('reopens a resolved incident when an alert of its group fires again', async () => {
      const { knex, handle, setNow } = await setup(databaseId);
      const { incidents } = await handle(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
        ]),
      );
      const id = incidents[0].id;
      setNow('2026-11-22T10:31:00Z');
      await handle(
        rawPayload([
          rawAlert({
            labels: checkoutLabels,
            annotations,
            startsAt: T0,
            endsAt: T2,
          }),
        ]),
      );
      // A late copy of the old firing notification does not reopen it.
      const late = await handle(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
        ]),
      );
      expect(late.incidents[0]).toMatchObject({ id, resolved: true });

      setNow('2026-11-22T11:00:30Z');
      const refire = await handle(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T4 }),
        ]),
      );
      expect(refire.incidents).toEqual([
        {
          id,
          entityRef: 'component:default/checkout',
          created: false,
          resolved: false,
        },
      ]);
      const row = await knex('incidents').where({ id }).first();
      expect(row).toMatchObject({ status: 'investigating', resolved_at: null });
      expect(Number(row.version)).toBe(3);
      const timeline = await events(knex, id);
      expect(
        timeline.slice(-2).map(e => [e.type, e.data.to ?? e.data.fingerprint]),
      ).toEqual([
        ['alert_firing', expect.any(String)],
        ['status_change', 'investigating'],
      ]);
      expect(
        await knex('incident_alerts').where({ incident_id: id }),
      ).toHaveLength(1);
      expect(
        await knex('audit_log').where({ action: 'incident.update' }),
      ).toHaveLength(2);
    });

    it('keeps the incident open when resolveIncidents is false', async () => {
      const { knex, handle, setNow } = await setup(databaseId, {
        alertmanager: { resolveIncidents: false },
      });
      const { incidents } = await handle(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
        ]),
      );
      setNow('2026-11-22T10:31:00Z');
      const result = await handle(
        rawPayload([
          rawAlert({
            labels: checkoutLabels,
            annotations,
            startsAt: T0,
            endsAt: T2,
          }),
        ]),
      );
      expect(result.incidents[0]).toMatchObject({
        id: incidents[0].id,
        resolved: false,
      });
      const row = await knex('incidents').first();
      expect(row).toMatchObject({ status: 'investigating', resolved_at: null });
      expect(Number(row.version)).toBe(1);
      const alertRow = await knex('incident_alerts').first();
      expect(alertRow.status).toBe('resolved');
      expect((await events(knex, incidents[0].id)).map(e => e.type)).toContain(
        'alert_resolved',
      );
    });

    it('maps the severity label through the configuration, the most severe alert winning', async () => {
      const { knex, handle } = await setup(databaseId, {
        alertmanager: { severityByLabel: { warning: 'SEV4', P1: 'SEV1' } },
      });
      const open = async (
        service: string,
        severities: Array<string | undefined>,
      ) => {
        const result = await handle(
          rawPayload(
            severities.map((severity, i) =>
              rawAlert({
                labels: {
                  alertname: `Alert${i}`,
                  service,
                  ...(severity ? { severity } : {}),
                },
                startsAt: T0,
              }),
            ),
            {
              groupKey: `{}:{service="${service}", case="${severities.join(
                ',',
              )}"}`,
            },
          ),
        );
        const row = await knex('incidents')
          .where({ id: result.incidents[0].id })
          .first();
        return row.severity;
      };
      expect(await open('checkout', ['critical'])).toBe('SEV1');
      expect(await open('checkout', ['page'])).toBe('SEV2');
      expect(await open('checkout', ['warning'])).toBe('SEV4');
      expect(await open('checkout', ['ticket'])).toBe('SEV3');
      expect(await open('checkout', ['info'])).toBe('SEV4');
      expect(await open('checkout', ['p1'])).toBe('SEV1');
      expect(await open('checkout', ['CRITICAL'])).toBe('SEV1');
      expect(await open('checkout', ['whatever'])).toBe('SEV3');
      expect(await open('checkout', [undefined])).toBe('SEV3');
      expect(await open('cart', ['info', 'page', 'warning'])).toBe('SEV2');
    });

    it('keeps only http(s) runbook links and titles incidents without a summary by alert and entity', async () => {
      const { knex, handle } = await setup(databaseId);
      const { incidents } = await handle(
        rawPayload([
          rawAlert({
            labels: { alertname: 'CartSlow', service: 'cart' },
            annotations: { runbook_url: ['javascript', 'alert(1)'].join(':') },
            startsAt: T0,
          }),
        ]),
      );
      const row = await knex('incidents')
        .where({ id: incidents[0].id })
        .first();
      expect(row).toMatchObject({
        title: 'CartSlow on cart',
        runbook_url: null,
        summary: null,
      });

      // A later alert of the group brings a runbook: the incident keeps it.
      await handle(
        rawPayload(
          [
            rawAlert({
              labels: { alertname: 'CartSlow', service: 'cart', instance: 'b' },
              annotations: { runbook_url: RUNBOOK },
              startsAt: T1,
            }),
          ],
          { groupKey: '{}:{alertname="CartSlow", service="cart"}' },
        ),
      );
      const updated = await knex('incidents')
        .where({ id: incidents[0].id })
        .first();
      expect(updated.runbook_url).toBe(RUNBOOK);
      expect(Number(updated.version)).toBe(2);
    });

    it('never opens a drill, whatever the alert says', async () => {
      const { knex, handle } = await setup(databaseId);
      const { incidents } = await handle(
        rawPayload([
          rawAlert({
            labels: { ...checkoutLabels, drill: 'game_day' },
            annotations: { ...annotations, drill: 'tabletop' },
            startsAt: T0,
          }),
        ]),
      );
      expect(incidents).toHaveLength(1);
      const row = await knex('incidents')
        .where({ id: incidents[0].id })
        .first();
      // A page is real: it counts in MTTA and MTTR and is never excused as
      // an exercise by a label anyone sending alerts can set.
      expect(row.drill).toBeNull();
    });

    it('opens one incident per matching entity, and none for a group that arrives resolved', async () => {
      const { knex, handle } = await setup(databaseId, {
        entities: [
          componentWithSelector('checkout', 'service=checkout'),
          componentWithSelector('shop', 'team=shop'),
          componentWithSelector('payments', 'service=payments, env!=staging'),
        ],
      });
      const both = await handle(
        rawPayload([
          rawAlert({
            labels: { alertname: 'A', service: 'checkout', team: 'shop' },
            startsAt: T0,
          }),
          rawAlert({
            labels: { alertname: 'A', service: 'payments', env: 'staging' },
            startsAt: T0,
          }),
        ]),
      );
      expect(both.unmatchedAlerts).toBe(1);
      expect(both.incidents.map(i => i.entityRef).sort()).toEqual([
        'component:default/checkout',
        'component:default/shop',
      ]);
      const externalIds = (await knex('incidents').select('external_id')).map(
        r => r.external_id,
      );
      expect(new Set(externalIds).size).toBe(2);

      const resolvedOnly = await handle(
        rawPayload([
          rawAlert({
            labels: { alertname: 'B', service: 'payments' },
            startsAt: T0,
            endsAt: T1,
          }),
        ]),
      );
      expect(resolvedOnly).toEqual({ incidents: [], unmatchedAlerts: 0 });
      expect((await counts(knex)).incidents).toBe(2);
    });

    it('reads the selectors from the catalog once per cache period', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const catalog = catalogServiceMock({ entities: ENTITIES });
      const getEntities = jest.spyOn(catalog, 'getEntities');
      const create = (cacheTtlMs?: number) =>
        AlertmanagerWebhookService.create({
          incidents: DatabaseIncidentStore.create({ knex }),
          auditor: auditorMock(),
          catalog,
          auth: mockServices.auth(),
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
          cacheTtlMs,
        });
      const payload = parseAlertmanagerPayload(
        rawPayload([rawAlert({ labels: checkoutLabels, startsAt: T0 })]),
      );
      const cached = create();
      await Promise.all([cached.handle(payload), cached.handle(payload)]);
      await cached.handle(payload);
      expect(getEntities).toHaveBeenCalledTimes(1);
      expect(getEntities.mock.calls[0][0]).toMatchObject({
        filter: {
          'metadata.annotations.reliability-hub.io/alert-selector':
            expect.any(Symbol),
        },
      });

      const uncached = create(0);
      await uncached.handle(payload);
      await uncached.handle(payload);
      expect(getEntities).toHaveBeenCalledTimes(3);
    });

    it('hashes a group key too long for the external id column', async () => {
      const { knex, handle } = await setup(databaseId);
      const groupKey = `{}:{alertname="HighErrorRate", service="checkout", note="${'x'.repeat(
        400,
      )}"}`;
      const payload = rawPayload(
        [rawAlert({ labels: checkoutLabels, startsAt: T0 })],
        { groupKey },
      );
      await handle(payload);
      await handle(payload);
      const rows = await knex('incidents').select('external_id');
      expect(rows).toHaveLength(1);
      expect(rows[0].external_id).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('opens one incident when two deliveries of a new group race', async () => {
      const { knex, create } = await setup(databaseId);
      const payload = parseAlertmanagerPayload(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
        ]),
      );
      const results = await Promise.all(
        [create(), create(), create()].map(service => service.handle(payload)),
      );
      const ids = new Set(results.map(r => r.incidents[0].id));
      expect(ids.size).toBe(1);
      expect(results.filter(r => r.incidents[0].created)).toHaveLength(1);
      expect(await counts(knex)).toMatchObject({
        incidents: 1,
        events: 2,
        alerts: 1,
        audit: 1,
        versions: [1],
      });
    });
    it('retries once on the unique index when another delivery inserted the incident first', async () => {
      const { knex, service, logger } = await setup(databaseId);
      const payload = parseAlertmanagerPayload(
        rawPayload([
          rawAlert({ labels: checkoutLabels, annotations, startsAt: T0 }),
        ]),
      );
      // Another delivery has inserted the incident but not committed yet.
      const other = await knex.transaction();
      await other('incidents').insert({
        id: '00000000-0000-4000-8000-000000000001',
        entity_ref: 'component:default/checkout',
        title: 'Opened by the other delivery',
        runbook_url: RUNBOOK,
        severity: 'SEV2',
        status: 'investigating',
        source: 'alertmanager',
        external_id: alertGroupExternalId(
          payload.groupKey,
          'component:default/checkout',
        ),
        started_at: new Date(T0),
        detected_at: new Date(RECEIVED),
        created_at: new Date(RECEIVED),
        updated_at: new Date(RECEIVED),
        version: 1,
      });
      const handling = service.handle(payload);
      await new Promise(resolve => setTimeout(resolve, 300));
      await other.commit();

      expect((await handling).incidents).toEqual([
        {
          id: '00000000-0000-4000-8000-000000000001',
          entityRef: 'component:default/checkout',
          created: false,
          resolved: false,
        },
      ]);
      // On PostgreSQL the insert waited for the other transaction and then hit
      // the unique index; SQLite has one connection, so it waited before reading.
      const retried = logger.debug.mock.calls.some(([message]) =>
        message.startsWith('Concurrent delivery of alert group'),
      );
      expect(retried).toBe(databaseId.startsWith('POSTGRES'));
      expect(await counts(knex)).toMatchObject({
        incidents: 1,
        events: 1,
        alerts: 1,
        audit: 0,
        versions: [1],
      });
    });
  });
});

import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  DEFAULT_SEVERITY_LEVELS,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { CallerVisibility } from '../access/EntityVisibility';
import { applyDatabaseMigrations } from '../database/migrations';
import { DEFAULT_POSTMORTEM_DUE_HOURS } from './postmortemDue';
import { ReviewService } from './ReviewService';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
/** The caller may not see ledger: none of its records may count. */
const LEDGER = 'component:default/ledger';
const TEAM = 'group:default/team-checkout';
const NOW = new Date('2026-12-06T12:00:00Z');
const MINUTE = 60_000;

const catalog = {
  async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
    return {
      items: entityRefs.map(ref =>
        ref === LEDGER || ref === 'group:default/secret' ? null : {},
      ),
    };
  },
  async getEntities() {
    return {
      items: [CART, CHECKOUT].map(ref => ({
        kind: 'Component',
        metadata: { namespace: 'default', name: ref.split('/')[1] },
      })),
    };
  },
} as unknown as CatalogService;

const at = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

/**
 * An incident of `entityRef` that started at `startedAt` and was detected,
 * acknowledged and resolved the given minutes later.
 */
function incident(
  entityRef: string,
  title: string,
  severity: string,
  startedAt: string,
  minutes: { detect?: number; ack?: number; resolve?: number },
  source = 'portal',
) {
  const after = (m?: number) =>
    m === undefined ? null : plus(startedAt, m * MINUTE);
  return {
    id: nextId('inc'),
    entity_ref: entityRef,
    title,
    severity,
    status: minutes.resolve === undefined ? 'investigating' : 'resolved',
    source,
    started_at: at(startedAt),
    detected_at: after(minutes.detect),
    acknowledged_at: after(minutes.ack),
    mitigated_at: null,
    resolved_at: after(minutes.resolve),
    created_at: at(startedAt),
    updated_at: at(startedAt),
  };
}

function postmortem(
  entityRef: string,
  status: string,
  publishedAt: string | null,
  incidentIds: string[],
) {
  return {
    row: {
      id: nextId('pm'),
      entity_ref: entityRef,
      title: 'What happened',
      status,
      author: 'user:default/lena.hoffmann',
      published_at: publishedAt ? at(publishedAt) : null,
      created_at: at('2026-10-01T00:00:00Z'),
      updated_at: at('2026-10-01T00:00:00Z'),
    },
    incidentIds,
  };
}

function actionItem(
  postmortemId: string,
  entityRef: string,
  createdAt: string,
  dueDate: string,
  status: string,
  completedAt: string | null = null,
) {
  return {
    id: nextId('ai'),
    postmortem_id: postmortemId,
    entity_ref: entityRef,
    title: 'Follow up',
    type: 'prevent',
    priority: 'P1',
    owner: 'group:default/team-checkout',
    due_date: dueDate,
    status,
    completed_at: completedAt ? at(completedAt) : null,
    created_at: at(createdAt),
    updated_at: at(createdAt),
  };
}

function snapshot(
  sloId: string,
  evaluatedAt: string,
  remaining: number | null,
  state = 'ok',
) {
  return {
    slo_id: sloId,
    entity_ref: sloId.split('/').slice(0, 2).join('/'),
    evaluated_at: at(evaluatedAt),
    state,
    sli: null,
    remaining_fraction: remaining,
  };
}

/**
 * A month (November 2026) of records with figures worked out by hand, and
 * one incident, postmortem and action items in October before it.
 */
async function insertFixture(knex: Knex) {
  // November (Nov 1 is a Sunday).
  const i1 = incident(
    CHECKOUT,
    'Payment errors',
    'SEV1',
    '2026-11-03T10:00:00Z',
    { detect: 5, ack: 10, resolve: 120 },
    'alertmanager',
  );
  const i2 = incident(
    CHECKOUT,
    'Slow checkout',
    'SEV2',
    '2026-11-10T22:00:00Z',
    { detect: 10, ack: 20, resolve: 240 },
    'alertmanager',
  );
  const i3 = incident(CART, 'Cart 500s', 'SEV2', '2026-11-17T14:00:00Z', {
    detect: 15,
    ack: 30,
    resolve: 60,
  });
  const i4 = incident(
    CHECKOUT,
    'Payment errors',
    'SEV1',
    '2026-11-24T03:00:00Z',
    { detect: 5, ack: 15, resolve: 180 },
    'alertmanager',
  );
  const i5 = incident(CART, 'Cart slow', 'SEV3', '2026-11-28T12:00:00Z', {});
  const hidden = incident(
    LEDGER,
    'Ledger down',
    'SEV1',
    '2026-11-05T10:00:00Z',
    { detect: 1, ack: 1, resolve: 1 },
    'alertmanager',
  );
  // October.
  const i0 = incident(
    CHECKOUT,
    'Slow checkout',
    'SEV2',
    '2026-10-20T10:00:00Z',
    { detect: 10, ack: 20, resolve: 120 },
  );
  await knex('incidents').insert([i0, i1, i2, i3, i4, i5, hidden]);

  const pm0 = postmortem(CHECKOUT, 'published', '2026-10-22T09:00:00Z', [
    i0.id,
  ]);
  const pm1 = postmortem(CHECKOUT, 'published', '2026-11-04T09:00:00Z', [
    i1.id,
  ]);
  const pm2 = postmortem(CHECKOUT, 'published', '2026-11-18T09:00:00Z', [
    i2.id,
  ]);
  const pm4 = postmortem(CHECKOUT, 'draft', null, [i4.id]);
  const pmHidden = postmortem(LEDGER, 'published', '2026-11-06T09:00:00Z', [
    hidden.id,
  ]);
  const postmortems = [pm0, pm1, pm2, pm4, pmHidden];
  await knex('postmortems').insert(postmortems.map(p => p.row));
  await knex('postmortem_incidents').insert(
    postmortems.flatMap(p =>
      p.incidentIds.map(id => ({ postmortem_id: p.row.id, incident_id: id })),
    ),
  );

  await knex('action_items').insert([
    actionItem(
      pm1.row.id,
      CHECKOUT,
      '2026-11-04T10:00:00Z',
      '2026-11-10',
      'done',
      '2026-11-08T10:00:00Z',
    ),
    actionItem(
      pm1.row.id,
      CHECKOUT,
      '2026-11-04T10:00:00Z',
      '2026-11-20',
      'open',
    ),
    actionItem(
      pm2.row.id,
      CHECKOUT,
      '2026-11-18T10:00:00Z',
      '2026-12-15',
      'open',
    ),
    actionItem(
      pm2.row.id,
      CHECKOUT,
      '2026-11-18T10:00:00Z',
      '2026-11-25',
      'done',
      '2026-12-02T10:00:00Z',
    ),
    actionItem(
      pm0.row.id,
      CHECKOUT,
      '2026-10-22T10:00:00Z',
      '2026-11-05',
      'done',
      '2026-11-02T10:00:00Z',
    ),
    actionItem(
      pm0.row.id,
      CHECKOUT,
      '2026-10-22T10:00:00Z',
      '2026-11-01',
      'done',
      '2026-11-25T10:00:00Z',
    ),
    actionItem(
      pm0.row.id,
      CHECKOUT,
      '2026-10-05T10:00:00Z',
      '2026-10-10',
      'wont_do',
    ),
    actionItem(
      pmHidden.row.id,
      LEDGER,
      '2026-11-06T10:00:00Z',
      '2026-11-07',
      'open',
    ),
  ]);

  const avail = `${CHECKOUT}/availability/0`;
  await knex('slo_snapshots').insert([
    snapshot(avail, '2026-10-15T00:00:00Z', 0.95),
    // Tiers by consumption: 0.1 normal, 0.4 increased monitoring, 0.8
    // freeze non-critical, 0.7 slowdown: three changes, two for the worse.
    snapshot(avail, '2026-11-01T00:00:00Z', 0.9),
    snapshot(avail, '2026-11-10T00:00:00Z', 0.6),
    snapshot(avail, '2026-11-20T00:00:00Z', 0.2),
    snapshot(avail, '2026-11-30T12:00:00Z', 0.3),
    snapshot(`${CART}/latency/0`, '2026-11-02T00:00:00Z', -0.1),
    snapshot(`${CART}/latency/0`, '2026-11-29T00:00:00Z', -0.2),
    snapshot(
      `${CART}/errors/0`,
      '2026-11-15T00:00:00Z',
      null,
      'source-unavailable',
    ),
    snapshot(`${LEDGER}/availability/0`, '2026-11-15T00:00:00Z', -0.5),
  ]);
}

/** November's figures, worked out by hand from the fixture. */
const NOVEMBER = {
  period: { kind: 'month', start: '2026-11-01', end: '2026-11-30' },
  slos: {
    evaluated: 3,
    met: 1,
    missed: 1,
    unknown: 1,
    budgetConsumedMean: expect.closeTo((0.7 + 1.2) / 2, 9),
    budgetConsumedWorst: expect.closeTo(1.2, 9),
    tierChanges: 3,
    tierWorsened: 2,
  },
  incidents: {
    total: 5,
    bySeverity: [
      { severity: 'SEV1', count: 2 },
      { severity: 'SEV2', count: 2 },
      { severity: 'SEV3', count: 1 },
    ],
    // (5 + 10 + 15 + 5) / 4 minutes
    mttdSeconds: 525,
    // (10 + 20 + 30 + 15) / 4 minutes
    mttaSeconds: 1125,
    // (2 + 4 + 1 + 3) / 4 hours
    mttrSeconds: 9000,
    // Nov 3 10:00 to Nov 28 12:00 is 602 hours, over four gaps
    mtbfSeconds: 150.5 * 3600,
    // the second "Payment errors" of checkout
    repeatRate: 0.2,
  },
  postmortems: {
    // Nov 4 (due Nov 5, on time) and Nov 18 (due Nov 16, late)
    completed: 2,
    onTime: 1,
    // SEV1 Nov 5, SEV2 Nov 16, SEV2 Nov 22 (none), SEV1 Nov 26 (draft)
    due: 4,
    late: 3,
  },
  actionItems: {
    created: 4,
    closed: 3,
    overdueAtEnd: 2,
    // created Oct 2 – Oct 30: two done (one within 30 days), one won't do
    thirtyDayCohort: 3,
    closedWithin30DaysRate: 1 / 3,
  },
  oncall: {
    pages: 3,
    // 3 pages over 30/7 weeks
    pagesPerWeek: 0.7,
    // 22:00 and 03:00
    offHoursPages: 2,
  },
};

const OCTOBER = {
  period: { kind: 'month', start: '2026-10-01', end: '2026-10-31' },
  slos: {
    evaluated: 1,
    met: 1,
    missed: 0,
    unknown: 0,
    budgetConsumedMean: expect.closeTo(0.05, 9),
    budgetConsumedWorst: expect.closeTo(0.05, 9),
    tierChanges: 0,
    tierWorsened: 0,
  },
  incidents: {
    total: 1,
    bySeverity: [{ severity: 'SEV2', count: 1 }],
    mttdSeconds: 600,
    mttaSeconds: 1200,
    mttrSeconds: 7200,
    mtbfSeconds: null,
    repeatRate: 0,
  },
  postmortems: { completed: 1, onTime: 1, due: 1, late: 0 },
  actionItems: {
    created: 3,
    closed: 0,
    overdueAtEnd: 0,
    thirtyDayCohort: 0,
    closedWithin30DaysRate: null,
  },
  oncall: { pages: 0, pagesPerWeek: 0, offHoursPages: 0 },
};

describe('ReviewService', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      await insertFixture(knex);
      let clock = 0;
      const service = ReviewService.create({
        knex,
        catalog,
        severityOrder: DEFAULT_SEVERITY_LEVELS.map(level => level.id),
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        postmortemDueHours: DEFAULT_POSTMORTEM_DUE_HOURS,
        clock: () => clock,
      });
      const visible = new CallerVisibility(
        catalog,
        mockCredentials.user('user:default/mallory'),
      );
      return { service, visible, knex, tick: (ms: number) => (clock += ms) };
    }

    const november = {
      period: { kind: 'month', start: '2026-11-01', end: '2026-11-30' },
      now: NOW,
    } as const;

    it("answers the organisation's month with the hand-computed figures beside the previous month's, without what the caller may not see", async () => {
      const { service, visible } = await setup();
      const review = await service.review(november, visible);
      expect(review.entityRef).toBeUndefined();
      expect(review.current).toEqual(NOVEMBER);
      expect(review.previous).toEqual(OCTOBER);
    });

    it('counts every record, also of components the catalog no longer has, for a caller the policy lets read the whole catalog', async () => {
      const { service } = await setup();
      const permissions = (result: AuthorizeResult) =>
        mockServices.permissions.mock({
          authorizeConditional: async () => [{ result } as any],
        });
      const caller = (result: AuthorizeResult) =>
        new CallerVisibility(
          catalog,
          mockCredentials.user('user:default/mallory'),
          permissions(result),
        );
      const whole = await service.review(
        november,
        caller(AuthorizeResult.ALLOW),
      );
      // The ledger's SEV1 page and its postmortem, which the catalog does
      // not return, are counted too.
      expect(whole.current.incidents.total).toBe(NOVEMBER.incidents.total + 1);
      expect(whole.current.oncall.pages).toBe(NOVEMBER.oncall.pages + 1);
      expect(whole.current.postmortems.completed).toBe(
        NOVEMBER.postmortems.completed + 1,
      );
      // Under a conditional decision the catalog is asked entity by entity.
      const conditional = await service.review(
        november,
        caller(AuthorizeResult.CONDITIONAL),
      );
      expect(conditional.current).toEqual(NOVEMBER);
    });

    it('answers the same review for a minute, saying when it was computed, then counts what was declared since', async () => {
      const { service, visible, knex, tick } = await setup();
      const first = await service.review(november, visible);
      await knex('incidents').insert(
        incident(CART, 'Cart down again', 'SEV2', '2026-11-29T10:00:00Z', {
          resolve: 30,
        }),
      );
      const later = new Date(NOW.getTime() + 30_000);
      tick(30_000);
      const again = await service.review({ ...november, now: later }, visible);
      expect(again.generatedAt).toBe(first.generatedAt);
      expect(again.current.incidents.total).toBe(NOVEMBER.incidents.total);
      tick(30_000);
      const fresh = await service.review({ ...november, now: later }, visible);
      expect(fresh.generatedAt).toBe(later.toISOString());
      expect(fresh.current.incidents.total).toBe(NOVEMBER.incidents.total + 1);
    });

    it("answers a group's month from the components it owns", async () => {
      const { service, visible } = await setup();
      const review = await service.review(
        { ...november, entityRef: TEAM },
        visible,
      );
      expect(review).toMatchObject({ entityRef: TEAM, componentCount: 2 });
      expect(review.current).toEqual(NOVEMBER);
    });

    it('draws the trend day by day', async () => {
      const { service, visible } = await setup();
      const { trend } = await service.review(november, visible);
      expect(trend.step).toBe('day');
      expect(trend.points).toHaveLength(30);
      expect(trend.points[0]).toEqual({
        start: '2026-11-01',
        incidents: [],
        budgetConsumedMean: expect.closeTo(0.1, 9),
      });
      expect(trend.points[2]).toMatchObject({
        start: '2026-11-03',
        incidents: [{ severity: 'SEV1', count: 1 }],
        budgetConsumedMean: null,
      });
      expect(trend.points[27].incidents).toEqual([
        { severity: 'SEV3', count: 1 },
      ]);
    });

    it('leaves a drill out of the counts, MTTA, MTTR, postmortems due and the trend, while an equal real incident counts', async () => {
      const { service, visible, knex, tick } = await setup();
      const rehearsal = (drill: string | null) => ({
        ...incident(
          CHECKOUT,
          'Game day: database failover',
          'SEV1',
          '2026-11-12T10:00:00Z',
          {
            detect: 1,
            ack: 2,
            resolve: 30,
          },
        ),
        drill,
      });
      await knex('incidents').insert(rehearsal('game_day'));
      const withDrill = await service.review(november, visible);
      expect(withDrill.current).toEqual(NOVEMBER);
      expect(withDrill.trend.points[11].incidents).toEqual([]);

      await knex('incidents').insert(rehearsal(null));
      // Past the minute a computed review is served again.
      tick(60_000);
      const withReal = await service.review(november, visible);
      expect(withReal.current.incidents.total).toBe(6);
      expect(withReal.current.incidents.mttaSeconds).toBe(
        (NOVEMBER.incidents.mttaSeconds * 4 + 2 * 60) / 5,
      );
      expect(withReal.current.postmortems.due).toBe(
        NOVEMBER.postmortems.due + 1,
      );
      expect(withReal.trend.points[11].incidents).toEqual([
        { severity: 'SEV1', count: 1 },
      ]);
    });

    it('counts a drill debrief and its action items in no postmortem or action-item figure, while an equal real postmortem counts', async () => {
      const { service, visible, knex, tick } = await setup();
      /** A resolved SEV1 with a postmortem published on time and two action items. */
      const withPostmortem = async (drill: string | null) => {
        const resolved = {
          ...incident(
            CHECKOUT,
            'Database failover',
            'SEV1',
            '2026-11-12T10:00:00Z',
            {
              detect: 1,
              ack: 2,
              resolve: 30,
            },
          ),
          drill,
        };
        const debrief = postmortem(
          CHECKOUT,
          'published',
          '2026-11-13T09:00:00Z',
          [resolved.id],
        );
        await knex('incidents').insert(resolved);
        await knex('postmortems').insert(debrief.row);
        await knex('postmortem_incidents').insert({
          postmortem_id: debrief.row.id,
          incident_id: resolved.id,
        });
        await knex('action_items').insert([
          actionItem(
            debrief.row.id,
            CHECKOUT,
            '2026-11-13T09:00:00Z',
            '2026-11-20',
            'done',
            '2026-11-14T09:00:00Z',
          ),
          actionItem(
            debrief.row.id,
            CHECKOUT,
            '2026-11-13T09:00:00Z',
            '2026-11-20',
            'open',
          ),
        ]);
      };

      await withPostmortem('game_day');
      const withDrill = await service.review(november, visible);
      expect(withDrill.current.postmortems).toEqual(NOVEMBER.postmortems);
      expect(withDrill.current.actionItems).toEqual(NOVEMBER.actionItems);

      await withPostmortem(null);
      tick(60_000);
      const withReal = await service.review(november, visible);
      expect(withReal.current.postmortems).toEqual({
        ...NOVEMBER.postmortems,
        completed: NOVEMBER.postmortems.completed + 1,
        onTime: NOVEMBER.postmortems.onTime + 1,
        due: NOVEMBER.postmortems.due + 1,
      });
      expect(withReal.current.actionItems).toEqual({
        ...NOVEMBER.actionItems,
        created: NOVEMBER.actionItems.created + 2,
        closed: NOVEMBER.actionItems.closed + 1,
        overdueAtEnd: NOVEMBER.actionItems.overdueAtEnd + 1,
      });
    });

    it('answers a group the caller may not see as one that does not exist', async () => {
      const { service, visible } = await setup();
      await expect(
        service.review(
          { ...november, entityRef: 'group:default/secret' },
          visible,
        ),
      ).rejects.toThrow('No entity group:default/secret in the catalog');
    });
  });
});

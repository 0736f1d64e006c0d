import { TestDatabases } from '@backstage/backend-test-utils';
import { ReliabilityTimeline } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

const CART = 'component:default/cart';
const CHECKOUT = 'component:default/checkout';
const LENA = OWNER;
const JONAS = 'user:default/jonas.weber';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * A week of cart as its owners lived it: a SEV1 three days ago, a SEV2
 * still open, a SEV3 three weeks ago, one postmortem published and one
 * action item done, and two SLO objectives of which one lost budget two
 * days ago. Checkout's records and cart's drafts and open items are noise
 * the timeline must leave out.
 */
async function seed(knex: Knex, now: number) {
  const at = (msAgo: number) => new Date(now - msAgo);
  const incident = (
    id: string,
    entityRef: string,
    severity: string,
    startedAgo: number,
    resolvedAgo: number | null,
  ) => ({
    id,
    entity_ref: entityRef,
    title: `${severity} of ${id}`,
    severity,
    status: resolvedAgo === null ? 'investigating' : 'resolved',
    source: 'portal',
    started_at: at(startedAgo),
    resolved_at: resolvedAgo === null ? null : at(resolvedAgo),
    created_at: at(startedAgo),
    updated_at: at(startedAgo),
  });
  await knex('incidents').insert([
    incident('inc-sev1', CART, 'SEV1', 3 * DAY, 3 * DAY - 2 * HOUR),
    { ...incident('inc-open', CART, 'SEV2', HOUR, null), drill: 'tabletop' },
    incident('inc-old', CART, 'SEV3', 21 * DAY, 21 * DAY - HOUR),
    incident('inc-checkout', CHECKOUT, 'SEV1', 2 * DAY, DAY),
  ]);
  const postmortem = (
    id: string,
    status: string,
    publishedAgo: number | null,
  ) => ({
    id,
    entity_ref: CART,
    title: `Postmortem ${id}`,
    status,
    author: LENA,
    published_at: publishedAgo === null ? null : at(publishedAgo),
    created_at: at(2 * DAY),
    updated_at: at(DAY),
  });
  await knex('postmortems').insert([
    postmortem('pm-published', 'published', DAY),
    postmortem('pm-draft', 'draft', null),
  ]);
  const actionItem = (
    id: string,
    status: string,
    completedAgo: number | null,
  ) => ({
    id,
    postmortem_id: 'pm-published',
    entity_ref: CART,
    title: `Action ${id}`,
    type: 'prevent',
    priority: 'P1',
    owner: OWNER_GROUP,
    status,
    completed_at: completedAgo === null ? null : at(completedAgo),
    created_at: at(DAY),
    updated_at: at(HOUR),
  });
  await knex('action_items').insert([
    actionItem('ai-done', 'done', 12 * HOUR),
    actionItem('ai-open', 'open', null),
  ]);
  // Hourly snapshots for 40 days: latency keeps 90 %, availability drops
  // from 80 % to 50 % two days ago.
  const snapshots = [];
  for (let hour = 40 * 24; hour >= 1; hour--) {
    const evaluated = at(hour * HOUR);
    snapshots.push(
      {
        slo_id: `${CART}/latency/0`,
        entity_ref: CART,
        evaluated_at: evaluated,
        state: 'ok',
        remaining_fraction: 0.9,
      },
      {
        slo_id: `${CART}/availability/0`,
        entity_ref: CART,
        evaluated_at: evaluated,
        state: 'ok',
        remaining_fraction: hour > 48 ? 0.8 : 0.5,
      },
      {
        slo_id: `${CHECKOUT}/availability/0`,
        entity_ref: CHECKOUT,
        evaluated_at: evaluated,
        state: 'ok',
        remaining_fraction: -1,
      },
    );
  }
  for (let i = 0; i < snapshots.length; i += 200) {
    await knex('slo_snapshots').insert(snapshots.slice(i, i + 200));
  }
}

/** Daily at 09:00 UTC, lena and jonas in turn, since 40 days ago. */
function dailySchedule(now: number) {
  return {
    name: 'cart-daily',
    ownerRef: OWNER_GROUP,
    schedule: {
      name: 'cart-daily',
      timeZone: 'UTC',
      layers: [
        {
          name: 'primary',
          participants: [LENA, JONAS],
          rotation: { length: 1, unit: 'days' },
          handoff: { time: '09:00' },
          start: new Date(now - 40 * DAY).toISOString().slice(0, 10),
        },
      ],
      overrides: [],
    },
    escalationPolicy: null,
  };
}

describe('GET /timeline', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      const now = Date.now();
      await seed(knex, now);
      const created = await api('post', '/schedules', OWNER).send(
        dailySchedule(now),
      );
      expect(created.status).toBe(201);
      return api;
    }

    it("shows a component's week: its budget, incidents, postmortems, closed action items and hand-offs, nobody else's", async () => {
      const api = await setup();
      const res = await api(
        'get',
        `/timeline?entityRef=${CART}&days=7`,
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      const timeline: ReliabilityTimeline = res.body;

      expect(
        timeline.incidents.map(i => [
          i.id,
          i.severity,
          i.resolvedAt === null,
          i.drill,
        ]),
      ).toEqual([
        ['inc-sev1', 'SEV1', false, null],
        // A drill is shown, and marked as one.
        ['inc-open', 'SEV2', true, 'tabletop'],
      ]);
      expect(timeline.postmortems.map(p => p.id)).toEqual(['pm-published']);
      expect(timeline.actionItems.map(a => a.id)).toEqual(['ai-done']);

      // One hand-off a day, alternating between the two.
      expect(timeline.handoffs).toHaveLength(7);
      for (const handoff of timeline.handoffs) {
        expect(handoff.schedule).toBe('cart-daily');
        expect(handoff.at).toMatch(/T09:00:00\.000Z$/);
        expect([handoff.from, handoff.to].sort()).toEqual([JONAS, LENA]);
      }
      expect(timeline.handoffs.slice(1).map(h => h.from)).toEqual(
        timeline.handoffs.slice(0, -1).map(h => h.to),
      );

      // The worst objective per step: 80 % until two days ago, then 50 %.
      const values = timeline.budget.points.map(p => p.remainingFraction);
      expect(values.length).toBeGreaterThan(100);
      expect(values[0]).toBe(0.8);
      expect(values[values.length - 1]).toBe(0.5);
      expect(new Set(values)).toEqual(new Set([0.8, 0.5]));
      expect(timeline.truncated).toEqual([]);
    });

    it('keeps the budget series to at most 180 steps over 30 and 90 days, and shows older incidents', async () => {
      const api = await setup();
      for (const days of [30, 90]) {
        const res = await api(
          'get',
          `/timeline?entityRef=${CART}&days=${days}`,
          NON_OWNER,
        );
        expect(res.status).toBe(200);
        // 30 days in 4-hour steps; 90 days in 12-hour steps, of which the
        // 40 days with snapshots fill about 80.
        expect(res.body.budget.points.length).toBeLessThanOrEqual(180);
        expect(res.body.budget.points.length).toBeGreaterThanOrEqual(
          days === 30 ? 179 : 80,
        );
        expect(res.body.incidents.map((i: { id: string }) => i.id)).toEqual([
          'inc-old',
          'inc-sev1',
          'inc-open',
        ]);
        // Over 90 days, every hand-off since the schedule's first, 40 days
        // ago: 41 from 09:00 UTC on, when today's has happened too.
        const sinceStart = new Date().getUTCHours() >= 9 ? 41 : 40;
        expect(res.body.handoffs).toHaveLength(days === 30 ? 30 : sinceStart);
      }
    });

    it('answers bad input with a 400 naming the field, an entity the caller cannot see with a 404, and the unauthenticated with a 401', async () => {
      const api = await setup();
      const cases: Array<[string, number, RegExp]> = [
        [`?entityRef=${CART}&days=14`, 400, /days: must be 7, 30 or 90/],
        [`?entityRef=${CART}&days=`, 400, /days: /],
        [
          '?entityRef=not%20a%20ref&days=7',
          400,
          /entityRef: not an entity ref/,
        ],
        ['?days=7', 400, /entityRef: /],
        [`?entityRef=${CART}&from=2026-01-01`, 400, /from/],
        [
          '?entityRef=component:default/hidden&days=7',
          404,
          /No entity component:default\/hidden/,
        ],
      ];
      for (const [query, status, message] of cases) {
        const res = await api('get', `/timeline${query}`, NON_OWNER);
        expect({ query, status: res.status }).toEqual({ query, status });
        expect(res.body.error.message).toMatch(message);
      }
      const anonymous = await api('get', `/timeline?entityRef=${CART}`);
      expect(anonymous.status).toBe(401);
    });
  });
});

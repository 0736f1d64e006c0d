import { TestDatabases } from '@backstage/backend-test-utils';
import { ScheduleHealth } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  scheduleAtLimits,
} from './__testUtils__/testSchedules';

jest.setTimeout(120_000);

const CART = 'component:default/cart';
const CHECKOUT = 'component:default/checkout';

/** Lena lives in New York; jonas has no zone in the catalog. */
const LENA_IN_NEW_YORK = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'lena.hoffmann',
    annotations: { 'reliability-hub.io/timezone': 'America/New_York' },
  },
  spec: {},
};

/*
 * checkout-main: lena and jonas weekly from Mon 2026-11-02 09:00 Berlin
 * (CET, UTC+1; the US is on EST, UTC−5, from 11-01). The fortnight
 * 11-02 – 11-15 is 11-01T23:00Z – 11-15T23:00Z, 336 h:
 *   gap   11-01T23Z – 11-02T08Z    9 h (before the first hand-off)
 *   lena  11-02T08Z – 11-09T08Z  168 h = Mon 03:00 – Mon 03:00 EST:
 *         working Mon–Fri 5 × 10 = 50, out of hours 118, weekend 48
 *   jonas 11-09T08Z – 11-15T23Z  159 h = Mon 09:00 – Mon 00:00 CET:
 *         working 9 + 4 × 10 = 49, out of hours 110, weekend 48
 * Incidents: cart (team-checkout's) at 11-03T10Z (lena), across the
 * hand-off at 11-09T07:30Z–08:30Z (both), in the gap at 11-02T01Z, and
 * before the period; checkout's (owned by lena, not the team) never counts.
 */
async function seedIncidents(knex: Knex) {
  const incident = (
    id: string,
    entityRef: string,
    started: string,
    resolved: string | null,
  ) => ({
    id,
    entity_ref: entityRef,
    title: `Incident ${id}`,
    severity: 'SEV2',
    status: resolved ? 'resolved' : 'investigating',
    source: 'portal',
    started_at: new Date(started),
    resolved_at: resolved ? new Date(resolved) : null,
    created_at: new Date(started),
    updated_at: new Date(started),
  });
  await knex('incidents').insert([
    incident('on-lena', CART, '2026-11-03T10:00:00Z', '2026-11-03T11:00:00Z'),
    incident('handoff', CART, '2026-11-09T07:30:00Z', '2026-11-09T08:30:00Z'),
    incident('in-gap', CART, '2026-11-02T01:00:00Z', '2026-11-02T02:00:00Z'),
    incident('before', CART, '2026-10-01T10:00:00Z', '2026-10-01T11:00:00Z'),
    incident('other', CHECKOUT, '2026-11-10T10:00:00Z', null),
  ]);
}

describe('GET /schedules/:id/health', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(
      options: { hiddenFrom?: Record<string, string[]> } = {},
    ) {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        entities: [LENA_IN_NEW_YORK],
        ...options,
      });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(created.status).toBe(201);
      await seedIncidents(knex);
      return { knex, api, id: created.body.id as string };
    }

    it("answers anyone who may see the team each person's load in their own zone, counting the team's incidents in one query", async () => {
      const { knex, api, id } = await setup();
      const incidentQueries: string[] = [];
      const onQuery = (query: { sql: string }) => {
        if (/\bincidents\b/.test(query.sql)) {
          incidentQueries.push(query.sql);
        }
      };
      knex.on('query', onQuery);
      const res = await api(
        'get',
        `/schedules/${id}/health?period=custom&start=2026-11-02&end=2026-11-15`,
        NON_OWNER,
      );
      knex.removeListener('query', onQuery);
      expect(res.status).toBe(200);
      const health: ScheduleHealth = res.body;
      expect(health).toMatchObject({
        scheduleId: id,
        name: 'checkout-main',
        ownerRef: OWNER_GROUP,
        period: { kind: 'custom', start: '2026-11-02', end: '2026-11-15' },
        from: '2026-11-01T23:00:00.000Z',
        to: '2026-11-15T23:00:00.000Z',
        hours: 336,
        componentCount: 1,
        incidentsLimited: false,
        totals: {
          shifts: 2,
          onCallHours: 327,
          outOfHoursHours: 228,
          weekendHours: 96,
          incidents: 2,
          incidentsInGaps: 1,
          longestStretchHours: 168,
        },
        gapHours: 9,
        fairness: {
          mostLoaded: LENA,
          leastLoaded: JONAS,
          onCallHoursSpread: 9,
          outOfHoursSpread: 8,
        },
      });
      expect(health.people).toEqual([
        {
          user: LENA,
          timeZone: 'America/New_York',
          timeZoneSource: 'person',
          inRotation: true,
          shifts: 1,
          onCallHours: 168,
          outOfHoursHours: 118,
          weekendHours: 48,
          incidents: 2,
          longestStretchHours: 168,
        },
        {
          user: JONAS,
          timeZone: 'Europe/Berlin',
          timeZoneSource: 'schedule',
          inRotation: true,
          shifts: 1,
          onCallHours: 159,
          outOfHoursHours: 110,
          weekendHours: 48,
          incidents: 1,
          longestStretchHours: 159,
        },
      ]);
      expect(incidentQueries).toHaveLength(1);
    });

    it('answers a bad period with a 400 that names the field', async () => {
      const { api, id } = await setup();
      const cases: Array<[string, RegExp]> = [
        [
          '?period=custom&start=2026-01-01&end=2026-04-03',
          /end: must be at most 92 days \(a quarter\) after start/,
        ],
        [
          '?period=custom&start=2026-11-10&end=2026-11-01',
          /end: must not be before start/,
        ],
        [
          '?period=custom&start=2026-11-01',
          /end: required for a custom period/,
        ],
        ['?period=week&start=monday', /start: /],
        ['?period=year', /period: /],
        ['?from=2026-11-01&to=2026-11-08', /from/],
      ];
      for (const [query, message] of cases) {
        const res = await api('get', `/schedules/${id}/health${query}`, OWNER);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
    });

    it('answers 401 without a token, and 404 for a schedule the caller may not see', async () => {
      const { api, id } = await setup({
        hiddenFrom: { [NON_OWNER]: [OWNER_GROUP] },
      });
      const path = `/schedules/${id}/health?period=week&start=2026-11-02`;
      expect((await api('get', path)).status).toBe(401);
      expect((await api('get', path, NON_OWNER)).status).toBe(404);
      expect(
        (
          await api(
            'get',
            '/schedules/6a1f0000-0000-4000-8000-000000000001/health',
            OWNER,
          )
        ).status,
      ).toBe(404);
    });

    it('answers a quarter of a schedule at every limit quickly', async () => {
      const { api } = await setup();
      const created = await api('post', '/schedules', OWNER).send(
        scheduleAtLimits(new Date('2026-08-01T00:00:00Z')),
      );
      expect(created.status).toBe(201);
      const started = performance.now();
      const res = await api(
        'get',
        `/schedules/${created.body.id}/health?period=quarter&start=2026-07-01`,
        OWNER,
      );
      const ms = performance.now() - started;
      expect(res.status).toBe(200);
      expect(res.body.hours).toBe(92 * 24);
      expect(res.body.people.length).toBeGreaterThan(900);
      // A backstop against work that grows with more than the bounds, not a
      // speed target: generous for a machine busy with other test workers.
      expect(ms).toBeLessThan(10_000);
    });
  });
});

import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import {
  paymentsEntity,
  TEST_OPENSLO,
  TEST_OPENSLO_URL,
  textResponse,
} from './__testUtils__/sloFixtures';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';

/** A bucket start `minutes` whole minutes before now. */
const minutesAgo = (minutes: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000,
  ).toISOString();

describe('SLO routes', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(
      openSlo: string | (() => string) = TEST_OPENSLO,
      hiddenFrom: Record<string, string[]> = {},
    ) {
      const knex = await databases.init(databaseId);
      const urlReader = mockServices.urlReader.mock({
        readUrl: async (url: string) => {
          if (url === TEST_OPENSLO_URL) {
            const text = typeof openSlo === 'string' ? openSlo : openSlo();
            return textResponse(text, String(text.length)) as any;
          }
          throw new NotFoundError(`${url} does not exist`);
        },
      });
      const { server } = await startReliabilityBackend({
        knex,
        entities: [
          paymentsEntity(OWNER),
          {
            ...paymentsEntity(OWNER_GROUP),
            metadata: {
              ...paymentsEntity(OWNER_GROUP).metadata,
              name: 'payments-eu',
            },
          },
        ],
        features: [urlReader.factory],
        hiddenFrom,
      });
      const api = apiClient(server);
      return { knex, api, server };
    }

    const push = (samples: object[], sloName = 'payments-availability') => ({
      entityRef: PAYMENTS,
      sloName,
      samples,
    });

    it('answers an entity its SLOs from the definitions, before any evaluation', async () => {
      const { api } = await setup();
      const res = await api('get', `/slos?entityRef=${PAYMENTS}`, NON_OWNER);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: PAYMENTS,
        configured: true,
        problems: [],
      });
      const byName = Object.fromEntries(
        res.body.slos.map((s: any) => [s.sloName, s]),
      );
      expect(Object.keys(byName).sort()).toEqual([
        'payments-availability',
        'payments-latency',
        'payments-prometheus',
      ]);
      expect(byName['payments-availability']).toMatchObject({
        id: `${PAYMENTS}/payments-availability/0`,
        target: 0.999,
        sourceType: 'push',
        owner: OWNER,
        system: 'system:default/shop',
        timeWindow: { duration: '28d', rolling: true },
        budget: { totalMinutes: expect.closeTo(40.32, 5) },
      });
      expect(byName['payments-latency']).toMatchObject({
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.95,
        timeSliceWindowSeconds: 300,
      });

      const other = await api(
        'get',
        '/slos?entityRef=component:default/cart',
        NON_OWNER,
      );
      expect(other.body).toMatchObject({ configured: false, slos: [] });
      expect(
        (await api('get', '/slos?entityRef=not a ref', NON_OWNER)).status,
      ).toBe(400);
      expect((await api('get', `/slos?entityRef=${PAYMENTS}`)).status).toBe(
        401,
      );
    });

    it('stores pushed samples once per bucket, for owners only, with one audit row per request', async () => {
      const { api, knex, server } = await setup();
      const samples = [
        { bucketStart: minutesAgo(2), good: 99, total: 100 },
        { bucketStart: minutesAgo(1), good: 100, total: 100 },
      ];
      const denied = await api('post', '/sli-samples', NON_OWNER).send(
        push(samples),
      );
      expect(denied.status).toBe(403);

      const first = await api('post', '/sli-samples', OWNER).send(
        push(samples),
      );
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ stored: 2 });

      // Posting a bucket again replaces it.
      const again = await api('post', '/sli-samples', OWNER).send(
        push([{ ...samples[0], good: 50 }]),
      );
      expect(again.body).toEqual({ stored: 1 });
      const rows = await knex('sli_samples')
        .where({ entity_ref: PAYMENTS })
        .orderBy('bucket_start');
      expect(rows.map(r => [Number(r.good), Number(r.total)])).toEqual([
        [50, 100],
        [100, 100],
      ]);
      // A job pushing with service credentials may too.
      const fromJob = await request(server)
        .post('/api/reliability/sli-samples')
        .set('Authorization', mockCredentials.service.header())
        .send(push([{ bucketStart: minutesAgo(3), good: 7, total: 7 }]));
      expect(fromJob.status).toBe(200);

      const audit = await knex('audit_log')
        .where({ action: 'sli-samples.push' })
        .orderBy('at');
      expect(audit).toHaveLength(3);
      expect(audit[0]).toMatchObject({ actor: OWNER, entity_ref: PAYMENTS });
    });

    it.each([
      [
        'a bucket not aligned to its length',
        push([{ bucketStart: '2026-11-22T10:00:30Z', good: 1, total: 1 }]),
        /samples\.0\.bucketStart: must be aligned/,
      ],
      [
        'more good than total events',
        push([{ bucketStart: minutesAgo(5), good: 2, total: 1 }]),
        /samples\.0\.good: must not be greater than total/,
      ],
      [
        'neither counts nor a value',
        push([{ bucketStart: minutesAgo(5) }]),
        /samples\.0\.total: missing: good and total .* or value/,
      ],
      [
        'good without total',
        push([{ bucketStart: minutesAgo(5), good: 1 }]),
        /samples\.0\.total: missing: a ratio sample needs both good and total/,
      ],
      [
        'negative counts',
        push([{ bucketStart: minutesAgo(5), good: -1, total: 1 }]),
        /samples\.0\.good/,
      ],
      [
        'the same bucket twice',
        push([
          { bucketStart: minutesAgo(5), good: 1, total: 1 },
          { bucketStart: minutesAgo(5), good: 1, total: 1 },
        ]),
        /samples\.1\.bucketStart: the same bucket appears twice/,
      ],
      [
        'more than 1,000 samples',
        push(
          Array.from({ length: 1001 }, (_, i) => ({
            bucketStart: minutesAgo(i + 1),
            good: 1,
            total: 1,
          })),
        ),
        /samples: /,
      ],
      ['no samples', push([]), /samples: /],
    ])('answers 400 to %s', async (_case, body, message) => {
      const { api } = await setup();
      const res = await api('post', '/sli-samples', OWNER).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('stores the measured values of a threshold SLI, and refuses samples of the wrong form naming the sample', async () => {
      const { api, knex } = await setup(`${TEST_OPENSLO}---
apiVersion: openslo/v1
kind: SLO
metadata: { name: payments-p95 }
spec:
  service: payments
  indicator:
    metadata: { name: payments-p95-latency }
    spec:
      thresholdMetric: { metricSource: { type: push, spec: {} } }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ displayName: p95 under 300 ms, op: lt, value: 0.3, target: 0.99, timeSliceWindow: 5m }]
`);
      await api('get', `/slos?entityRef=${PAYMENTS}`, OWNER);
      const stored = await api('post', '/sli-samples', OWNER).send(
        push([{ bucketStart: minutesAgo(1), value: 0.21 }], 'payments-p95'),
      );
      expect(stored.status).toBe(200);
      const rows = await knex('sli_samples').where({
        slo_name: 'payments-p95',
      });
      expect(rows.map(r => Number(r.value))).toEqual([0.21]);

      const counts = await api('post', '/sli-samples', OWNER).send(
        push(
          [
            { bucketStart: minutesAgo(2), value: 0.2 },
            { bucketStart: minutesAgo(3), good: 1, total: 1 },
          ],
          'payments-p95',
        ),
      );
      expect(counts.status).toBe(400);
      expect(counts.body.error.message).toMatch(
        /samples\[1\]: SLO payments-p95 has a thresholdMetric SLI; post its measured value/,
      );
      const value = await api('post', '/sli-samples', OWNER).send(
        push([{ bucketStart: minutesAgo(2), value: 0.2 }]),
      );
      expect(value.status).toBe(400);
      expect(value.body.error.message).toMatch(
        /samples\[0\]: SLO payments-availability has a ratioMetric SLI; post good and total/,
      );
      const both = await api('post', '/sli-samples', OWNER).send(
        push(
          [{ bucketStart: minutesAgo(2), value: 0.2, good: 1, total: 1 }],
          'payments-p95',
        ),
      );
      expect(both.status).toBe(400);
      expect(both.body.error.message).toMatch(
        /samples\.0\.value: give either value .* or good and total/,
      );
    });

    it('answers 404 for an unknown SLO and 409 for an SLO of another source', async () => {
      const { api } = await setup();
      const sample = { bucketStart: minutesAgo(5), good: 1, total: 1 };
      // The definitions are read on the first request for the entity.
      await api('get', `/slos?entityRef=${PAYMENTS}`, OWNER);
      const unknown = await api('post', '/sli-samples', OWNER).send(
        push([sample], 'no-such-slo'),
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/no-such-slo/);
      const prometheus = await api('post', '/sli-samples', OWNER).send(
        push([sample], 'payments-prometheus'),
      );
      expect(prometheus.status).toBe(409);
      expect(prometheus.body.error.message).toMatch(/Prometheus/);
    });

    it('refreshes an entity on demand for owners, audited, and 404 for unknown entities', async () => {
      const { api, knex } = await setup();
      expect(
        (await api('post', `/slos/refresh?entityRef=${PAYMENTS}`, NON_OWNER))
          .status,
      ).toBe(403);
      const res = await api(
        'post',
        `/slos/refresh?entityRef=${PAYMENTS}`,
        OWNER,
      );
      expect(res.status).toBe(200);
      expect(res.body.slos).toHaveLength(3);
      expect(res.body.definitionsReadAt).toEqual(expect.any(String));
      expect(
        await knex('audit_log').where({ action: 'slo-definitions.refresh' }),
      ).toHaveLength(1);
      expect(
        (
          await api(
            'post',
            '/slos/refresh?entityRef=component:default/nope',
            OWNER,
          )
        ).status,
      ).toBe(404);
    });

    it('answers one objective its definition and history, 404 for unknown ids', async () => {
      const { api } = await setup();
      await api('get', `/slos?entityRef=${PAYMENTS}`, OWNER);
      const id = encodeURIComponent(`${PAYMENTS}/payments-availability/0`);
      const res = await api('get', `/slos/${id}/history`, NON_OWNER);
      expect(res.status).toBe(200);
      expect(res.body.slo.id).toBe(`${PAYMENTS}/payments-availability/0`);
      expect(res.body.definitionYaml).toContain('name: payments-availability');
      expect(res.body.definitionYaml).not.toContain('payments-latency');
      expect(res.body.points).toEqual(expect.any(Array));
      expect(res.body.tiers[0].name).toBe('Normal operations');

      const missing = encodeURIComponent(`${PAYMENTS}/nope/0`);
      expect((await api('get', `/slos/${missing}/history`, OWNER)).status).toBe(
        404,
      );
      expect(
        (
          await api(
            'get',
            `/slos/${id}/history?from=2026-11-22T10:00:00Z&to=2026-11-21T10:00:00Z`,
            OWNER,
          )
        ).status,
      ).toBe(400);
    });

    it('lists every SLO in the overview and puts them in the entity summary', async () => {
      const { api } = await setup();
      await api('get', `/slos?entityRef=${PAYMENTS}`, OWNER);
      const overview = await api(
        'get',
        `/slos/overview?owner=${OWNER}`,
        NON_OWNER,
      );
      expect(overview.status).toBe(200);
      expect(overview.body.items).toHaveLength(3);
      expect(overview.body.tiers).toHaveLength(6);
      const none = await api(
        'get',
        '/slos/overview?system=system:default/other',
        NON_OWNER,
      );
      expect(none.body.items).toEqual([]);
      expect(
        (await api('get', '/slos/overview?state=broken', NON_OWNER)).status,
      ).toBe(400);

      const summary = await api(
        'get',
        `/entity-summary?entityRef=${PAYMENTS}`,
        NON_OWNER,
      );
      expect(summary.status).toBe(200);
      expect(summary.body.slos).toMatchObject({
        entityRef: PAYMENTS,
        configured: true,
      });
      expect(summary.body.slos.slos).toHaveLength(3);
    });

    it('pages the overview worst first, with the counts over every SLO that matches', async () => {
      const { api } = await setup();
      await api('post', `/slos/refresh?entityRef=${PAYMENTS}`, OWNER);
      await api(
        'post',
        '/slos/refresh?entityRef=component:default/payments-eu',
        OWNER,
      );
      const all = await api('get', '/slos/overview?limit=100', NON_OWNER);
      expect(all.status).toBe(200);
      expect(all.body.totalItems).toBe(6);
      expect(all.body.counts).toEqual({
        slos: 6,
        paging: 0,
        ticketing: 0,
        outOfBudget: 0,
      });
      expect(all.body.systems).toEqual(['system:default/shop']);
      const ids = all.body.items.map((s: any) => s.id);
      expect(ids).toHaveLength(6);

      const first = await api('get', '/slos/overview?limit=4', NON_OWNER);
      expect(first.body.items.map((s: any) => s.id)).toEqual(ids.slice(0, 4));
      expect(first.body.totalItems).toBe(6);
      const second = await api(
        'get',
        `/slos/overview?limit=4&cursor=${first.body.nextCursor}`,
        NON_OWNER,
      );
      expect(second.body.items.map((s: any) => s.id)).toEqual(ids.slice(4));
      expect(second.body.totalItems).toBe(6);
      expect(second.body.nextCursor).toBeUndefined();
      const exact = await api('get', '/slos/overview?limit=6', NON_OWNER);
      expect(exact.body.items).toHaveLength(6);
      expect(exact.body.nextCursor).toBeUndefined();

      const owned = await api(
        'get',
        `/slos/overview?owner=${OWNER_GROUP}&limit=1`,
        NON_OWNER,
      );
      expect(owned.body.items).toHaveLength(1);
      expect(owned.body.items[0].entityRef).toBe(
        'component:default/payments-eu',
      );
      expect(owned.body.totalItems).toBe(3);
      // The system filter keeps its choices whatever is filtered.
      expect(owned.body.systems).toEqual(['system:default/shop']);

      for (const query of ['limit=0', 'limit=101', 'cursor=x', 'cursor=WzFd']) {
        const bad = await api('get', `/slos/overview?${query}`, NON_OWNER);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(query.split('=')[0]);
      }
    });

    it('neither lists nor counts the SLOs of entities the catalog hides from the caller', async () => {
      const { api } = await setup(TEST_OPENSLO, {
        [NON_OWNER]: ['component:default/payments-eu'],
      });
      await api('post', `/slos/refresh?entityRef=${PAYMENTS}`, OWNER);
      await api(
        'post',
        '/slos/refresh?entityRef=component:default/payments-eu',
        OWNER,
      );
      const mine = await api('get', '/slos/overview', OWNER);
      expect(mine.body.totalItems).toBe(6);

      const hidden = await api('get', '/slos/overview?limit=100', NON_OWNER);
      expect(hidden.status).toBe(200);
      expect(hidden.body.totalItems).toBe(3);
      expect(hidden.body.counts.slos).toBe(3);
      expect(new Set(hidden.body.items.map((s: any) => s.entityRef))).toEqual(
        new Set([PAYMENTS]),
      );
      const byOwner = await api(
        'get',
        `/slos/overview?owner=${OWNER_GROUP}`,
        NON_OWNER,
      );
      expect(byOwner.body).toMatchObject({
        items: [],
        totalItems: 0,
        counts: { slos: 0 },
      });
    });

    it('shows a refresh of the definitions in the next overview', async () => {
      let openSlo = TEST_OPENSLO;
      const { api } = await setup(() => openSlo);
      await api('post', `/slos/refresh?entityRef=${PAYMENTS}`, OWNER);
      const before = await api('get', '/slos/overview', NON_OWNER);
      expect(before.body.totalItems).toBe(3);
      expect(before.body.items.map((s: any) => s.target)).toContain(0.999);

      openSlo = TEST_OPENSLO.replace('target: 0.999', 'target: 0.995');
      const refreshed = await api(
        'post',
        `/slos/refresh?entityRef=${PAYMENTS}`,
        OWNER,
      );
      expect(refreshed.status).toBe(200);
      const after = await api('get', '/slos/overview', NON_OWNER);
      const targets = after.body.items.map((s: any) => s.target);
      expect(targets).toContain(0.995);
      expect(targets).not.toContain(0.999);
    });

    it("aggregates a group's components' SLOs in its summary", async () => {
      const { api } = await setup();
      await api(
        'post',
        '/slos/refresh?entityRef=component:default/payments-eu',
        OWNER,
      );
      const summary = await api(
        'get',
        `/entity-summary?entityRef=${OWNER_GROUP}`,
        NON_OWNER,
      );
      expect(summary.status).toBe(200);
      expect(summary.body.components).toEqual([
        'component:default/cart',
        'component:default/payments-eu',
      ]);
      expect(summary.body.slos).toMatchObject({
        entityRef: OWNER_GROUP,
        configured: true,
      });
      expect(summary.body.slos.slos.map((s: any) => s.entityRef)).toEqual([
        'component:default/payments-eu',
        'component:default/payments-eu',
        'component:default/payments-eu',
      ]);
    });
  });
});

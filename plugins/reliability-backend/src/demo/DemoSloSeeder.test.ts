import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyDatabaseMigrations } from '../database/migrations';
import { parseOpenSlo } from '../slo/parse';
import { SloEvaluator } from '../slo/evaluation/SloEvaluator';
import { PushSliSource } from '../slo/push/PushSliSource';
import { DatabaseSloStore } from '../slo/store/DatabaseSloStore';
import { EntitySloDefinitions } from '../slo/store/SloStore';
import { DemoSloSeeder } from './DemoSloSeeder';

jest.setTimeout(180_000);

const examples = resolve(__dirname, '../../../../examples/components');
const NOW = new Date('2026-11-22T15:42:10Z');

function demoDefinitions(component: string): EntitySloDefinitions {
  const { slos, problems } = parseOpenSlo(
    readFileSync(resolve(examples, component, 'openslo.yaml'), 'utf8'),
    './openslo.yaml',
  );
  expect(problems).toEqual([]);
  return {
    entityRef: `component:default/${component}`,
    location: './openslo.yaml',
    contentHash: component,
    etags: {},
    slos: slos.map(definition => ({ definition, yaml: null })),
    problems: [],
    readAt: NOW.toISOString(),
  };
}

describe('DemoSloSeeder', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'gives the demo components 30 days of history and differing figures on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const sources = new SliSourceRegistry();
      sources.add(PushSliSource.create({ store }));
      const logger = mockServices.logger.mock();
      const evaluator = SloEvaluator.create({
        store,
        sources,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        timeoutMs: 10_000,
        logger,
      });
      const seeder = DemoSloSeeder.create({
        store,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        logger,
        evaluator,
      });

      // The scheduled top-up only extends series that exist.
      expect(await seeder.topUp(NOW, { existingOnly: true })).toBe(0);
      const added = await seeder.topUp(NOW);
      expect(added).toBe(7 * 30 * 24 * 12);
      // Idempotent: nothing more until the next bucket is complete.
      expect(await seeder.topUp(NOW)).toBe(0);
      expect(await seeder.topUp(new Date(NOW.getTime() + 5 * 60_000))).toBe(7);

      for (const component of [
        'checkout',
        'payments-api',
        'catalog-search',
        'ledger',
      ]) {
        const definitions = demoDefinitions(component);
        await store.saveDefinitions(definitions);
        await seeder.afterDefinitionsRead(definitions, NOW);
      }
      const statuses = await store.listStatuses();
      const byName = Object.fromEntries(
        [...statuses.values()].map(s => [s.sloName, s]),
      );
      const summary = Object.fromEntries(
        Object.entries(byName).map(([name, s]) => [
          name,
          { state: s.state, tier: s.tier?.name, alert: s.alert.state },
        ]),
      );
      expect(summary).toEqual({
        'checkout-availability': {
          state: 'ok',
          tier: 'Deployment slowdown',
          alert: 'ok',
        },
        'checkout-latency': {
          state: 'ok',
          tier: expect.any(String),
          alert: 'ok',
        },
        'checkout-latency-p95': {
          state: 'ok',
          tier: expect.any(String),
          alert: 'ok',
        },
        'payments-api-availability': {
          state: 'ok',
          tier: 'Normal operations',
          alert: 'ok',
        },
        'payments-api-availability-monthly': {
          state: 'ok',
          tier: expect.any(String),
          alert: 'ok',
        },
        'catalog-search-latency': {
          state: 'ok',
          tier: expect.any(String),
          alert: 'ticket',
        },
        'ledger-correctness': {
          state: 'ok',
          tier: 'Normal operations',
          alert: 'ok',
        },
      });
      expect(byName['checkout-latency'].budgetingMethod).toBe('Timeslices');
      // "p95 < 500 ms": the hour of slow answers two days ago is 12 bad
      // 5-minute slices of the week's 2017 (the slice the week's start cuts
      // counts whole), 60 % of the 20.17 allowed.
      expect(byName['checkout-latency-p95']).toMatchObject({
        threshold: { op: 'lt', value: 0.5 },
        good: 2017 - 12,
        total: 2017,
      });
      expect(
        byName['checkout-latency-p95'].budget.consumedFraction,
      ).toBeCloseTo(12 / 20.17, 6);
      const p95History = await store.getHistory(
        byName['checkout-latency-p95'].id,
        {
          from: new Date(NOW.getTime() - 31 * 24 * 3600_000),
          to: NOW,
          maxPoints: 10_000,
        },
      );
      expect(p95History.length).toBe(30 * 24 + 1);

      // Hourly history over 30 days, plus the evaluation just made.
      const history = await store.getHistory(
        byName['checkout-availability'].id,
        {
          from: new Date(NOW.getTime() - 31 * 24 * 3600_000),
          to: NOW,
          maxPoints: 10_000,
        },
      );
      expect(history.length).toBe(30 * 24 + 1);
      // The incident nine days ago shows as a drop of the remaining budget.
      const remaining = history.map(p => p.remainingFraction ?? 1);
      expect(Math.max(...remaining) - Math.min(...remaining)).toBeGreaterThan(
        0.3,
      );
    },
  );
});

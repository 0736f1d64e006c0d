/*
 * What one SLO overview request and one evaluation cycle cost in CPU, in
 * process, with 1,000 components of the demo checkout's OpenSLO file (3,000
 * push SLOs) in SQLite, and the longest the event loop waited meanwhile
 * (and the longest garbage collection within it). Skipped unless asked for:
 *
 *   SLO_OVERVIEW_BENCH=1 yarn backstage-cli package test src/slo/__benchmarks__
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { SliSourceRegistry } from '@reliability-hub/plugin-reliability-node';
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { CallerVisibility } from '../../access/EntityVisibility';
import { applyDatabaseMigrations } from '../../database/migrations';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import { parseOpenSlo } from '../parse';
import { PushSliSource } from '../push/PushSliSource';
import { SloService } from '../SloService';
import { DatabaseSloStore } from '../store/DatabaseSloStore';

jest.setTimeout(600_000);

const COMPONENTS = 1000;
const REQUESTS = 30;

const DEMO_OPENSLO = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../../examples/components/checkout/openslo.yaml',
  ),
  'utf8',
);

/** CPU and wall milliseconds of `run`, the longest stall and GC pause. */
async function measure(run: () => Promise<unknown>) {
  // The longest gap between timers due every millisecond: how long the
  // loop could not serve anything else.
  let last = performance.now();
  let maxStallMs = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last);
    last = now;
    if (running) {
      setTimeout(tick, 1);
    }
  };
  setTimeout(tick, 1);
  let maxGcMs = 0;
  const gc = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      maxGcMs = Math.max(maxGcMs, entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // The gap that ends with the run is seen by the next timer.
  await new Promise(resolve => setTimeout(resolve, 2));
  running = false;
  gc.disconnect();
  return {
    cpuMs: (used.user + used.system) / 1000,
    wallMs,
    maxStallMs,
    maxGcMs,
  };
}

const format = (m: Awaited<ReturnType<typeof measure>>, times = 1) =>
  `${(m.cpuMs / times).toFixed(2)} ms CPU, ${(m.wallMs / times).toFixed(
    2,
  )} ms wall, longest stall ${m.maxStallMs.toFixed(
    1,
  )} ms (longest GC ${m.maxGcMs.toFixed(1)} ms)`;

(process.env.SLO_OVERVIEW_BENCH ? describe : describe.skip)(
  'SLO overview cost',
  () => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

    it('measures an overview request and an evaluation cycle', async () => {
      const knex = await databases.init('SQLITE_3');
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const { slos, problems } = parseOpenSlo(DEMO_OPENSLO, 'openslo.yaml');
      expect(problems).toEqual([]);
      for (let i = 0; i < COMPONENTS; i++) {
        await store.saveDefinitions({
          entityRef: `component:default/bench-${String(i).padStart(5, '0')}`,
          location: 'url:https://git.example.com/openslo.yaml',
          owner: `group:default/team-${i % 50}`,
          system: `system:default/system-${i % 20}`,
          contentHash: 'h',
          etags: {},
          slos: slos.map(definition => ({ definition, yaml: DEMO_OPENSLO })),
          problems: [],
          readAt: new Date().toISOString(),
        });
      }
      const sources = new SliSourceRegistry();
      sources.add(PushSliSource.create({ store }));
      const evaluator = SloEvaluator.create({
        store,
        sources,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
        timeoutMs: 600_000,
        logger: mockServices.logger.mock(),
      });
      const firstCycle = await measure(() => evaluator.runCycle());
      const cycle = await measure(() => evaluator.runCycle());
      const statuses = await evaluator.runCycle();
      const write = await measure(() => store.writeEvaluations(statuses));

      const service = SloService.create({
        store,
        refresher: {} as any,
        tiers: DEFAULT_ERROR_BUDGET_POLICY,
      });
      const caller = {
        readsWholeCatalog: async () => true,
        refs: async (refs: Iterable<string>) => new Set(refs),
      } as unknown as CallerVisibility;
      let bytes = 0;
      const request = async () => {
        const answer = await service.overview({ limit: 20 }, caller);
        bytes = JSON.stringify(answer).length;
      };
      const firstRequest = await measure(request);
      const requests = await measure(async () => {
        for (let i = 0; i < REQUESTS; i++) {
          await request();
          // Requests arrive apart: one request's stall is measured, not thirty.
          await new Promise(resolve => setImmediate(resolve));
        }
      });
      // eslint-disable-next-line no-console
      console.log(
        [
          `SLOs: ${slos.length * COMPONENTS}`,
          `first evaluation cycle: ${format(firstCycle)}`,
          `evaluation cycle: ${format(cycle)}`,
          `writing its statuses: ${format(write)}`,
          `first overview request (after an evaluation): ${format(
            firstRequest,
          )}`,
          `overview request: ${format(
            requests,
            REQUESTS,
          )} each, ${bytes} bytes`,
        ].join('\n'),
      );
    });
  },
);

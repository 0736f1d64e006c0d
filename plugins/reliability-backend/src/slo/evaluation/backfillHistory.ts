import {
  ErrorBudgetPolicyTier,
  SloHistoryPoint,
} from '@reliability-hub/plugin-reliability-common';
import { SliSource } from '@reliability-hub/plugin-reliability-node';
import { EntitySloDefinitions, SloStore } from '../store/SloStore';
import { computeSloStatus } from './computeSloStatus';
import { evaluationItem } from './sloQueries';

/**
 * Rebuilds the history of an entity's objectives that have none, by
 * evaluating them at every `stepMs` in `[from, to)` against `source` (used
 * for the demo, whose samples go back 30 days). Answers how many points were
 * written.
 *
 * @internal
 */
export async function backfillHistory(options: {
  store: SloStore;
  entity: EntitySloDefinitions;
  source: SliSource;
  tiers: readonly ErrorBudgetPolicyTier[];
  from: Date;
  to: Date;
  stepMs: number;
}): Promise<number> {
  const { store, entity, source, tiers, from, to, stepMs } = options;
  let written = 0;
  for (const { definition } of entity.slos) {
    for (let index = 0; index < definition.objectives.length; index++) {
      const id = evaluationItem(entity, definition, index, to).base.id;
      if (await store.hasHistory(id)) {
        continue;
      }
      const points: SloHistoryPoint[] = [];
      for (let at = from.getTime(); at < to.getTime(); at += stepMs) {
        const now = new Date(at);
        const item = evaluationItem(entity, definition, index, now);
        const [answer] = await source.query([item.query]);
        const status = computeSloStatus(item.base, answer, {
          now,
          window: item.window,
          tiers,
        });
        points.push({
          at: now.toISOString(),
          sli: status.sli,
          remainingFraction: status.budget.remainingFraction,
          burnRate1h: status.burnRates['1h'] ?? null,
          burnRate6h: status.burnRates['6h'] ?? null,
          state: status.state,
        });
      }
      await store.insertHistory(id, entity.entityRef, points);
      written += points.length;
    }
  }
  return written;
}

import {
  BURN_RATE_WINDOW_SECONDS,
  BURN_RATE_WINDOWS,
  SloStatus,
  SloTimeWindow,
} from '@reliability-hub/plugin-reliability-common';
import { SliQuery } from '@reliability-hub/plugin-reliability-node';
import { indicatorSourceType, SloDefinition } from '../parse';
import { pendingStatus, windowOf } from '../sloStatus';
import { EntitySloDefinitions } from '../store/SloStore';
import { SLO_WINDOW } from './computeSloStatus';

/**
 * One objective to evaluate: its status as defined, its window and the query
 * its source answers.
 *
 * @internal
 */
export interface SloEvaluationItem {
  base: SloStatus;
  sourceType: string;
  window: SloTimeWindow;
  query: SliQuery;
}

/**
 * The query for one objective at `now`: the SLO window so far (a calendar
 * window from its start) and every burn-rate window.
 *
 * @internal
 */
export function evaluationItem(
  entity: Pick<EntitySloDefinitions, 'entityRef' | 'owner' | 'system'>,
  definition: SloDefinition,
  objectiveIndex: number,
  now: Date,
): SloEvaluationItem {
  const base = pendingStatus(entity, definition, objectiveIndex, now);
  const window = windowOf(definition, now);
  const objective = definition.objectives[objectiveIndex];
  const { ratio, threshold } = definition.indicator;
  const sloSeconds = Math.max(
    1,
    Math.round((Math.min(window.end, now.getTime()) - window.start) / 1000),
  );
  return {
    base,
    sourceType: indicatorSourceType(definition.indicator),
    window,
    query: {
      key: base.id,
      entityRef: entity.entityRef,
      sloName: definition.name,
      ...(ratio?.good ? { good: ratio.good.spec } : {}),
      ...(ratio?.bad ? { bad: ratio.bad.spec } : {}),
      ...(ratio ? { total: ratio.total.spec } : {}),
      ...(threshold && objective.threshold
        ? {
            threshold: {
              metric: threshold.spec,
              op: objective.threshold.op,
              value: objective.threshold.value,
            },
          }
        : {}),
      end: now,
      windows: [
        { name: SLO_WINDOW, seconds: sloSeconds },
        ...BURN_RATE_WINDOWS.map(name => ({
          name,
          seconds: BURN_RATE_WINDOW_SECONDS[name],
        })),
      ],
      ...(definition.budgetingMethod === 'Timeslices' &&
      objective.timeSliceWindowSeconds &&
      objective.timeSliceTarget
        ? {
            timeSlices: {
              seconds: objective.timeSliceWindowSeconds,
              target: objective.timeSliceTarget,
            },
          }
        : {}),
    },
  };
}

/**
 * The objectives of these entities to evaluate at `now`.
 *
 * @internal
 */
export function evaluationItems(
  entities: EntitySloDefinitions[],
  now: Date,
): SloEvaluationItem[] {
  return entities.flatMap(entity =>
    entity.slos.flatMap(({ definition }) =>
      definition.objectives.map((_objective, index) =>
        evaluationItem(entity, definition, index, now),
      ),
    ),
  );
}

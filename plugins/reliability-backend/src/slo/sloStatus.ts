import {
  errorBudgetMinutes,
  SloStatus,
  SloTimeWindow,
  sloWindowAt,
  windowLengthMinutes,
} from '@reliability-hub/plugin-reliability-common';
import { indicatorSourceType, SloDefinition } from './parse';
import { EntitySloDefinitions } from './store/SloStore';

/**
 * The id of one objective of an SLO: `<entityRef>/<slo name>/<index>`.
 *
 * @internal
 */
export function sloIdOf(
  entityRef: string,
  sloName: string,
  objectiveIndex: number,
): string {
  return `${entityRef}/${sloName}/${objectiveIndex}`;
}

/**
 * The window of an SLO at an instant (rolling, or the calendar period
 * containing it).
 *
 * @internal
 */
export function windowOf(definition: SloDefinition, at: Date): SloTimeWindow {
  const { timeWindow } = definition;
  return sloWindowAt(
    timeWindow.rolling
      ? { duration: timeWindow.duration, isRolling: true }
      : {
          duration: timeWindow.duration,
          isRolling: false,
          timeZone: timeWindow.timeZone,
        },
    at,
  );
}

/**
 * An objective as defined, before any evaluation: state `pending` and no
 * figures. Evaluations fill in the figures.
 *
 * @internal
 */
export function pendingStatus(
  entity: Pick<EntitySloDefinitions, 'entityRef' | 'owner' | 'system'>,
  definition: SloDefinition,
  objectiveIndex: number,
  now: Date,
): SloStatus {
  const objective = definition.objectives[objectiveIndex];
  const several = definition.objectives.length > 1;
  const timeSlices = definition.budgetingMethod === 'Timeslices';
  const { timeWindow } = definition;
  return {
    id: sloIdOf(entity.entityRef, definition.name, objectiveIndex),
    entityRef: entity.entityRef,
    sloName: definition.name,
    displayName: several
      ? `${definition.displayName}: ${objective.displayName}`
      : definition.displayName,
    ...(definition.description ? { description: definition.description } : {}),
    ...(entity.owner ? { owner: entity.owner } : {}),
    ...(entity.system ? { system: entity.system } : {}),
    target: objective.target,
    budgetingMethod: definition.budgetingMethod,
    ...(timeSlices && objective.timeSliceTarget !== null
      ? { timeSliceTarget: objective.timeSliceTarget }
      : {}),
    ...(timeSlices && objective.timeSliceWindowSeconds !== null
      ? { timeSliceWindowSeconds: objective.timeSliceWindowSeconds }
      : {}),
    timeWindow: timeWindow.rolling
      ? { duration: timeWindow.duration, rolling: true }
      : {
          duration: timeWindow.duration,
          rolling: false,
          timeZone: timeWindow.timeZone,
        },
    ...(objective.threshold ? { threshold: objective.threshold } : {}),
    sourceType: indicatorSourceType(definition.indicator),
    definition: {
      file: definition.file,
      documentIndex: definition.documentIndex,
    },
    state: 'pending',
    evaluatedAt: null,
    window: null,
    good: null,
    total: null,
    sli: null,
    budget: {
      totalMinutes: errorBudgetMinutes(
        objective.target,
        windowLengthMinutes(windowOf(definition, now)),
      ),
      totalEvents: null,
      consumedFraction: null,
      remainingFraction: null,
      remainingMinutes: null,
    },
    burnRates: {},
    alert: { state: 'ok', rule: null },
    forecast: { exhaustionAt: null, remainingIn24h: null, remainingIn7d: null },
    tier: null,
  };
}

/**
 * The current statuses of an entity's objectives: the definition as read now,
 * with the figures of the latest evaluation (pending when none).
 *
 * @internal
 */
export function currentStatuses(
  entity: EntitySloDefinitions,
  latest: Map<string, SloStatus>,
  now: Date,
): SloStatus[] {
  return entity.slos.flatMap(({ definition }) =>
    definition.objectives.map((_objective, index) => {
      const base = pendingStatus(entity, definition, index, now);
      const stored = latest.get(base.id);
      if (!stored || stored.target !== base.target) {
        // Never evaluated, or evaluated against another target.
        return base;
      }
      return {
        ...stored,
        ...base,
        state: stored.state,
        ...(stored.stateMessage ? { stateMessage: stored.stateMessage } : {}),
        evaluatedAt: stored.evaluatedAt,
        window: stored.window,
        good: stored.good,
        total: stored.total,
        sli: stored.sli,
        budget: stored.budget,
        burnRates: stored.burnRates,
        alert: stored.alert,
        forecast: stored.forecast,
        tier: stored.tier,
      };
    }),
  );
}

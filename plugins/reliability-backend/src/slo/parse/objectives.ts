// OpenSLO objectives: targets, and the Timeslices settings.
import {
  assertSloTarget,
  SloDurationUnit,
} from '@reliability-hub/plugin-reliability-common';
import { SloBudgetingMethod, SloObjective } from './types';
import { DocumentContext, Path, describe } from './documentContext';
import { parseDuration } from './timeWindow';

const SECONDS_PER_UNIT: Partial<Record<SloDurationUnit, number>> = {
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
};

/** @internal */
export function parseTarget(
  ctx: DocumentContext,
  objective: Record<string, unknown>,
  path: Path,
): number | undefined {
  const hasTarget = objective.target !== undefined && objective.target !== null;
  const hasPercent =
    objective.targetPercent !== undefined && objective.targetPercent !== null;
  if (hasTarget && hasPercent) {
    ctx.report(
      [...path, 'targetPercent'],
      'give either target (a fraction) or targetPercent, not both',
    );
    return undefined;
  }
  if (!hasTarget && !hasPercent) {
    ctx.report(
      [...path, 'target'],
      'missing: set target as a fraction (e.g. 0.999) or targetPercent (e.g. 99.9)',
    );
    return undefined;
  }
  let fraction: number;
  if (hasTarget) {
    const target = objective.target;
    const targetPath = [...path, 'target'];
    if (typeof target !== 'number' || !Number.isFinite(target)) {
      ctx.report(
        targetPath,
        `must be a number between 0 and 1 (e.g. 0.999 for 99.9 %), got ${describe(
          target,
        )}`,
      );
      return undefined;
    }
    if (target >= 1) {
      const hint =
        target > 1 && target < 100
          ? `; for a percentage use targetPercent: ${target}`
          : '';
      ctx.report(targetPath, `must be below 1 (100 %), got ${target}${hint}`);
      return undefined;
    }
    if (target <= 0) {
      ctx.report(targetPath, `must be above 0, got ${target}`);
      return undefined;
    }
    fraction = target;
  } else {
    const percent = objective.targetPercent;
    const percentPath = [...path, 'targetPercent'];
    if (typeof percent !== 'number' || !Number.isFinite(percent)) {
      ctx.report(
        percentPath,
        `must be a number between 0 and 100 (e.g. 99.9), got ${describe(
          percent,
        )}`,
      );
      return undefined;
    }
    if (percent >= 100) {
      ctx.report(percentPath, `must be below 100 (%), got ${percent}`);
      return undefined;
    }
    if (percent <= 0) {
      ctx.report(percentPath, `must be above 0, got ${percent}`);
      return undefined;
    }
    fraction = percent / 100;
  }
  try {
    assertSloTarget(fraction);
  } catch (error) {
    ctx.reportError(
      [...path, hasTarget ? 'target' : 'targetPercent'],
      error,
      fraction,
    );
    return undefined;
  }
  return fraction;
}

/** @internal */
export function parseObjectives(
  ctx: DocumentContext,
  value: unknown,
  budgetingMethod: SloBudgetingMethod | undefined,
  fallbackDisplayName: string,
): SloObjective[] | undefined {
  const path = ['spec', 'objectives'];
  if (value === undefined || value === null) {
    ctx.report(
      path,
      'missing: an SLO needs at least one objective, e.g. [{ displayName: ..., target: 0.999 }]',
    );
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    ctx.report(
      path,
      `must be a non-empty list of objectives, got ${describe(value)}`,
    );
    return undefined;
  }
  const before = ctx.problems.length;
  const objectives: SloObjective[] = [];
  value.forEach((item, i) => {
    const itemPath = [...path, i];
    const objective = ctx.requiredRecord(item, itemPath);
    if (!objective) {
      return;
    }
    const displayName =
      ctx.optionalString(objective.displayName, [...itemPath, 'displayName']) ??
      (value.length === 1
        ? fallbackDisplayName
        : `${fallbackDisplayName} #${i + 1}`);
    const target = parseTarget(ctx, objective, itemPath);
    let timeSliceTarget: number | null = null;
    let timeSliceWindowSeconds: number | null = null;
    const sliceTargetPath = [...itemPath, 'timeSliceTarget'];
    const sliceWindowPath = [...itemPath, 'timeSliceWindow'];
    const hasSliceTarget =
      objective.timeSliceTarget !== undefined &&
      objective.timeSliceTarget !== null;
    const hasSliceWindow =
      objective.timeSliceWindow !== undefined &&
      objective.timeSliceWindow !== null;
    if (budgetingMethod === 'Timeslices') {
      const sliceTarget = objective.timeSliceTarget;
      if (!hasSliceTarget) {
        ctx.report(
          sliceTargetPath,
          'missing: budgetingMethod Timeslices needs timeSliceTarget, the share of good events that makes a slice good (e.g. 0.95)',
        );
      } else if (
        typeof sliceTarget !== 'number' ||
        !(sliceTarget > 0 && sliceTarget <= 1)
      ) {
        ctx.report(
          sliceTargetPath,
          `must be a fraction above 0 and at most 1, got ${describe(
            sliceTarget,
          )}`,
        );
      } else {
        timeSliceTarget = sliceTarget;
      }
      if (!hasSliceWindow) {
        ctx.report(
          sliceWindowPath,
          'missing: budgetingMethod Timeslices needs timeSliceWindow, the slice length (e.g. 5m)',
        );
      } else {
        const duration = parseDuration(
          ctx,
          objective.timeSliceWindow,
          sliceWindowPath,
        );
        const seconds = duration && SECONDS_PER_UNIT[duration.unit];
        if (duration && seconds === undefined) {
          ctx.report(
            sliceWindowPath,
            `must be a fixed length in s, m, h, d or w (e.g. 5m), got ${describe(
              duration.text,
            )}`,
          );
        } else if (duration && seconds !== undefined) {
          timeSliceWindowSeconds = duration.amount * seconds;
        }
      }
    } else if (budgetingMethod === 'Occurrences') {
      if (hasSliceTarget) {
        ctx.report(
          sliceTargetPath,
          'only allowed with budgetingMethod Timeslices (this SLO uses Occurrences)',
        );
      }
      if (hasSliceWindow) {
        ctx.report(
          sliceWindowPath,
          'only allowed with budgetingMethod Timeslices (this SLO uses Occurrences)',
        );
      }
    }
    if (target !== undefined) {
      objectives.push({
        displayName,
        target,
        timeSliceTarget,
        timeSliceWindowSeconds,
      });
    }
  });
  return ctx.problems.length > before ? undefined : objectives;
}

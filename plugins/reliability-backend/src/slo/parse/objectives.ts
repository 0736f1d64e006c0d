// OpenSLO objectives: targets, and the Timeslices settings.
import {
  assertSloTarget,
  isSloThresholdOp,
  SLO_THRESHOLD_OPS,
  SloDurationUnit,
  SloThreshold,
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

/**
 * An objective's `op` and `value`: required for a threshold SLI, refused for
 * a ratio SLI (an `undefined` kind, an invalid indicator, only checks them).
 */
function parseThreshold(
  ctx: DocumentContext,
  objective: Record<string, unknown>,
  path: Path,
  indicatorKind: 'ratio' | 'threshold' | undefined,
): SloThreshold | undefined {
  const opPath = [...path, 'op'];
  const valuePath = [...path, 'value'];
  const hasOp = objective.op !== undefined && objective.op !== null;
  const hasValue = objective.value !== undefined && objective.value !== null;
  if (indicatorKind === 'ratio') {
    if (hasOp || hasValue) {
      ctx.report(
        hasOp ? opPath : valuePath,
        "op and value belong to a thresholdMetric SLI; this SLO's indicator is a ratioMetric, whose objective is its target only",
      );
    }
    return undefined;
  }
  let op: SloThreshold['op'] | undefined;
  if (!hasOp) {
    if (indicatorKind === 'threshold') {
      ctx.report(
        opPath,
        `missing: a thresholdMetric SLI needs op (${SLO_THRESHOLD_OPS.join(
          ', ',
        )}), the comparison a good value passes, e.g. op: lt with value: 0.5`,
      );
    }
  } else if (!isSloThresholdOp(objective.op)) {
    ctx.report(
      opPath,
      `must be one of ${SLO_THRESHOLD_OPS.join(', ')}, got ${describe(
        objective.op,
      )}`,
    );
  } else {
    op = objective.op;
  }
  let thresholdValue: number | undefined;
  if (!hasValue) {
    if (indicatorKind === 'threshold') {
      ctx.report(
        valuePath,
        'missing: a thresholdMetric SLI needs value, the threshold the measured value is compared with, e.g. 0.5',
      );
    }
  } else if (
    typeof objective.value !== 'number' ||
    !Number.isFinite(objective.value)
  ) {
    ctx.report(valuePath, `must be a number, got ${describe(objective.value)}`);
  } else {
    thresholdValue = objective.value;
  }
  return op !== undefined && thresholdValue !== undefined
    ? { op, value: thresholdValue }
    : undefined;
}

/** @internal */
export function parseObjectives(
  ctx: DocumentContext,
  value: unknown,
  budgetingMethod: SloBudgetingMethod | undefined,
  fallbackDisplayName: string,
  indicatorKind?: 'ratio' | 'threshold',
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
    const threshold = parseThreshold(ctx, objective, itemPath, indicatorKind);
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
      if (indicatorKind === 'threshold') {
        // The metric is read over each whole slice: the slice is good when
        // that one value meets the threshold, so no share applies.
        if (hasSliceTarget && sliceTarget !== 1) {
          ctx.report(
            sliceTargetPath,
            `leave timeSliceTarget out (or 1) with a thresholdMetric SLI: a slice is good when the metric over the whole slice meets op and value, got ${describe(
              sliceTarget,
            )}`,
          );
        } else {
          timeSliceTarget = 1;
        }
      } else if (!hasSliceTarget) {
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
        threshold: threshold ?? null,
      });
    }
  });
  return ctx.problems.length > before ? undefined : objectives;
}

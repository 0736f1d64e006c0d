/**
 * Threshold SLIs (OpenSLO `thresholdMetric`): the indicator is one measured
 * value, such as a p95 latency, and an objective's `op` and `value` say when
 * that value is good ("p95 < 500 ms" is `op: lt`, `value: 0.5`).
 */

/**
 * The comparison operators of an OpenSLO threshold objective.
 *
 * @public
 */
export const SLO_THRESHOLD_OPS = ['lt', 'lte', 'gt', 'gte'] as const;

/**
 * A comparison operator of a threshold objective: the measured value must be
 * less than (`lt`), at most (`lte`), more than (`gt`) or at least (`gte`)
 * the objective's `value`.
 *
 * @public
 */
export type SloThresholdOp = (typeof SLO_THRESHOLD_OPS)[number];

/**
 * The condition of a threshold objective.
 *
 * @public
 */
export interface SloThreshold {
  op: SloThresholdOp;
  value: number;
}

/**
 * Whether `op` is one of {@link SLO_THRESHOLD_OPS}.
 *
 * @public
 */
export function isSloThresholdOp(op: unknown): op is SloThresholdOp {
  return (SLO_THRESHOLD_OPS as readonly unknown[]).includes(op);
}

/**
 * The comparison sign of an operator, as PromQL and people write it.
 *
 * @public
 */
export function thresholdSign(op: SloThresholdOp): '<' | '<=' | '>' | '>=' {
  switch (op) {
    case 'lt':
      return '<';
    case 'lte':
      return '<=';
    case 'gt':
      return '>';
    default:
      return '>=';
  }
}

/**
 * Whether a measured value meets the threshold, e.g. 0.42 s meets `lt 0.5`.
 * A value that is not a number (no requests, so no quantile) meets nothing;
 * sources leave such points out instead of counting them.
 *
 * @public
 */
export function meetsThreshold(
  measured: number,
  threshold: SloThreshold,
): boolean {
  if (Number.isNaN(measured)) {
    return false;
  }
  switch (threshold.op) {
    case 'lt':
      return measured < threshold.value;
    case 'lte':
      return measured <= threshold.value;
    case 'gt':
      return measured > threshold.value;
    default:
      return measured >= threshold.value;
  }
}

/**
 * A threshold in words: `< 0.5`, `≥ 99`.
 *
 * @public
 */
export function describeThreshold(threshold: SloThreshold): string {
  const sign = { lt: '<', lte: '≤', gt: '>', gte: '≥' }[threshold.op];
  return `${sign} ${threshold.value}`;
}

// The SLI part of OpenSLO: ratio and threshold metrics and their metric sources.
import { SloIndicator, SloMetricSource, SloRatioMetric } from './types';
import { DocumentContext, isRecord, Path, describe } from './documentContext';

/** The outcome of reading one SLI document, for `indicatorRef`.
 *
 * @internal
 */
export type SliEntry =
  | { valid: true; indicator: SloIndicator; documentIndex: number }
  | { valid: false; documentIndex: number };

/** @internal */
export function parseMetricSource(
  ctx: DocumentContext,
  value: unknown,
  path: Path,
): SloMetricSource | undefined {
  const side = ctx.requiredRecord(
    value,
    path,
    'expected { metricSource: { type, spec } }',
  );
  if (!side) {
    return undefined;
  }
  const source = ctx.requiredRecord(
    side.metricSource,
    [...path, 'metricSource'],
    'expected { type, spec }, e.g. type: Prometheus with spec.query',
  );
  if (!source) {
    return undefined;
  }
  const type = ctx.requiredString(source.type, [
    ...path,
    'metricSource',
    'type',
  ]);
  const spec = ctx.requiredRecord(
    source.spec,
    [...path, 'metricSource', 'spec'],
    'the source settings, e.g. { query: "sum(rate(...))" }',
  );
  return type !== undefined && spec !== undefined ? { type, spec } : undefined;
}

/** @internal */
export function parseRatioMetric(
  ctx: DocumentContext,
  spec: Record<string, unknown>,
  path: Path,
): SloRatioMetric | undefined {
  const ratioPath = [...path, 'ratioMetric'];
  const ratio = ctx.requiredRecord(
    spec.ratioMetric,
    ratioPath,
    'expected ratioMetric with good (or bad) and total, or thresholdMetric',
  );
  if (!ratio) {
    return undefined;
  }
  const before = ctx.problems.length;
  let counter: boolean | undefined;
  if (ratio.counter !== undefined && ratio.counter !== null) {
    if (typeof ratio.counter === 'boolean') {
      counter = ratio.counter;
    } else {
      ctx.report(
        [...ratioPath, 'counter'],
        `must be true or false, got ${describe(ratio.counter)}`,
      );
    }
  }
  const hasGood = ratio.good !== undefined && ratio.good !== null;
  const hasBad = ratio.bad !== undefined && ratio.bad !== null;
  let good: SloMetricSource | undefined;
  let bad: SloMetricSource | undefined;
  if (hasGood && hasBad) {
    ctx.report(
      [...ratioPath, 'bad'],
      'ratioMetric has both good and bad: give only one of them (with total)',
    );
  } else if (!hasGood && !hasBad) {
    ctx.report(
      [...ratioPath, 'good'],
      'missing: ratioMetric needs good (or bad) events as well as total',
    );
  } else if (hasGood) {
    good = parseMetricSource(ctx, ratio.good, [...ratioPath, 'good']);
  } else {
    bad = parseMetricSource(ctx, ratio.bad, [...ratioPath, 'bad']);
  }
  let total: SloMetricSource | undefined;
  if (ratio.total === undefined || ratio.total === null) {
    ctx.report(
      [...ratioPath, 'total'],
      `missing: ratioMetric needs total events to divide ${
        hasBad ? 'bad' : 'good'
      } events by`,
    );
  } else {
    total = parseMetricSource(ctx, ratio.total, [...ratioPath, 'total']);
  }
  if (ctx.problems.length > before || !total || !(good || bad)) {
    return undefined;
  }
  return {
    ...(counter !== undefined ? { counter } : {}),
    ...(good ? { good } : {}),
    ...(bad ? { bad } : {}),
    total,
  };
}

/**
 * Reads an SLI: a whole `kind: SLI` document (`path` empty) or an inline
 * `spec.indicator` (`path` = `['spec', 'indicator']`).
 *
 * @internal
 */
export function parseIndicator(
  ctx: DocumentContext,
  value: Record<string, unknown>,
  path: Path,
  fallbackName?: string,
): SloIndicator | undefined {
  const before = ctx.problems.length;
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  if (value.metadata !== undefined && !metadata) {
    ctx.report(
      [...path, 'metadata'],
      `must be a mapping, got ${describe(value.metadata)}`,
    );
  }
  let name: string | undefined;
  if (fallbackName !== undefined && metadata?.name === undefined) {
    name = fallbackName;
  } else {
    name = ctx.requiredString(metadata?.name, [...path, 'metadata', 'name']);
  }
  const displayName = ctx.optionalString(metadata?.displayName, [
    ...path,
    'metadata',
    'displayName',
  ]);
  const spec = ctx.requiredRecord(
    value.spec,
    [...path, 'spec'],
    'expected spec.ratioMetric or spec.thresholdMetric',
  );
  const description = spec
    ? ctx.optionalString(spec.description, [...path, 'spec', 'description'])
    : undefined;
  const present = (field: string) =>
    spec?.[field] !== undefined && spec?.[field] !== null;
  let metric:
    | { ratio: SloRatioMetric }
    | { threshold: SloMetricSource }
    | undefined;
  if (spec && present('thresholdMetric') && present('ratioMetric')) {
    ctx.report(
      [...path, 'spec', 'thresholdMetric'],
      'give either ratioMetric or thresholdMetric, not both',
    );
  } else if (spec && present('thresholdMetric')) {
    const threshold = parseMetricSource(ctx, spec.thresholdMetric, [
      ...path,
      'spec',
      'thresholdMetric',
    ]);
    metric = threshold ? { threshold } : undefined;
  } else if (spec) {
    const ratio = parseRatioMetric(ctx, spec, [...path, 'spec']);
    metric = ratio ? { ratio } : undefined;
  }
  if (ctx.problems.length > before || !name || !metric) {
    return undefined;
  }
  return {
    name,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    ...metric,
  };
}

/**
 * The `metricSource.type` an indicator reads from (the total's for a ratio).
 *
 * @internal
 */
export function indicatorSourceType(indicator: SloIndicator): string {
  return indicator.ratio
    ? indicator.ratio.total.type
    : indicator.threshold.type;
}

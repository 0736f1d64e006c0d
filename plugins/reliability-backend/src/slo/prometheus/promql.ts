/**
 * Turning OpenSLO `metricSource.spec` queries into the PromQL the source
 * sends, one expression per (query, window).
 *
 * What a query may look like (`spec.query`, or `spec.promql`):
 * - PromQL with the placeholder `{{.window}}` (spaces allowed inside the
 *   braces), as Sloth writes it:
 *   `sum(increase(http_requests_total{code!~"5.."}[{{.window}}]))`. The
 *   placeholder becomes the window as a Prometheus duration (`5m`, `1h`, `28d`).
 * - A plain counter selector without functions, `http_requests_total{code!~"5.."}`:
 *   read as `sum(increase(<selector>[{{.window}}]))`.
 * Anything else has no window to fill in and is refused with a message
 * saying so. Every expression is wrapped in `sum(…)` so a query that keeps
 * labels still yields one number per window.
 */

const PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;
const SELECTOR =
  /^\s*(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})\s*$/;

/** The label the batch adds to every branch so answers can be split again. */
export const BRANCH_LABEL = '__rh_key';

/**
 * A window length as a Prometheus duration in its largest whole unit:
 * 300 → `5m`, 2419200 → `28d`, 90 → `90s`.
 *
 * @internal
 */
export function promDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new Error(
      `window length must be a whole number of seconds > 0, got ${seconds}`,
    );
  }
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

/**
 * The PromQL text of one side of a ratio metric.
 *
 * @throws Error naming the field when there is no usable query.
 * @internal
 */
export function queryText(
  spec: Record<string, unknown> | undefined,
  side: string,
): string {
  const text = spec?.query ?? spec?.promql;
  if (typeof text !== 'string' || !text.trim()) {
    throw new Error(
      `the ${side} metricSource.spec has no PromQL: set spec.query (or spec.promql)`,
    );
  }
  if (!text.match(PLACEHOLDER) && !SELECTOR.test(text)) {
    throw new Error(
      `the ${side} query has no {{.window}} placeholder and is not a plain counter selector: ` +
        `write it like sum(increase(metric_total{…}[{{.window}}]))`,
    );
  }
  return text.trim();
}

/**
 * The query for one window, summed to a single number.
 *
 * @internal
 */
export function windowExpr(text: string, seconds: number): string {
  const duration = promDuration(seconds);
  const body = text.match(PLACEHOLDER)
    ? text.replace(PLACEHOLDER, duration)
    : `increase(${text}[${duration}])`;
  return `sum(${body})`;
}

/** The three sides of a ratio metric as PromQL texts; good or bad is set. */
export interface RatioTexts {
  good?: string;
  bad?: string;
  total: string;
}

/**
 * Expressions counting Timeslices over a window of `windowSeconds` ending at
 * the evaluation instant: `goodSlices` the slices whose good/total ratio
 * reaches `target` (a slice with a total of 0 is good, as in
 * `isGoodTimeSlice`), `slices` the slices with data.
 *
 * The subquery `[W−1s:S]` evaluates at the multiples of S in `(t−W, t]`: W/S
 * slices, each `(p−S, p]`, together exactly the window, on Prometheus 2
 * (closed ranges) and 3 (left-open ranges) alike. The ratio is compared in
 * PromQL as a division, the same float operation the common math does.
 *
 * @internal
 */
export function timeSliceExprs(
  texts: RatioTexts,
  windowSeconds: number,
  slice: { seconds: number; target: number },
): { goodSlices: string; slices: string } {
  const total = windowExpr(texts.total, slice.seconds);
  const good =
    texts.good !== undefined
      ? `(${windowExpr(texts.good, slice.seconds)} or vector(0))`
      : `(${total} - (${windowExpr(texts.bad!, slice.seconds)} or vector(0)))`;
  const range = `[${Math.max(windowSeconds - 1, 1)}s:${promDuration(
    slice.seconds,
  )}]`;
  const isGood = `clamp_max((${good} / ${total} >= bool ${String(
    slice.target,
  )}) + (${total} == bool 0), 1)`;
  return {
    goodSlices: `sum_over_time((${isGood})${range})`,
    slices: `count_over_time((${total})${range})`,
  };
}

/**
 * One PromQL request answering many expressions: each branch is labelled
 * with its index in {@link BRANCH_LABEL}, and the branches are joined with
 * `or` (their label sets differ, so none hides another) into a balanced
 * tree: Prometheus walks from every selector up to the root while planning
 * a query, which over a flat chain of `or` costs time quadratic in the
 * number of branches.
 *
 * @internal
 */
export function batchExpr(exprs: readonly string[]): string {
  const branches = exprs.map(
    (expr, index) =>
      `label_replace(${expr}, "${BRANCH_LABEL}", "${index}", "", "")`,
  );
  const join = (from: number, to: number): string => {
    if (to - from === 1) {
      return branches[from];
    }
    const mid = Math.ceil((from + to) / 2);
    const part = (a: number, b: number) =>
      b - a > 1 ? `(${join(a, b)})` : join(a, b);
    return `${part(from, mid)} or ${part(mid, to)}`;
  };
  return branches.length ? join(0, branches.length) : '';
}

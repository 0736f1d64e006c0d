/**
 * Turning OpenSLO `metricSource.spec` queries into PromQL, one expression per
 * (query, window): the Prometheus source sends them, and the generated
 * Prometheus rules record them, so both judge an SLO the same way.
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
 *
 * Queries of many entities share one request, so a query must stay inside
 * the `sum(…)` it is put in: each one must be a single expression with
 * balanced brackets and no comma outside them (see {@link checkExpression}).
 */

const PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;
const PLACEHOLDER_AT = /\{\{\s*\.window\s*\}\}/y;
const SELECTOR =
  /^\s*(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})\s*$/;

/**
 * The longest query accepted, in characters.
 *
 * @public
 */
export const MAX_QUERY_CHARS = 20_000;

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Reads `text` as PromQL's lexer does as far as strings (`"…"` and `'…'`
 * with backslash escapes, raw strings in backquotes), `#` line comments and
 * brackets go, and answers it without its comments, or what keeps it from
 * being one expression that can be put inside brackets: a bracket that
 * closes nothing or the wrong one, one never closed, a string never closed, or a comma
 * outside all brackets. `{{.window}}` placeholders are kept as they are.
 *
 * This is all it takes for `sum(<text>)` to be one aggregation whatever the
 * text says; whether the expression is valid PromQL is for Prometheus to
 * say, and a query it refuses costs only its own SLO (the batch is split).
 * The problem never quotes the text.
 *
 * @public
 */
export function checkExpression(
  text: string,
): { text: string } | { problem: string } {
  const open: Array<{ bracket: string; at: number }> = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      const start = i;
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === char) {
          closed = true;
          i += 1;
          break;
        }
        if (char !== '`' && c === '\\') {
          i += 2;
        } else if (char !== '`' && c === '\n') {
          break;
        } else {
          i += 1;
        }
      }
      if (!closed) {
        return {
          problem: `the string at character ${start + 1} is never closed`,
        };
      }
      out += text.slice(start, i);
      continue;
    }
    if (char === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (char === '{') {
      PLACEHOLDER_AT.lastIndex = i;
      const placeholder = PLACEHOLDER_AT.exec(text);
      if (placeholder) {
        out += placeholder[0];
        i += placeholder[0].length;
        continue;
      }
    }
    if (CLOSING[char]) {
      open.push({ bracket: char, at: i });
    } else if (char === ')' || char === ']' || char === '}') {
      const last = open.pop();
      if (!last) {
        return {
          problem: `the ${char} at character ${i + 1} closes no bracket`,
        };
      }
      if (CLOSING[last.bracket] !== char) {
        return {
          problem: `the ${char} at character ${i + 1} does not close the ${
            last.bracket
          } at character ${last.at + 1}`,
        };
      }
    } else if (char === ',' && open.length === 0) {
      return {
        problem: `the comma at character ${i + 1} is outside all brackets`,
      };
    }
    out += char;
    i += 1;
  }
  const unclosed = open.pop();
  if (unclosed) {
    return {
      problem: `the ${unclosed.bracket} at character ${
        unclosed.at + 1
      } is never closed`,
    };
  }
  return { text: out };
}

/**
 * A window length as a Prometheus duration in its largest whole unit:
 * 300 → `5m`, 2419200 → `28d`, 90 → `90s`.
 *
 * @public
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
 * @public
 */
export function queryText(
  spec: Record<string, unknown> | undefined,
  side: string,
): string {
  const field = spec?.query !== undefined ? 'query' : 'promql';
  const text = spec?.[field];
  if (typeof text !== 'string' || !text.trim()) {
    throw new Error(
      `the ${side} metricSource.spec has no PromQL: set spec.query (or spec.promql)`,
    );
  }
  if (text.length > MAX_QUERY_CHARS) {
    throw new Error(
      `the ${side} query (spec.${field}) is longer than ${MAX_QUERY_CHARS} characters`,
    );
  }
  const checked = checkExpression(text);
  if ('problem' in checked) {
    throw new Error(
      `the ${side} query (spec.${field}) is not one PromQL expression: ${checked.problem}`,
    );
  }
  const expr = checked.text.trim();
  if (!expr) {
    throw new Error(
      `the ${side} metricSource.spec has no PromQL: set spec.query (or spec.promql)`,
    );
  }
  if (!expr.match(PLACEHOLDER) && !SELECTOR.test(expr)) {
    throw new Error(
      `the ${side} query (spec.${field}) has no {{.window}} placeholder and is not a plain counter selector: ` +
        `write it like sum(increase(metric_total{…}[{{.window}}]))`,
    );
  }
  return expr;
}

/**
 * The query for one window, summed to a single number.
 *
 * @public
 */
export function windowExpr(text: string, seconds: number): string {
  const duration = promDuration(seconds);
  const body = text.match(PLACEHOLDER)
    ? text.replace(PLACEHOLDER, duration)
    : `increase(${text}[${duration}])`;
  return `sum(${body})`;
}

/**
 * The three sides of a ratio metric as PromQL texts; good or bad is set.
 *
 * @public
 */
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
 * @public
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
 * The data points of a threshold SLI under Occurrences: one per minute.
 *
 * @public
 */
export const THRESHOLD_POINT_SECONDS = 60;

/** The sign of each threshold operator in PromQL. */
const THRESHOLD_SIGNS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/**
 * Expressions counting the data points of a threshold SLI over a window of
 * `windowSeconds` ending at the evaluation instant: the metric is read over
 * each slice of `sliceSeconds` (`{{.window}}` = the slice, so
 * `histogram_quantile(0.95, sum by (le) (rate(…_bucket[{{.window}}])))` is
 * the p95 of that slice; a plain selector, a gauge, is read at its worst over
 * the slice), `goodSlices` counts the slices whose value meets the
 * threshold and `slices` those with a value. Several series are read at
 * their worst (the highest for `lt`/`lte`, the lowest for `gt`/`gte`), so a
 * slice is good only when every series meets the threshold. A NaN (a
 * quantile of no requests) is no data point: the slice is not counted.
 * Slices are placed as in {@link timeSliceExprs}.
 *
 * @public
 */
export function thresholdExprs(
  text: string,
  windowSeconds: number,
  sliceSeconds: number,
  threshold: { op: string; value: number },
): { goodSlices: string; slices: string } {
  const sign = THRESHOLD_SIGNS[threshold.op as keyof typeof THRESHOLD_SIGNS];
  if (!sign) {
    throw new Error(
      `the objective's op must be lt, lte, gt or gte, got ${JSON.stringify(
        String(threshold.op).slice(0, 20),
      )}`,
    );
  }
  if (
    typeof threshold.value !== 'number' ||
    !Number.isFinite(threshold.value)
  ) {
    throw new Error("the objective's value must be a finite number");
  }
  const upper = threshold.op === 'lt' || threshold.op === 'lte';
  const duration = promDuration(sliceSeconds);
  const body = text.match(PLACEHOLDER)
    ? text.replace(PLACEHOLDER, duration)
    : `${upper ? 'max' : 'min'}_over_time(${text}[${duration}])`;
  // `>= -Inf` keeps every number and drops NaN.
  const value = `(${upper ? 'max' : 'min'}(${body}) >= -Inf)`;
  const range = `[${Math.max(windowSeconds - 1, 1)}s:${duration}]`;
  return {
    goodSlices: `sum_over_time((${value} ${sign} bool ${String(
      threshold.value,
    )})${range})`,
    slices: `count_over_time(${value}${range})`,
  };
}

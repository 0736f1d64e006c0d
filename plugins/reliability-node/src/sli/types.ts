/**
 * One window a query asks counts for, e.g. `{ name: '1h', seconds: 3600 }`.
 *
 * @public
 */
export interface SliWindow {
  name: string;
  seconds: number;
}

/**
 * A threshold SLI (OpenSLO `thresholdMetric`): the query of the measured
 * value and the objective's condition, e.g. `op: 'lt'`, `value: 0.5` for a
 * p95 latency under 500 ms.
 *
 * @public
 */
export interface SliThreshold {
  /** The OpenSLO `metricSource.spec` of the measured value. */
  metric: Record<string, unknown>;
  op: 'lt' | 'lte' | 'gt' | 'gte';
  value: number;
}

/**
 * Counts of one SLI over several windows that all end at `end`: events of a
 * ratio SLI, or data points (slices) of a threshold SLI.
 *
 * @public
 */
export interface SliQuery {
  /** The caller's key for the answer (e.g. the SLO id); unique within a batch. */
  key: string;
  /** The entity the SLO belongs to. */
  entityRef: string;
  /** `metadata.name` of the SLO document. */
  sloName: string;
  /** The OpenSLO `metricSource.spec` of the good query. */
  good?: Record<string, unknown>;
  /** The OpenSLO `metricSource.spec` of the bad query, when the SLI counts bad events. */
  bad?: Record<string, unknown>;
  /** The OpenSLO `metricSource.spec` of the total query; absent for a threshold SLI. */
  total?: Record<string, unknown>;
  /**
   * Threshold SLIs: no good/bad/total; the answer's `good` / `total` count
   * the data points that met the threshold / the data points with a value.
   * With `timeSlices` each slice is one data point (the metric read over the
   * whole slice; `timeSlices.target` is 1); without, the source reads its
   * own data points (each pushed bucket, each minute of Prometheus).
   */
  threshold?: SliThreshold;
  /** End of every window. */
  end: Date;
  windows: SliWindow[];
  /**
   * Timeslices budgeting: count slices instead of events. A slice of
   * `seconds` is good when its good/total ratio reaches `target`; the
   * answer's `good` / `total` are then good slices / slices with data.
   */
  timeSlices?: { seconds: number; target: number };
}

/**
 * Event (or slice) counts over one window; null when the source has no data
 * for it.
 *
 * @public
 */
export interface SliCounts {
  good: number;
  total: number;
}

/**
 * The answer to one {@link SliQuery}: counts per window name, or why the
 * source could not answer (then no figure may be shown as current).
 *
 * @public
 */
export type SliQueryResult =
  | { key: string; windows: Record<string, SliCounts | null> }
  | { key: string; error: string };

/**
 * A place SLIs are read from, such as Prometheus. Adopters add their own
 * through {@link reliabilitySliSourcesExtensionPoint}.
 *
 * @public
 */
export interface SliSource {
  /** The OpenSLO `metricSource.type` this source answers, e.g. `Prometheus`. */
  readonly type: string;
  /**
   * Answers a batch of queries, one result per query in any order (matched
   * by key). A source batches and times out as it sees fit; a failure of
   * some queries is reported per query, not thrown. When `signal` aborts
   * (the evaluation's time is up), answer at once with what was read: the
   * evaluator keeps those answers, if they come within a second, and counts
   * the queries left out as timed out.
   */
  query(
    queries: SliQuery[],
    options?: { signal?: AbortSignal },
  ): Promise<SliQueryResult[]>;
}

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
 * Counts of one ratio SLI over several windows that all end at `end`.
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
  /** The OpenSLO `metricSource.spec` of the total query. */
  total: Record<string, unknown>;
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
   * some queries is reported per query, not thrown.
   */
  query(
    queries: SliQuery[],
    options?: { signal?: AbortSignal },
  ): Promise<SliQueryResult[]>;
}

/**
 * A request for good and total event counts over one window.
 *
 * @public
 */
export interface SliRatioRequest {
  /** The OpenSLO `metricSource.spec` of the good (or bad) query. */
  good?: Record<string, unknown>;
  /** The OpenSLO `metricSource.spec` of the bad query, when the SLI counts bad events. */
  bad?: Record<string, unknown>;
  /** The OpenSLO `metricSource.spec` of the total query. */
  total: Record<string, unknown>;
  /** Window end. */
  end: Date;
  /** Window length in seconds. */
  windowSeconds: number;
}

/**
 * Event counts over a window, as counted by the source.
 *
 * @public
 */
export interface SliRatioResult {
  good: number;
  total: number;
}

/**
 * A place SLIs are read from, such as Prometheus. Adopters add their own
 * through {@link reliabilitySliSourcesExtensionPoint}.
 *
 * @public
 */
export interface SliSource {
  /** The OpenSLO `metricSource.type` this source answers, e.g. `Prometheus`. */
  readonly type: string;
  /** Counts good and total events of a ratio SLI over one window. */
  queryRatio(request: SliRatioRequest): Promise<SliRatioResult>;
}

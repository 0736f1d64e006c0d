/**
 * Normalized OpenSLO v1 definitions and the problems found while reading
 * them.
 */
import { SloThreshold } from '@reliability-hub/plugin-reliability-common';

/**
 * The budgeting methods supported for an SLO.
 *
 * @internal
 */
export type SloBudgetingMethod = 'Occurrences' | 'Timeslices';

/**
 * An SLO time window: rolling (ends at the evaluation instant) or
 * calendar-aligned in a time zone.
 *
 * @internal
 */
export type SloDefinitionTimeWindow =
  | { rolling: true; duration: string }
  | { rolling: false; duration: string; timeZone: string; startTime: string };

/**
 * Where one side of a ratio metric comes from (`metricSource`).
 *
 * @internal
 */
export interface SloMetricSource {
  /** The source type, e.g. `Prometheus`. */
  type: string;
  /** Source-specific settings, e.g. `{ query: 'sum(...)' }`. */
  spec: Record<string, unknown>;
}

/**
 * A ratio indicator: good/total or bad/total.
 *
 * @internal
 */
export interface SloRatioMetric {
  /** Whether the sources are monotonic counters (OpenSLO `counter`). */
  counter?: boolean;
  good?: SloMetricSource;
  bad?: SloMetricSource;
  total: SloMetricSource;
}

/**
 * The service level indicator of an SLO, from `indicator` or `indicatorRef`:
 * a ratio of events (`ratioMetric`) or one measured value compared with each
 * objective's `op` and `value` (`thresholdMetric`); exactly one is set.
 *
 * @internal
 */
export type SloIndicator = {
  name: string;
  displayName?: string;
  description?: string;
} & (
  | { ratio: SloRatioMetric; threshold?: undefined }
  | { threshold: SloMetricSource; ratio?: undefined }
);

/**
 * One objective of an SLO. `target` is a fraction (0.999 for 99.9 %).
 *
 * @internal
 */
export interface SloObjective {
  displayName: string;
  target: number;
  /** Timeslices only: a slice is good when its ratio reaches this. */
  timeSliceTarget: number | null;
  /** Timeslices only: the slice length in seconds. */
  timeSliceWindowSeconds: number | null;
  /** Threshold SLIs only: when a measured value is good. */
  threshold: SloThreshold | null;
}

/**
 * A valid OpenSLO `SLO` document, normalized.
 *
 * @internal
 */
export interface SloDefinition {
  name: string;
  displayName: string;
  description?: string;
  service: string;
  timeWindow: SloDefinitionTimeWindow;
  budgetingMethod: SloBudgetingMethod;
  objectives: SloObjective[];
  indicator: SloIndicator;
  /** The file the SLO was read from. */
  file: string;
  /** 0-based index of the YAML document within the file. */
  documentIndex: number;
}

/**
 * Why (part of) an OpenSLO file could not be used.
 *
 * @internal
 */
export interface OpenSloProblem {
  file: string;
  /** 0-based YAML document index; null when no document can be named. */
  documentIndex: number | null;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Dotted path of the offending field, e.g. `spec.objectives[0].target`. */
  field: string;
  message: string;
}

/**
 * The result of {@link parseOpenSlo}: the valid SLOs and every problem found.
 *
 * @internal
 */
export interface OpenSloParseResult {
  slos: SloDefinition[];
  problems: OpenSloProblem[];
}

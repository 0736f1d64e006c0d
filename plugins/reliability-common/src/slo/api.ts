/**
 * What the SLO endpoints of `/api/reliability` answer. Every figure comes
 * from the latest stored evaluation (a snapshot); the entity page never waits
 * on an SLI source.
 */
import { BurnRateAlertRule, BurnRateAlertState } from './alerts';
import { BurnRateWindow } from './burnRate';
import { ErrorBudgetPolicyTier } from './policy';
import { SloThreshold } from './threshold';

/**
 * The states of an SLO objective's latest evaluation; see
 * {@link SloEvaluationState}.
 *
 * @public
 */
export const SLO_EVALUATION_STATES = [
  'ok',
  'no-data',
  'source-unavailable',
  'pending',
] as const;

/**
 * How the latest evaluation of an SLO objective went.
 *
 * - `ok`: figures are current.
 * - `no-data`: the source answered, but with no events in the window.
 * - `source-unavailable`: the source failed or timed out; no figure is shown
 *   as current (the last good figures, if any, are in the history only).
 * - `pending`: defined, not evaluated yet.
 *
 * @public
 */
export type SloEvaluationState = (typeof SLO_EVALUATION_STATES)[number];

/**
 * One objective of one OpenSLO `SLO` of an entity, with its latest figures.
 * An SLO with several objectives gives one status per objective.
 *
 * @public
 */
export interface SloStatus {
  /**
   * Stable id: `<entityRef>/<slo name>/<objective index>`, e.g.
   * `component:default/checkout/checkout-availability/0`. URL-encode it in
   * paths.
   */
  id: string;
  entityRef: string;
  /** `metadata.name` of the SLO document. */
  sloName: string;
  /** The SLO's display name, with the objective's when it has several. */
  displayName: string;
  description?: string;
  /** Owner and system of the entity, from the catalog, for filtering. */
  owner?: string;
  system?: string;
  /** Objective target as a fraction (0.999). */
  target: number;
  budgetingMethod: 'Occurrences' | 'Timeslices';
  /** Timeslices only. */
  timeSliceTarget?: number;
  timeSliceWindowSeconds?: number;
  /**
   * Threshold SLIs only (OpenSLO `thresholdMetric`): when a measured value
   * is good, e.g. `{ op: 'lt', value: 0.5 }` for a p95 under 500 ms. `good` and
   * `total` then count data points (or slices) that met it, of those with a value.
   */
  threshold?: SloThreshold;
  /** The OpenSLO window as written: `28d` rolling, or `1M` calendar in a time zone. */
  timeWindow: { duration: string; rolling: boolean; timeZone?: string };
  /** `metricSource.type` of the indicator, e.g. `Prometheus` or `push`. */
  sourceType: string;
  /** Where the definition was read from. */
  definition: { file: string; documentIndex: number };
  state: SloEvaluationState;
  /** Why the state is not `ok`, in words, e.g. the source's error. */
  stateMessage?: string;
  /** When the shown figures were computed ("data as of"); null before the first evaluation. */
  evaluatedAt: string | null;
  /** The SLO window the figures cover (ISO instants); null before the first evaluation. */
  window: { start: string; end: string } | null;
  /** Good / total events (or good / total slices for Timeslices) in the window. */
  good: number | null;
  total: number | null;
  /** SLI over the window (0..1). */
  sli: number | null;
  budget: {
    /** The whole budget of the window in minutes (28 d at 99.9 % = 40.32). */
    totalMinutes: number;
    /** The whole budget in events (or slices); null without data. */
    totalEvents: number | null;
    /** 0..1, above 1 when overspent. */
    consumedFraction: number | null;
    /** 1 - consumed; negative when overspent. */
    remainingFraction: number | null;
    remainingMinutes: number | null;
  };
  /** Burn rate per window (1 = spending exactly the budget over the SLO period). */
  burnRates: Partial<Record<BurnRateWindow, number | null>>;
  alert: {
    state: BurnRateAlertState;
    /** The rule that decided the state, null when ok. */
    rule: BurnRateAlertRule | null;
  };
  forecast: {
    /** When the budget runs out at the current (1h) burn rate; null when not burning. */
    exhaustionAt: string | null;
    /** Remaining fraction expected in 24 h and 7 d at the current burn rate. */
    remainingIn24h: number | null;
    remainingIn7d: number | null;
  };
  /** The error-budget policy tier for the budget consumed; null without data. */
  tier: (ErrorBudgetPolicyTier & { index: number }) | null;
}

/**
 * Why an entity's OpenSLO file (or part of it) could not be used.
 *
 * @public
 */
export interface SloDefinitionProblem {
  file: string;
  /** 0-based YAML document index; null when none can be named. */
  documentIndex: number | null;
  line?: number;
  /** Dotted path of the field, e.g. `spec.objectives[0].target`. */
  field: string;
  message: string;
}

/**
 * The SLOs of one entity (`GET /slos?entityRef=`), also embedded in the
 * entity summary as `slos`.
 *
 * @public
 */
export interface EntitySlos {
  entityRef: string;
  /** False when the entity has no `reliability-hub.io/openslo` annotation. */
  configured: boolean;
  slos: SloStatus[];
  problems: SloDefinitionProblem[];
  /** When the definitions were last read; null when never. */
  definitionsReadAt: string | null;
}

/**
 * One stored evaluation of an SLO objective, for the charts.
 *
 * @public
 */
export interface SloHistoryPoint {
  /** ISO instant of the evaluation. */
  at: string;
  sli: number | null;
  remainingFraction: number | null;
  /** Burn rate over 1h and 6h at that instant. */
  burnRate1h: number | null;
  burnRate6h: number | null;
  state: SloEvaluationState;
}

/**
 * `GET /slos/:id/history?from=&to=`: the objective's snapshots in time order,
 * defaulting to the current SLO window.
 *
 * @public
 */
export interface SloHistory {
  slo: SloStatus;
  /** The definition document as written (YAML), for the SLO tab. */
  definitionYaml: string | null;
  points: SloHistoryPoint[];
  /**
   * The configured error-budget policy tiers, for the threshold bands of the
   * burndown chart; the frontend falls back to the default policy without.
   */
  tiers?: ErrorBudgetPolicyTier[];
}

/**
 * How many of the SLOs an overview matches are in each condition the
 * overview's tiles show.
 *
 * @public
 */
export interface SloOverviewCounts {
  /** Every matching objective. */
  slos: number;
  /** Evaluated objectives whose burn-rate alert pages now. */
  paging: number;
  /** Evaluated objectives whose burn-rate alert asks for a ticket. */
  ticketing: number;
  /** Evaluated objectives with no error budget left. */
  outOfBudget: number;
}

/**
 * `GET /slos/overview?owner=&system=&tier=&state=&limit=&cursor=`: one page
 * of the SLOs the caller may see, worst first (see `SloWorstFirstKey`),
 * with the counts over all that match; `nextCursor` asks for the next page.
 *
 * @public
 */
export interface SloOverview {
  /** The page: at most `limit` objectives. */
  items: SloStatus[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** How many objectives match the filters, over all pages. */
  totalItems: number;
  /** The tiles' figures over every matching objective. */
  counts: SloOverviewCounts;
  /**
   * The systems of the SLOs the caller may see, for the system filter
   * (whatever the filters).
   */
  systems: string[];
  /** The configured policy tiers, for the tier filter. */
  tiers: ErrorBudgetPolicyTier[];
}

import { SeverityCount } from '../incidents/types';
import { ReviewPeriod } from './period';

/**
 * The SLOs of a review: their state at the end of the period, from the last
 * snapshot of each SLO objective inside it.
 *
 * @public
 */
export interface ReviewSloFigures {
  /** SLO objectives evaluated during the period. */
  evaluated: number;
  /** Within their objective at the period's last evaluation (budget left ≥ 0). */
  met: number;
  /** Over their budget at the period's last evaluation. */
  missed: number;
  /** Without figures at the period's last evaluation (no data, source down). */
  unknown: number;
  /** Error budget consumed at the end of the period, 0..1 (above 1 overspent); null without figures. */
  budgetConsumedMean: number | null;
  budgetConsumedWorst: number | null;
  /** Moves from one error-budget policy tier to another during the period. */
  tierChanges: number;
  /** Of those, moves to a tier of more consumption. */
  tierWorsened: number;
}

/**
 * The incidents of a review: those that started in the period.
 *
 * @public
 */
export interface ReviewIncidentFigures {
  total: number;
  /** Most severe first, only severities that occurred. */
  bySeverity: SeverityCount[];
  /** Mean time from start to detection, in seconds; null without data. */
  mttdSeconds: number | null;
  /** Mean time from start to acknowledgement, in seconds. */
  mttaSeconds: number | null;
  /** Mean time from start to resolution, in seconds. */
  mttrSeconds: number | null;
  /** Mean time between the starts of consecutive incidents, in seconds; null with fewer than two. */
  mtbfSeconds: number | null;
  /** Share of incidents whose component had an incident of the same title before in the period, 0..1. */
  repeatRate: number | null;
}

/**
 * The postmortems of a review.
 *
 * @public
 */
export interface ReviewPostmortemFigures {
  /** Published during the period. */
  completed: number;
  /** Of those, published by their due date (from the severity of their incidents). */
  onTime: number;
  /** Required postmortems whose due date fell in the period. */
  due: number;
  /** Of those, not published by their due date. */
  late: number;
}

/**
 * The action items of a review.
 *
 * @public
 */
export interface ReviewActionItemFigures {
  created: number;
  /** Done or won't do, during the period. */
  closed: number;
  /** Past their due date and not closed at the end of the period. */
  overdueAtEnd: number;
  /** Items whose first 30 days ended in the period. */
  thirtyDayCohort: number;
  /** Share of that cohort done within 30 days of creation, 0..1; null without any. Target ≥ 0.9. */
  closedWithin30DaysRate: number | null;
}

/**
 * The load on the people on call.
 *
 * @public
 */
export interface ReviewOnCallFigures {
  /** Incidents opened by alerts (Alertmanager): the pages. */
  pages: number;
  /** Pages per seven days of the period. */
  pagesPerWeek: number;
  /** Pages outside 08:00–18:00 UTC on weekdays. */
  offHoursPages: number;
}

/**
 * Every figure of a review for one period.
 *
 * @public
 */
export interface ReviewFigures {
  period: ReviewPeriod;
  slos: ReviewSloFigures;
  incidents: ReviewIncidentFigures;
  postmortems: ReviewPostmortemFigures;
  actionItems: ReviewActionItemFigures;
  oncall: ReviewOnCallFigures;
}

/**
 * One step of a review's trend: a day (periods up to 31 days) or a week.
 *
 * @public
 */
export interface ReviewTrendPoint {
  /** First day of the step, `YYYY-MM-DD`. */
  start: string;
  incidents: SeverityCount[];
  /** Mean error budget consumed over the SLOs' evaluations in the step; null without any. */
  budgetConsumedMean: number | null;
}

/**
 * The reliability review of a group, a system or the organisation
 * (`GET /api/reliability/review`): every figure of the period beside the
 * previous period's, and the period's trend. Only records of components the
 * caller may see in the catalog count.
 *
 * @public
 */
export interface ReliabilityReview {
  /** The group or system; absent for the organisation. */
  entityRef?: string;
  /** How many components' records count (for a group or system; those the caller may see). */
  componentCount: number | null;
  current: ReviewFigures;
  previous: ReviewFigures;
  trend: { step: 'day' | 'week'; points: ReviewTrendPoint[] };
  generatedAt: string;
}

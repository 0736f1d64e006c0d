import type { IncidentDrillKind } from '../incidents/types';

/**
 * One step of the error budget over a timeline: the least budget any of the
 * entity's SLO objectives had left in `[at, at + step)`, as a fraction
 * (negative when overspent).
 *
 * @public
 */
export interface TimelineBudgetPoint {
  at: string;
  remainingFraction: number;
}

/**
 * An incident as a span on the timeline; `resolvedAt` is null while it is
 * open.
 *
 * @public
 */
export interface TimelineIncident {
  id: string;
  humanId: string | null;
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  resolvedAt: string | null;
  /** The kind of drill when the incident is an exercise, else null. */
  drill?: IncidentDrillKind | null;
}

/**
 * A postmortem published within the timeline.
 *
 * @public
 */
export interface TimelinePostmortem {
  id: string;
  title: string;
  publishedAt: string;
}

/**
 * An action item closed (done) within the timeline.
 *
 * @public
 */
export interface TimelineActionItem {
  id: string;
  postmortemId: string;
  title: string;
  completedAt: string;
}

/**
 * An on-call hand-off of a schedule that covers the entity: who took over
 * from whom. `from` is null when nobody was on call before.
 *
 * @public
 */
export interface TimelineHandoff {
  at: string;
  schedule: string;
  from: string | null;
  to: string;
}

/**
 * A component's reliability over the last 7, 30 or 90 days on one time
 * axis, as `GET /timeline` answers it. Each list is oldest first and
 * bounded; `truncated` names the lists that were cut.
 *
 * @public
 */
export interface ReliabilityTimeline {
  entityRef: string;
  days: number;
  from: string;
  to: string;
  budget: {
    /** The length of one budget step, in milliseconds. */
    stepMs: number;
    points: TimelineBudgetPoint[];
  };
  incidents: TimelineIncident[];
  postmortems: TimelinePostmortem[];
  actionItems: TimelineActionItem[];
  handoffs: TimelineHandoff[];
  truncated: Array<'incidents' | 'postmortems' | 'actionItems' | 'handoffs'>;
}

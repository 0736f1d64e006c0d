/**
 * Where an incident was opened.
 *
 * @public
 */
export type IncidentSource = 'portal' | 'api' | 'alertmanager';

/**
 * The kinds of drill an incident can be declared as: a game day (failure
 * injected into a real system), a tabletop (talked through) or a wheel of
 * misfortune (a past incident replayed with a responder).
 *
 * @public
 */
export const INCIDENT_DRILL_KINDS = [
  'game_day',
  'tabletop',
  'wheel_of_misfortune',
] as const;

/**
 * The kind of a drill.
 *
 * @public
 */
export type IncidentDrillKind = (typeof INCIDENT_DRILL_KINDS)[number];

/**
 * The lifecycle of an incident, in order.
 *
 * @public
 */
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
] as const;

/**
 * One step of the incident lifecycle.
 *
 * @public
 */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * An incident as the API returns it. Times are ISO 8601 strings in UTC.
 *
 * @public
 */
export interface Incident {
  id: string;
  /**
   * The id people say aloud, `INC-YYYYMMDD-NNN` (the UTC day of the start,
   * numbered in the order declared). Accepted wherever the id is.
   */
  humanId?: string | null;
  title: string;
  /** Entity ref of the component, as `stringifyEntityRef` writes it. */
  entityRef: string;
  severity: string;
  status: IncidentStatus;
  summary: string | null;
  /** User ref of the incident commander. */
  commander: string | null;
  /** User ref of the communications lead. */
  communications: string | null;
  /** User ref of the scribe. */
  scribe: string | null;
  source: IncidentSource;
  externalId: string | null;
  runbookUrl: string | null;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  /** User ref of who acknowledged it, when acknowledged through the portal or the API. */
  acknowledgedBy?: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * Set when the incident is an exercise, never a real outage: it runs the
   * same process but counts in no figure (MTTA, MTTR, incident counts).
   * Fixed at declaration.
   */
  drill?: IncidentDrillKind | null;
  /**
   * The last status update or status change, for the update clock; absent
   * where the answer does not carry the incident's clocks.
   */
  lastUpdateAt?: string | null;
  /** When a postmortem covering the incident was published, for the postmortem clock. */
  postmortemPublishedAt?: string | null;
  /**
   * The escalation level engaged: 1 when declared, one more each time it is
   * escalated (by a person, or by the escalation job while unacknowledged).
   */
  escalationLevel?: number;
  /** When the current escalation level was engaged; null at level 1. */
  escalatedAt?: string | null;
}

/**
 * Kinds of timeline events.
 *
 * @public
 */
export type IncidentEventType =
  | 'created'
  | 'acknowledged'
  | 'role_change'
  | 'status_update'
  | 'status_change'
  | 'update'
  | 'note'
  | 'alert_firing'
  | 'alert_resolved'
  | 'escalated';

/**
 * An event on an incident's timeline.
 *
 * @public
 */
export interface IncidentEvent {
  id: string;
  incidentId: string;
  type: IncidentEventType;
  at: string;
  /** User ref, or the source (e.g. `alertmanager`). */
  author: string | null;
  message: string;
  data: Record<string, unknown> | null;
}

/**
 * An incident with its timeline and what links to it.
 *
 * @public
 */
export interface IncidentDetail extends Incident {
  timeline: IncidentEvent[];
  /** Postmortems covering this incident. */
  postmortems: Array<{ id: string; title: string; status: string }>;
  /**
   * Who is paged at each escalation level of the component's on-call
   * schedules, as far as the caller may see; absent where the answer does
   * not carry it.
   */
  escalation?: IncidentEscalation;
}

/**
 * One level of an incident's escalation chain: the people it pages, each
 * with the schedule that puts them there.
 *
 * @public
 */
export interface IncidentEscalationLevel {
  /** 1 for the first level. */
  level: number;
  people: Array<{ userRef: string; schedule: string | null }>;
  /** Whether the incident has reached this level. */
  engaged: boolean;
}

/**
 * An incident's escalation chain: the levels of the component's on-call
 * schedules, merged level by level, and where the incident stands.
 *
 * @public
 */
export interface IncidentEscalation {
  /** The level engaged now. */
  level: number;
  levels: IncidentEscalationLevel[];
  /**
   * When the escalation job engages the next level if nobody acknowledges;
   * null when acknowledged, resolved, at the last level or without a policy.
   */
  nextEscalationAt: string | null;
}

/**
 * Incident counts of one severity.
 *
 * @public
 */
export interface SeverityCount {
  severity: string;
  count: number;
}

/**
 * What the entity page shows about an entity's incidents.
 *
 * @public
 */
export interface EntityIncidentSummary {
  /** Incidents not yet resolved. */
  openCount: number;
  /** Incidents started in the last 30 days, by severity. */
  last30Days: SeverityCount[];
  /** Incidents started in the last 90 days, by severity. */
  last90Days: SeverityCount[];
  /** Mean time to acknowledge over the last 90 days, in seconds; null without data. */
  mttaSeconds: number | null;
  /** Mean time to resolve over the last 90 days, in seconds; null without data. */
  mttrSeconds: number | null;
  /** Incidents of the last 90 days whose title repeats an earlier one of the same entity in that window. */
  repeatCount: number;
  /** Open incidents first, then the most recent others, newest first. */
  recent: Incident[];
  /**
   * For a group or system: the open incidents of each component that has
   * any, by entity ref.
   */
  openByEntity?: Record<string, number>;
  /**
   * Postmortems owed: incidents of the last 90 days, resolved, whose
   * severity's policy requires a postmortem and none covering them is
   * published yet; `overdueCount` of them are past their due time.
   */
  postmortemsDue?: { count: number; overdueCount: number };
}

/**
 * One page of a list answered by the API. `nextCursor` is absent on the last page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

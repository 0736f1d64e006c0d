import { createApiRef } from '@backstage/core-plugin-api';
import type {
  IncidentTemplateName,
  PostIncidentUpdateRequest,
  ActionItem,
  ActionItemListRequest,
  AddScheduleOverrideRequest,
  CreateActionItemRequest,
  CreateIncidentRequest,
  ApprovePostmortemRequest,
  CreatePostmortemRequest,
  EntityReliabilitySummary,
  EntityRunbooks,
  EntitySlos,
  Incident,
  IncidentDetail,
  IncidentListRequest,
  OnCallNow,
  OnCallRequest,
  Page,
  Postmortem,
  PostmortemDetail,
  PostmortemListRequest,
  RunbookDetail,
  RunbookLibraryPage,
  RunbookLibraryRequest,
  RunbooksForAlert,
  RunbooksForAlertRequest,
  OnCallHealthRequest,
  ScheduleHealth,
  ScheduleRecord,
  ScheduleRequest,
  UpdateScheduleRequest,
  SeverityLevel,
  SloHistory,
  SloHistoryRequest,
  SloOverview,
  SloOverviewRequest,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
  UpdatePostmortemRequest,
  ReliabilityReview,
  ReliabilityTimeline,
  ReviewRequest,
  TimelineRequest,
  CreateSwapRequest,
  SwapRequest,
  SwapRequestList,
  HandoffNote,
  HandoffNoteList,
  HandoffNoteRequest,
  HandoffNotesRequest,
  ShiftHandoff,
} from '@reliability-hub/plugin-reliability-common';

/**
 * An iCalendar feed's whole address, and for a schedule's feed the users who
 * have been shown it (whose subscriptions stop when it is rotated).
 *
 * @public
 */
export interface CalendarFeed {
  url: string;
  holders?: string[];
}

/**
 * The Reliability Hub backend, as the frontend uses it.
 *
 * @public
 */
export interface ReliabilityApi {
  /** Everything the entity page shows about one entity, in one call. */
  getEntitySummary(entityRef: string): Promise<EntityReliabilitySummary>;
  /** One page of incidents, newest first. */
  listIncidents(request: IncidentListRequest): Promise<Page<Incident>>;
  /** The configured severity levels, most severe first. */
  getSeverityLevels(): Promise<SeverityLevel[]>;
  /** One incident with its timeline. */
  getIncident(id: string): Promise<IncidentDetail>;
  createIncident(request: CreateIncidentRequest): Promise<Incident>;
  /** Throws a ResponseError with status 409 when `version` is stale. */
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** Adds a note to the incident's timeline. */
  addIncidentNote(id: string, message: string): Promise<IncidentDetail>;
  /** Posts the next numbered status update of the incident. */
  postIncidentUpdate(
    id: string,
    request: PostIncidentUpdateRequest,
  ): Promise<Incident>;
  /** The communication templates, in Markdown with `{{placeholders}}`. */
  getIncidentTemplates(): Promise<Record<IncidentTemplateName, string>>;
  /** Acknowledges the incident as the signed-in user; `version` as last read. */
  acknowledgeIncident(id: string, version: number): Promise<Incident>;
  /** Engages the incident's next escalation level; `version` as last read. */
  escalateIncident(id: string, version: number): Promise<Incident>;
  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>>;
  getPostmortem(id: string): Promise<PostmortemDetail>;
  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;
  /** A reviewer other than the author approves it, which publishes it. */
  approvePostmortem(
    id: string,
    request: ApprovePostmortemRequest,
  ): Promise<Postmortem>;
  /** Discards a draft, with its action items, at the version seen. */
  discardPostmortem(id: string, version: number): Promise<void>;
  listActionItems(request: ActionItemListRequest): Promise<Page<ActionItem>>;
  createActionItem(
    postmortemId: string,
    request: CreateActionItemRequest,
  ): Promise<ActionItem>;
  updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem>;
  /**
   * Who is on call now: for the entity's schedules when `entityRef` is given,
   * else for every schedule.
   */
  getOnCall(request?: OnCallRequest): Promise<OnCallNow>;
  /** Every stored on-call schedule. */
  listSchedules(): Promise<ScheduleRecord[]>;
  getSchedule(id: string): Promise<ScheduleRecord>;
  /**
   * Throws a ResponseError with status 409 when `version` is stale and 403
   * when the user may not edit the schedule.
   */
  addScheduleOverride(
    scheduleId: string,
    request: AddScheduleOverrideRequest,
  ): Promise<ScheduleRecord>;
  /** Throws a ResponseError with status 409 when `version` is stale. */
  removeScheduleOverride(
    scheduleId: string,
    overrideId: string,
    version: number,
  ): Promise<ScheduleRecord>;
  /**
   * Creates a schedule for its owner group (403 for non-members, 400 naming
   * the field when invalid).
   */
  createSchedule(request: ScheduleRequest): Promise<ScheduleRecord>;
  /** Replaces a schedule at the version seen (409 when stale). */
  updateSchedule(
    scheduleId: string,
    request: UpdateScheduleRequest,
  ): Promise<ScheduleRecord>;
  /** The schedule as a YAML document, as `importSchedule` takes it. */
  exportSchedule(scheduleId: string): Promise<string>;
  /**
   * Creates the schedule of a YAML document, or replaces the one of that
   * name in its owner group.
   */
  importSchedule(yaml: string): Promise<ScheduleRecord>;
  /** Deletes a schedule at the version seen (409 when stale). */
  deleteSchedule(scheduleId: string, version: number): Promise<void>;
  /**
   * The current address of the schedule's iCalendar feed (the same on every
   * ask) and who has been shown it.
   */
  getScheduleFeed(scheduleId: string): Promise<CalendarFeed>;
  /**
   * Makes a new secret token for the schedule's iCalendar feed (the old one
   * stops working) and answers the feed's address.
   */
  createScheduleFeedToken(scheduleId: string): Promise<CalendarFeed>;
  /** The current address of the signed-in user's "my shifts" feed. */
  getMyFeed(): Promise<CalendarFeed>;
  /** Gives the signed-in user's "my shifts" feed a new address. */
  rotateMyFeed(): Promise<CalendarFeed>;
  /**
   * How sustainable a schedule's rotation is over a period (the last
   * complete month unless asked otherwise): each person's load in their own
   * time zone, fairness and gaps.
   */
  getScheduleHealth(
    scheduleId: string,
    request?: OnCallHealthRequest,
  ): Promise<ScheduleHealth>;
  /** The SLOs of one entity with their latest figures and definition problems. */
  getEntitySlos(entityRef: string): Promise<EntitySlos>;
  /**
   * The Prometheus rules (YAML) of an entity's SLOs read from Prometheus, or
   * of one (`sloName`): a rule file, or a prometheus-operator
   * `PrometheusRule` with `format: 'operator'`.
   */
  getSloPrometheusRules(
    entityRef: string,
    options?: { sloName?: string; format?: 'prometheus' | 'operator' },
  ): Promise<string>;
  /** One SLO objective's stored evaluations, for the charts, and its definition. */
  getSloHistory(id: string, request?: SloHistoryRequest): Promise<SloHistory>;
  /**
   * A page of the SLOs, worst first (least budget left), with the counts
   * over all that match, the systems and the policy tiers.
   */
  getSloOverview(request?: SloOverviewRequest): Promise<SloOverview>;
  /**
   * The reliability review of a group, a system or (without `entityRef`)
   * the organisation, each figure beside the previous period's.
   */
  getReview(request?: ReviewRequest): Promise<ReliabilityReview>;
  /**
   * A component's budget, incidents, postmortems, closed action items and
   * on-call hand-offs over the last 7, 30 or 90 days, on one time axis.
   */
  getTimeline(request: TimelineRequest): Promise<ReliabilityTimeline>;
  /**
   * Re-reads the entity's OpenSLO file now and answers its SLOs. Throws a
   * ResponseError with status 403 when the user may not.
   */
  refreshSlos(entityRef: string): Promise<EntitySlos>;
  /** The runbooks of one entity, with the problems of its invalid runbook files. */
  getEntityRunbooks(entityRef: string): Promise<EntityRunbooks>;
  /**
   * One page of the runbook library: full-text search and filters combined,
   * with the number of all matches.
   */
  searchRunbooks(request?: RunbookLibraryRequest): Promise<RunbookLibraryPage>;
  /** One runbook with its steps; `id` may contain slashes. */
  getRunbook(id: string): Promise<RunbookDetail>;
  /** The runbooks that answer an alert, those of `entityRef` first. */
  getRunbooksForAlert(
    alertname: string,
    request?: RunbooksForAlertRequest,
  ): Promise<RunbooksForAlert>;
  /**
   * Re-reads the entity's runbook files now and answers its runbooks. Throws
   * a ResponseError with status 403 when the user may not.
   */
  refreshRunbooks(entityRef: string): Promise<EntityRunbooks>;
  /**
   * Asks a teammate to cover (or trade) a shift of the caller's. Throws a
   * ResponseError with 403 when the shift is not the caller's.
   */
  requestSwap(
    scheduleId: string,
    request: CreateSwapRequest,
  ): Promise<SwapRequest>;
  /** The caller's open swap requests: asked of them, and by them. */
  listSwaps(): Promise<SwapRequestList>;
  /**
   * Accepts or declines (the person asked) or cancels (the asker) a swap
   * request at the version seen; 409 when it or the schedule changed.
   */
  answerSwap(
    swapId: string,
    answer: 'accept' | 'decline' | 'cancel',
    version: number,
  ): Promise<SwapRequest>;
  /** The hand-off notes over a range, of these schedules or all visible. */
  getHandoffNotes(request: HandoffNotesRequest): Promise<HandoffNoteList>;
  /** One hand-off: who to whom, its note and the owning team's checklist. */
  getHandoff(scheduleId: string, at: string): Promise<ShiftHandoff>;
  /** Writes the note of a hand-off (409 when stale). */
  saveHandoffNote(
    scheduleId: string,
    request: HandoffNoteRequest,
  ): Promise<HandoffNote>;
}

/**
 * API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.service',
});

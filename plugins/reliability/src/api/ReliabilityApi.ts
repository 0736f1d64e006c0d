import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionItem,
  ActionItemStatus,
  CreateActionItemRequest,
  CreateIncidentRequest,
  CreatePostmortemRequest,
  EntityReliabilitySummary,
  Incident,
  OnCallNow,
  IncidentDetail,
  IncidentStatus,
  Page,
  Postmortem,
  PostmortemDetail,
  PostmortemStatus,
  ScheduleRecord,
  SeverityLevel,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
  UpdatePostmortemRequest,
} from '@reliability-hub/plugin-reliability-common';

/**
 * Which incidents to list.
 *
 * @public
 */
export interface IncidentListRequest {
  entityRef?: string;
  status?: IncidentStatus | 'open';
  severity?: string[];
  limit?: number;
  cursor?: string;
}

/**
 * Which postmortems to list.
 *
 * @public
 */
export interface PostmortemListRequest {
  entityRef?: string;
  status?: PostmortemStatus;
  limit?: number;
  cursor?: string;
}

/**
 * Which action items to list. `owner` takes user or group refs.
 *
 * @public
 */
export interface ActionItemListRequest {
  entityRef?: string;
  owner?: string[];
  status?: ActionItemStatus | 'open';
  overdue?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * An override to add to a schedule: `user` covers `[start, end)`. `version`
 * is the schedule's version the user saw.
 *
 * @public
 */
export interface AddScheduleOverrideRequest {
  version: number;
  user: string;
  start: string;
  end: string;
  reason?: string;
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
  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>>;
  getPostmortem(id: string): Promise<PostmortemDetail>;
  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;
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
  getOnCall(request?: { entityRef?: string }): Promise<OnCallNow>;
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
   * Makes a new secret token for the schedule's iCalendar feed (the old one
   * stops working) and answers the feed's address.
   */
  createScheduleFeedToken(scheduleId: string): Promise<{ url: string }>;
}

/**
 * API reference of {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.service',
});

import { IncidentStatus } from './incidents';
import {
  ActionItemPriority,
  ActionItemStatus,
  ActionItemType,
  PostmortemSectionKey,
  PostmortemStatus,
} from './postmortems';

/**
 * Body of `POST /incidents`: declare an incident. Times default to now.
 *
 * @public
 */
export interface CreateIncidentRequest {
  entityRef: string;
  title: string;
  severity: string;
  summary?: string;
  status?: IncidentStatus;
  commander?: string;
  communications?: string;
  scribe?: string;
  startedAt?: string;
  detectedAt?: string;
}

/**
 * Body of `PATCH /incidents/:id`. `version` is the version the change was
 * made on; a stale one gets 409. `null` clears a field.
 *
 * @public
 */
export interface UpdateIncidentRequest {
  version: number;
  title?: string;
  severity?: string;
  summary?: string | null;
  status?: IncidentStatus;
  commander?: string | null;
  communications?: string | null;
  scribe?: string | null;
  startedAt?: string;
  detectedAt?: string | null;
  acknowledgedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
  /** Why the change, written to the timeline with it. */
  note?: string;
}

/**
 * Body of `POST /postmortems`. Without a timeline, the incidents' timelines
 * fill it.
 *
 * @public
 */
export type CreatePostmortemRequest = {
  entityRef: string;
  incidentIds: string[];
  title?: string;
  impactUsersAffected?: string;
  impactDurationMinutes?: number;
  impactErrorBudget?: string;
  reviewers?: string[];
} & Partial<Record<PostmortemSectionKey, string>>;

/**
 * Body of `PATCH /postmortems/:id`.
 *
 * @public
 */
export type UpdatePostmortemRequest = {
  version: number;
  title?: string;
  status?: PostmortemStatus;
  impactUsersAffected?: string | null;
  impactDurationMinutes?: number | null;
  impactErrorBudget?: string | null;
  reviewers?: string[];
  incidentIds?: string[];
} & Partial<Record<PostmortemSectionKey, string>>;

/**
 * Body of `POST /postmortems/:id/action-items`.
 *
 * @public
 */
export interface CreateActionItemRequest {
  title: string;
  description?: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  /** User or group ref; must exist in the catalog. */
  owner: string;
  /** `YYYY-MM-DD` */
  dueDate?: string;
  ticketUrl?: string;
}

/**
 * Body of `PATCH /action-items/:id`.
 *
 * @public
 */
export interface UpdateActionItemRequest {
  version: number;
  title?: string;
  description?: string;
  type?: ActionItemType;
  priority?: ActionItemPriority;
  owner?: string;
  dueDate?: string | null;
  status?: ActionItemStatus;
  ticketUrl?: string | null;
}

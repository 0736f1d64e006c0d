import type { IncidentDrillKind } from '../incidents/types';

/**
 * The review flow of a postmortem, in order.
 *
 * @public
 */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;

/**
 * A step of the postmortem review flow.
 *
 * @public
 */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/**
 * The Markdown sections of the blameless postmortem template, in reading order.
 *
 * @public
 */
export const POSTMORTEM_SECTIONS = [
  { key: 'summary', title: 'Summary' },
  { key: 'impact', title: 'Impact' },
  { key: 'timeline', title: 'Timeline' },
  { key: 'rootCause', title: 'Root cause' },
  { key: 'contributingFactors', title: 'Contributing factors' },
  { key: 'wentWell', title: 'What went well' },
  { key: 'toImprove', title: 'What to improve' },
  { key: 'lessonsLearned', title: 'Lessons learned' },
] as const;

/**
 * Key of a Markdown section of a postmortem.
 *
 * @public
 */
export type PostmortemSectionKey = (typeof POSTMORTEM_SECTIONS)[number]['key'];

/**
 * A blameless postmortem of one or more incidents of an entity.
 *
 * @public
 */
export interface Postmortem extends Record<PostmortemSectionKey, string> {
  id: string;
  entityRef: string;
  title: string;
  status: PostmortemStatus;
  /** Free text: who and how many were affected. */
  impactUsersAffected: string | null;
  impactDurationMinutes: number | null;
  /** Free text: SLO and error-budget impact. */
  impactErrorBudget: string | null;
  /** User ref of the author. */
  author: string;
  /** User or group refs of the reviewers, picked from the catalog. */
  reviewers: string[];
  /**
   * User ref of the reviewer whose approval published it; null until then,
   * and again once it goes back to draft or review.
   */
  approvedBy?: string | null;
  approvedAt?: string | null;
  incidentIds: string[];
  /**
   * The distinct severities of the incidents it covers, in the order of their
   * ids (`SEV1` before `SEV2`); absent from records of older backends.
   */
  incidentSeverities?: string[];
  /**
   * The kind of drill when every incident it covers is a drill: the
   * postmortem is a drill's debrief. Null or absent otherwise.
   */
  drill?: IncidentDrillKind | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The kinds of action items.
 *
 * @public
 */
export const ACTION_ITEM_TYPES = [
  'detect',
  'mitigate',
  'prevent',
  'process',
] as const;

/**
 * Kind of an action item.
 *
 * @public
 */
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

/**
 * Priorities of action items, most urgent first.
 *
 * @public
 */
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/**
 * Priority of an action item.
 *
 * @public
 */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/**
 * States of an action item.
 *
 * @public
 */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in_progress',
  'done',
  'wont_do',
] as const;

/**
 * State of an action item.
 *
 * @public
 */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/**
 * Follow-up work from a postmortem.
 *
 * @public
 */
export interface ActionItem {
  id: string;
  postmortemId: string;
  entityRef: string;
  title: string;
  description: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  /** User or group ref. */
  owner: string;
  /** `YYYY-MM-DD`, or null. */
  dueDate: string | null;
  status: ActionItemStatus;
  completedAt: string | null;
  ticketUrl: string | null;
  /** Not done (nor won't do) and past its due date. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * A postmortem with its incidents and action items.
 *
 * @public
 */
export interface PostmortemDetail extends Postmortem {
  incidents: Array<{
    id: string;
    title: string;
    severity: string;
    startedAt: string;
    /** The kind of drill when the incident is one: the postmortem is its debrief. */
    drill?: IncidentDrillKind | null;
  }>;
  actionItems: ActionItem[];
  /** Its revisions, newest first (the latest 100). */
  revisions?: PostmortemRevision[];
}

/**
 * What a revision of a postmortem did.
 *
 * @public
 */
export type PostmortemRevisionAction =
  | 'created'
  | 'edited'
  | 'review_requested'
  | 'approved'
  | 'returned';

/**
 * One change of a postmortem: who made it, when, and which of its parts
 * changed.
 *
 * @public
 */
export interface PostmortemRevision {
  /** The postmortem's version after the change. */
  version: number;
  at: string;
  /** User ref of who made it. */
  actor: string;
  action: PostmortemRevisionAction;
  /** The fields changed: section keys, `title`, `reviewers`, impact fields. */
  changed: string[];
  /** The postmortem's status after the change. */
  status: PostmortemStatus;
}

/**
 * Whether an action item is overdue on a given day (`YYYY-MM-DD`, UTC).
 *
 * @public
 */
export function isActionItemOverdue(
  item: Pick<ActionItem, 'status' | 'dueDate'>,
  today: string,
): boolean {
  return (
    (item.status === 'open' || item.status === 'in_progress') &&
    item.dueDate !== null &&
    item.dueDate < today
  );
}

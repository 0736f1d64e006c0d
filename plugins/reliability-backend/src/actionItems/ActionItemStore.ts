import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  ActionItemType,
  EntityActionItemSummary,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { EntityFilter } from '../database/entityFilter';
import { VersionedChange } from '../database/versionedRecords';
import { PageRequest } from '../database/keysetPage';

/**
 * Fields of an action item that can be written.
 *
 * @internal
 */
export interface ActionItemFields {
  title?: string;
  description?: string;
  type?: ActionItemType;
  priority?: ActionItemPriority;
  owner?: string;
  dueDate?: string | null;
  status?: ActionItemStatus;
  completedAt?: Date | null;
  ticketUrl?: string | null;
}

/**
 * A new action item.
 *
 * @internal
 */
export type NewActionItem = ActionItemFields & {
  /** Generated when absent. */
  id?: string;
  postmortemId: string;
  entityRef: string;
  title: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  owner: string;
};

/**
 * Which action items to list. `today` (`YYYY-MM-DD`) decides what is overdue.
 *
 * @internal
 */
export interface ActionItemFilter extends EntityFilter {
  owners?: string[];
  postmortemId?: string;
  /** `open` means open or in progress. */
  status?: ActionItemStatus | 'open';
  overdue?: boolean;
  today: string;
}

/**
 * Storage of action items.
 *
 * @internal
 */
export interface ActionItemStore {
  createActionItem(
    item: NewActionItem,
    actor: string,
    today: string,
  ): Promise<ActionItem>;
  getActionItem(id: string, today: string): Promise<ActionItem | undefined>;
  listActionItems(
    filter: ActionItemFilter,
    page: PageRequest,
  ): Promise<Page<ActionItem>>;
  /** The distinct entities that have action items matching the filter. */
  listEntityRefs(filter: ActionItemFilter): Promise<string[]>;
  /** Optimistic: NotFoundError, or ConflictError when not at `expectedVersion`. */
  updateActionItem(
    id: string,
    options: VersionedChange<ActionItemFields> & { today: string },
  ): Promise<ActionItem>;
  /** Counts in SQL and the items to show on the entity page. */
  getEntitySummary(
    /** One entity, or the components of a group or system to aggregate. */
    entityRefs: string | string[],
    options: { today: string; limit: number },
  ): Promise<EntityActionItemSummary>;
}

import {
  ActionItem,
  ActionItemStatus,
  createActionItemRequestSchema,
  EntityActionItemSummary,
  Page,
  updateActionItemRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { TimedAnswer } from '../caching/AnswerCache';
import { EntityFilter } from '../database/entityFilter';
import { VersionedChange } from '../database/versionedRecords';
import { PageRequest } from '../database/keysetPage';

/**
 * Fields of an action item that can be written: those of a change request,
 * and when it was completed.
 *
 * @internal
 */
export type ActionItemFields = Omit<
  z.output<typeof updateActionItemRequestSchema>,
  'version'
> & { completedAt?: Date | null };

/**
 * A new action item.
 *
 * @internal
 */
export type NewActionItem = z.output<typeof createActionItemRequestSchema> & {
  /** Generated when absent. */
  id?: string;
  postmortemId: string;
  entityRef: string;
  completedAt?: Date | null;
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
  /**
   * Counts in SQL and the items to show on the entity page, and until when
   * they hold without a write (the end of `today`, which decides overdue).
   */
  getEntitySummary(
    /** One entity, or the components of a group or system to aggregate. */
    entityRefs: string | string[],
    options: { today: string; limit: number },
  ): Promise<TimedAnswer<EntityActionItemSummary>>;
}

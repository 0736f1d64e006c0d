import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  ActionItemType,
  EntityActionItemSummary,
  isActionItemOverdue,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { TimedAnswer } from '../caching/AnswerCache';
import { toIso, toNumber } from '../database/sql';
import { distinctEntityRefs, whereEntities } from '../database/entityFilter';
import { keysetPage, PageRequest } from '../database/keysetPage';
import {
  VersionedChange,
  VersionedRecords,
} from '../database/versionedRecords';
import {
  ActionItemFields,
  ActionItemFilter,
  ActionItemStore,
  NewActionItem,
} from './ActionItemStore';

type Timestamp = Date | number | string;

interface ActionItemRow {
  id: string;
  postmortem_id: string;
  entity_ref: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  owner: string;
  due_date: string | null;
  status: string;
  completed_at: Timestamp | null;
  ticket_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

const COLUMNS: Record<keyof ActionItemFields, keyof ActionItemRow> = {
  title: 'title',
  description: 'description',
  type: 'type',
  priority: 'priority',
  owner: 'owner',
  dueDate: 'due_date',
  status: 'status',
  completedAt: 'completed_at',
  ticketUrl: 'ticket_url',
};

const OPEN_STATUSES = ['open', 'in_progress'];

const DAY_MS = 24 * 60 * 60 * 1000;

function toColumns(fields: ActionItemFields): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) {
      row[COLUMNS[key as keyof ActionItemFields]] = value;
    }
  }
  return row;
}

function toActionItem(row: ActionItemRow, today: string): ActionItem {
  const item = {
    id: row.id,
    postmortemId: row.postmortem_id,
    entityRef: row.entity_ref,
    title: row.title,
    description: row.description,
    type: row.type as ActionItemType,
    priority: row.priority as ActionItemPriority,
    owner: row.owner,
    dueDate: row.due_date,
    status: row.status as ActionItemStatus,
    completedAt: toIso(row.completed_at),
    ticketUrl: row.ticket_url,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
  return { ...item, overdue: isActionItemOverdue(item, today) };
}

/** Action items as the API answers them on `today` (which decides overdue). */
function records(today: string) {
  return VersionedRecords.create<ActionItem>({
    table: 'action_items',
    thing: 'Action item',
    resourceType: 'action-item',
    fromRow: (row: ActionItemRow) => toActionItem(row, today),
  });
}

/**
 * Action items in the plugin's database.
 *
 * @internal
 */
export class DatabaseActionItemStore implements ActionItemStore {
  static create(options: { knex: Knex }) {
    return new DatabaseActionItemStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async createActionItem(
    item: NewActionItem,
    actor: string,
    today: string,
  ): Promise<ActionItem> {
    const { id = randomUUID(), postmortemId, entityRef, ...fields } = item;
    return records(today).create(this.knex, id, { actor }, (tx, now) =>
      tx('action_items').insert({
        id,
        postmortem_id: postmortemId,
        entity_ref: entityRef,
        description: '',
        status: 'open',
        ...toColumns(fields),
        created_at: now,
        updated_at: now,
        version: 1,
      }),
    );
  }

  async getActionItem(
    id: string,
    today: string,
  ): Promise<ActionItem | undefined> {
    return records(today).read(this.knex, id);
  }

  async listActionItems(
    filter: ActionItemFilter,
    page: PageRequest,
  ): Promise<Page<ActionItem>> {
    return keysetPage<ActionItemRow, ActionItem>(this.filtered(filter), {
      column: 'created_at',
      ...page,
      toItem: row => toActionItem(row, filter.today),
    });
  }

  async listEntityRefs(filter: ActionItemFilter): Promise<string[]> {
    return distinctEntityRefs(this.filtered(filter));
  }

  private filtered(filter: ActionItemFilter): Knex.QueryBuilder {
    const query = whereEntities(this.knex('action_items'), filter);
    if (filter.owners) {
      query.whereIn('owner', filter.owners);
    }
    if (filter.postmortemId) {
      query.where('postmortem_id', filter.postmortemId);
    }
    if (filter.status === 'open') {
      query.whereIn('status', OPEN_STATUSES);
    } else if (filter.status) {
      query.where('status', filter.status);
    }
    if (filter.overdue === true) {
      query
        .whereIn('status', OPEN_STATUSES)
        .where('due_date', '<', filter.today);
    } else if (filter.overdue === false) {
      query.where(q =>
        q
          .whereNotIn('status', OPEN_STATUSES)
          .orWhereNull('due_date')
          .orWhere('due_date', '>=', filter.today),
      );
    }
    return query;
  }

  async updateActionItem(
    id: string,
    options: VersionedChange<ActionItemFields> & { today: string },
  ): Promise<ActionItem> {
    return records(options.today).update(this.knex, id, options, async () =>
      toColumns(options.changes),
    );
  }

  async getEntitySummary(
    entityRefs: string | string[],
    options: { today: string; limit: number },
  ): Promise<TimedAnswer<EntityActionItemSummary>> {
    const { knex } = this;
    const refs = typeof entityRefs === 'string' ? [entityRefs] : entityRefs;
    const ofEntities = () =>
      knex<ActionItemRow>('action_items').whereIn('entity_ref', refs);
    // The counts by status are kept per entity by the database (see the
    // action_item_counts migration); the rest are index ranges of
    // (entity_ref, status, due_date). See bench/entity-summary.
    const [byStatus, overdue, ...dated] = await Promise.all([
      knex('action_item_counts')
        .whereIn('entity_ref', refs)
        .select('status')
        .sum({ count: 'item_count' })
        .groupBy('status'),
      ofEntities()
        .whereIn('status', OPEN_STATUSES)
        .where('due_date', '<', options.today)
        .count({ count: '*' })
        .first(),
      ...OPEN_STATUSES.map(status =>
        ofEntities()
          .where('status', status)
          .whereNotNull('due_date')
          .orderBy([
            { column: 'due_date', order: 'asc' },
            { column: 'created_at', order: 'asc' },
          ])
          .limit(options.limit),
      ),
    ]);
    const byDueDate = (dated as ActionItemRow[][])
      .flat()
      .sort(
        (a, b) =>
          a.due_date!.localeCompare(b.due_date!) ||
          toIso(a.created_at).localeCompare(toIso(b.created_at)),
      )
      .slice(0, options.limit);
    const undated =
      byDueDate.length < options.limit
        ? await ofEntities()
            .whereIn('status', OPEN_STATUSES)
            .whereNull('due_date')
            .orderBy('created_at', 'asc')
            .limit(options.limit - byDueDate.length)
        : [];

    const count = (status: string) =>
      toNumber(
        (byStatus as Array<{ status: string; count: unknown }>).find(
          row => row.status === status,
        )?.count,
      );
    const decided = count('open') + count('in_progress') + count('done');
    return {
      answer: {
        openCount: count('open') + count('in_progress'),
        overdueCount: toNumber(overdue?.count),
        completionRate: decided > 0 ? count('done') / decided : null,
        items: [...byDueDate, ...undated].map(row =>
          toActionItem(row, options.today),
        ),
      },
      // Overdue is decided by the date: the next day may make more so.
      holdsUntil: Date.parse(`${options.today}T00:00:00Z`) + DAY_MS,
    };
  }
}

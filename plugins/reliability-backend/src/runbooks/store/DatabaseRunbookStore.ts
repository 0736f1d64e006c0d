import {
  Page,
  Runbook,
  RunbookDetail,
  RunbookRecord,
  RunbookSeverity,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { recordAudit } from '../../audit/AuditLog';
import { toIso, toNumber } from '../../database/sql';
import { decodeLibraryCursor, encodeLibraryCursor } from './libraryCursor';
import {
  IndexedRunbook,
  RunbookLibraryQuery,
  RunbookSourceState,
  RunbookStore,
} from './RunbookStore';
import { containsPattern, runbookSearchText, searchWords } from './searchText';

type Timestamp = Date | number | string;

interface RunbookRow {
  id: string;
  entity_ref: string;
  kind: string;
  title: string;
  title_sort: string;
  description: string | null;
  url: string | null;
  severity: string | null;
  owner: string | null;
  system: string | null;
  last_reviewed: string;
  review_interval_days: number | string | null;
  review_due: string | null;
  alerts: string;
  tags: string;
  source_location: string;
  content_hash: string | null;
  indexed_at: Timestamp;
}

interface SourceRow {
  entity_ref: string;
  location: string | null;
  problems: string;
  file_hashes: string;
  etag: string | null;
  entity_hash: string | null;
  refreshed_at: Timestamp;
}

interface TextRow {
  runbook_id: string;
  body: string | null;
  search_text: string;
}

/** Columns of a runbook row (the large body and search text are apart). */
const LIST_COLUMNS = [
  'id',
  'entity_ref',
  'kind',
  'title',
  'title_sort',
  'description',
  'url',
  'severity',
  'owner',
  'system',
  'last_reviewed',
  'review_interval_days',
  'review_due',
  'alerts',
  'tags',
  'source_location',
  'content_hash',
  'indexed_at',
];

/** Rows per INSERT, well under SQLite's limit of bound parameters. */
const INSERT_CHUNK = 200;
/** Entity refs per `IN (…)` list. */
const IN_CHUNK = 500;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function isStale(row: Pick<RunbookRow, 'kind' | 'review_due'>, today: string) {
  return (
    row.kind === 'structured' && (!row.review_due || row.review_due < today)
  );
}

function toRecord(row: RunbookRow, today: string): RunbookRecord {
  const record: RunbookRecord = {
    id: row.id,
    kind: row.kind as RunbookRecord['kind'],
    entityRef: row.entity_ref,
    title: row.title,
    alerts: JSON.parse(row.alerts),
    tags: JSON.parse(row.tags),
    stale: isStale(row, today),
    sourceLocation: row.source_location,
    indexedAt: toIso(row.indexed_at),
  };
  if (row.description) record.description = row.description;
  if (row.url) record.url = row.url;
  if (row.severity) record.severity = row.severity as RunbookSeverity;
  if (row.owner) record.owner = row.owner;
  if (row.system) record.system = row.system;
  if (row.last_reviewed) record.lastReviewed = row.last_reviewed;
  if (row.review_interval_days !== null) {
    record.reviewIntervalDays = toNumber(row.review_interval_days);
  }
  if (row.review_due) record.reviewDue = row.review_due;
  return record;
}

function toRow(runbook: IndexedRunbook, now: Date): RunbookRow {
  return {
    id: runbook.id,
    entity_ref: runbook.entityRef,
    kind: runbook.kind,
    title: runbook.title,
    title_sort: lower(runbook.title),
    description: runbook.description ?? null,
    url: runbook.url ?? null,
    severity: runbook.severity ?? null,
    owner: runbook.owner ?? null,
    system: runbook.system ?? null,
    last_reviewed: runbook.lastReviewed ?? '',
    review_interval_days: runbook.reviewIntervalDays ?? null,
    review_due: runbook.reviewDue ?? null,
    alerts: JSON.stringify(runbook.alerts),
    tags: JSON.stringify(runbook.tags),
    source_location: runbook.sourceLocation,
    content_hash: runbook.contentHash ?? null,
    indexed_at: now,
  };
}

function toText(runbook: IndexedRunbook): TextRow {
  return {
    runbook_id: runbook.id,
    body: runbook.runbook ? JSON.stringify(runbook.runbook) : null,
    search_text: runbookSearchText(runbook),
  };
}

function toState(row: SourceRow): RunbookSourceState {
  return {
    entityRef: row.entity_ref,
    location: row.location,
    problems: JSON.parse(row.problems),
    fileHashes: JSON.parse(row.file_hashes),
    etag: row.etag ?? undefined,
    entityHash: row.entity_hash ?? undefined,
    refreshedAt: toIso(row.refreshed_at),
  };
}

/**
 * The runbook index in the plugin's database. Search is a case-insensitive
 * substring match of every query word over a lower-cased text column, which
 * behaves the same on SQLite and PostgreSQL.
 *
 * @internal
 */
export class DatabaseRunbookStore implements RunbookStore {
  static create(options: { knex: Knex }) {
    return new DatabaseRunbookStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async replaceEntityRunbooks(
    state: Omit<RunbookSourceState, 'refreshedAt'>,
    runbooks: IndexedRunbook[],
    options: { now: Date; actor?: string },
  ): Promise<void> {
    const { now, actor } = options;
    const rows = runbooks.map(runbook => toRow(runbook, now));
    await this.knex.transaction(async tx => {
      const before = actor
        ? await tx('runbooks')
            .where('entity_ref', state.entityRef)
            .orderBy('id')
            .pluck('id')
        : undefined;
      await this.deleteRunbooksOf(tx, [state.entityRef]);
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        await tx('runbooks').insert(chunk);
      }
      for (const chunk of chunks(runbooks.map(toText), INSERT_CHUNK)) {
        await tx('runbook_texts').insert(chunk);
      }
      const alerts = runbooks.flatMap(runbook =>
        [...new Set(runbook.alerts.map(lower))].map(alert => ({
          runbook_id: runbook.id,
          alert,
        })),
      );
      for (const chunk of chunks(alerts, INSERT_CHUNK)) {
        await tx('runbook_alerts').insert(chunk);
      }
      const tags = runbooks.flatMap(runbook =>
        [...new Set(runbook.tags.map(lower))].map(tag => ({
          runbook_id: runbook.id,
          tag,
        })),
      );
      for (const chunk of chunks(tags, INSERT_CHUNK)) {
        await tx('runbook_tags').insert(chunk);
      }
      const source = {
        location: state.location,
        problems: JSON.stringify(state.problems),
        file_hashes: JSON.stringify(state.fileHashes),
        etag: state.etag ?? null,
        entity_hash: state.entityHash ?? null,
        refreshed_at: now,
      };
      await tx('runbook_sources')
        .insert({ entity_ref: state.entityRef, ...source })
        .onConflict('entity_ref')
        .merge(source);
      if (actor) {
        await recordAudit(tx, {
          actor,
          action: 'runbooks.refresh',
          resourceType: 'runbooks',
          resourceId: state.entityRef,
          entityRef: state.entityRef,
          before: { runbooks: before },
          after: {
            runbooks: rows.map(row => row.id).sort(),
            problems: state.problems.length,
          },
          at: now,
        });
      }
    });
  }

  private async deleteRunbooksOf(tx: Knex.Transaction, entityRefs: string[]) {
    const ids = tx('runbooks').whereIn('entity_ref', entityRefs).select('id');
    await tx('runbook_alerts').whereIn('runbook_id', ids).delete();
    await tx('runbook_tags').whereIn('runbook_id', ids).delete();
    await tx('runbook_texts').whereIn('runbook_id', ids).delete();
    await tx('runbooks').whereIn('entity_ref', entityRefs).delete();
  }

  async touchSources(entityRefs: string[], now: Date): Promise<void> {
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      await this.knex('runbook_sources')
        .whereIn('entity_ref', chunk)
        .update({ refreshed_at: now });
    }
  }

  async removeEntities(entityRefs: string[]): Promise<void> {
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      await this.knex.transaction(async tx => {
        await this.deleteRunbooksOf(tx, chunk);
        await tx('runbook_sources').whereIn('entity_ref', chunk).delete();
      });
    }
  }

  async listSourceEntityRefs(): Promise<string[]> {
    return this.knex('runbook_sources')
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  async getSource(entityRef: string): Promise<RunbookSourceState | undefined> {
    const row = await this.knex<SourceRow>('runbook_sources')
      .where('entity_ref', entityRef)
      .first();
    return row ? toState(row) : undefined;
  }

  async getSources(entityRefs: string[]): Promise<RunbookSourceState[]> {
    const out: RunbookSourceState[] = [];
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      const rows = await this.knex<SourceRow>('runbook_sources')
        .whereIn('entity_ref', chunk)
        .orderBy('entity_ref');
      out.push(...rows.map(toState));
    }
    return out;
  }

  async getStoredRunbooks(entityRef: string): Promise<IndexedRunbook[]> {
    const rows: Array<RunbookRow & { body: string | null }> = await this.knex(
      'runbooks',
    )
      .select([...LIST_COLUMNS.map(c => `runbooks.${c}`), 'runbook_texts.body'])
      .leftJoin('runbook_texts', 'runbook_texts.runbook_id', 'runbooks.id')
      .where({
        'runbooks.entity_ref': entityRef,
        'runbooks.kind': 'structured',
      })
      .orderBy('runbooks.id');
    return rows.map(row => {
      const record = toRecord(row, '0000-01-01');
      return {
        ...record,
        runbook: row.body ? (JSON.parse(row.body) as Runbook) : undefined,
        contentHash: row.content_hash ?? undefined,
      };
    });
  }

  async listEntityRunbooks(
    entityRefs: string[],
    today: string,
  ): Promise<RunbookRecord[]> {
    const out: RunbookRecord[] = [];
    for (const chunk of chunks(entityRefs, IN_CHUNK)) {
      const rows: RunbookRow[] = await this.knex('runbooks')
        .select(LIST_COLUMNS)
        .whereIn('entity_ref', chunk);
      out.push(...rows.map(row => toRecord(row, today)));
    }
    return out.sort(
      (a, b) =>
        lower(a.title).localeCompare(lower(b.title)) || (a.id < b.id ? -1 : 1),
    );
  }

  private applyFilters(query: Knex.QueryBuilder, filter: RunbookLibraryQuery) {
    const words = searchWords(filter.q);
    if (words.length) {
      // One pass over the texts, then a lookup by id (cheaper than EXISTS per row).
      const matching = this.knex('runbook_texts').select('runbook_id');
      for (const word of words) {
        matching.whereRaw(`?? like ? escape '\\'`, [
          'runbook_texts.search_text',
          containsPattern(word),
        ]);
      }
      query.whereIn('runbooks.id', matching);
    }
    if (filter.owner) query.where('runbooks.owner', filter.owner);
    if (filter.system) query.where('runbooks.system', filter.system);
    if (filter.severity) query.where('runbooks.severity', filter.severity);
    if (filter.entityRefs) {
      query.whereIn('runbooks.entity_ref', filter.entityRefs);
    }
    if (filter.excludeEntityRefs?.length) {
      query.whereNotIn('runbooks.entity_ref', filter.excludeEntityRefs);
    }
    if (filter.alert) {
      const alert = lower(filter.alert);
      query.whereExists(sub =>
        sub
          .select(this.knex.raw('1'))
          .from('runbook_alerts')
          .whereRaw('runbook_alerts.runbook_id = runbooks.id')
          .andWhere('runbook_alerts.alert', alert),
      );
    }
    if (filter.tag) {
      const tag = lower(filter.tag);
      query.whereExists(sub =>
        sub
          .select(this.knex.raw('1'))
          .from('runbook_tags')
          .whereRaw('runbook_tags.runbook_id = runbooks.id')
          .andWhere('runbook_tags.tag', tag),
      );
    }
    if (filter.stale !== undefined) {
      const staleCondition = (q: Knex.QueryBuilder) =>
        q
          .where('runbooks.kind', 'structured')
          .andWhere(due =>
            due
              .whereNull('runbooks.review_due')
              .orWhere('runbooks.review_due', '<', filter.today),
          );
      if (filter.stale) {
        query.where(staleCondition);
      } else {
        query.whereNot(staleCondition);
      }
    }
    return query;
  }

  async libraryEntityRefs(filter: RunbookLibraryQuery): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.applyFilters(
      this.knex('runbooks'),
      filter,
    ).distinct('runbooks.entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async searchLibrary(
    filter: RunbookLibraryQuery,
  ): Promise<Page<RunbookRecord> & { total: number }> {
    const sortColumn =
      filter.sort === 'lastReviewed'
        ? 'runbooks.last_reviewed'
        : 'runbooks.title_sort';
    const countRow = await this.applyFilters(
      this.knex('runbooks'),
      filter,
    ).count({ count: '*' });
    const total = toNumber(countRow[0]?.count);

    const query = this.applyFilters(
      this.knex('runbooks').select(LIST_COLUMNS.map(c => `runbooks.${c}`)),
      filter,
    );
    if (filter.cursor) {
      const { key, id } = decodeLibraryCursor(filter.cursor);
      query.where(after =>
        after
          .where(sortColumn, '>', key)
          .orWhere(same =>
            same.where(sortColumn, key).andWhere('runbooks.id', '>', id),
          ),
      );
    }
    const rows: RunbookRow[] = await query
      .orderBy([
        { column: sortColumn, order: 'asc' },
        { column: 'runbooks.id', order: 'asc' },
      ])
      .limit(filter.limit + 1);
    const items = rows
      .slice(0, filter.limit)
      .map(row => toRecord(row, filter.today));
    if (rows.length <= filter.limit) {
      return { items, total };
    }
    const last = rows[filter.limit - 1];
    return {
      items,
      total,
      nextCursor: encodeLibraryCursor({
        key:
          filter.sort === 'lastReviewed' ? last.last_reviewed : last.title_sort,
        id: last.id,
      }),
    };
  }

  async getRunbook(
    id: string,
    today: string,
  ): Promise<RunbookDetail | undefined> {
    const row: (RunbookRow & { body: string | null }) | undefined =
      await this.knex('runbooks')
        .select([
          ...LIST_COLUMNS.map(c => `runbooks.${c}`),
          'runbook_texts.body',
        ])
        .leftJoin('runbook_texts', 'runbook_texts.runbook_id', 'runbooks.id')
        .where('runbooks.id', id)
        .first();
    if (!row) {
      return undefined;
    }
    const detail: RunbookDetail = toRecord(row, today);
    if (row.body) {
      detail.runbook = JSON.parse(row.body);
    }
    return detail;
  }

  async findByAlert(
    alertname: string,
    today: string,
  ): Promise<RunbookRecord[]> {
    const rows: RunbookRow[] = await this.knex('runbooks')
      .select(LIST_COLUMNS.map(c => `runbooks.${c}`))
      .join('runbook_alerts', 'runbook_alerts.runbook_id', 'runbooks.id')
      .where('runbook_alerts.alert', lower(alertname))
      .orderBy([
        { column: 'runbooks.title_sort', order: 'asc' },
        { column: 'runbooks.id', order: 'asc' },
      ])
      .limit(100);
    return rows.map(row => toRecord(row, today));
  }
}

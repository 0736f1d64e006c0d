import {
  RunbookLibraryPage,
  Runbook,
  RunbookDetail,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { recordAudit } from '../../audit/AuditLog';
import { LibraryMatches } from './LibraryMatches';
import { libraryPage, readLibraryMatches } from './libraryQuery';
import {
  IndexedRunbook,
  RunbookLibraryQuery,
  RunbookSourceState,
  RunbookStore,
} from './RunbookStore';
import {
  chunks,
  IN_CHUNK,
  INSERT_CHUNK,
  LIST_COLUMNS,
  lower,
  nameRows,
  RunbookRow,
  SourceRow,
  toRecord,
  toRow,
  toState,
  toText,
  withValidation,
} from './runbookRows';

/**
 * The runbook index in the plugin's database. Search is a case-insensitive
 * substring match of every query word over a lower-cased text column, which
 * behaves the same on SQLite and PostgreSQL; a trigram index (FTS5 on SQLite,
 * pg_trgm on PostgreSQL) finds the words instead of reading every text.
 *
 * @internal
 */
export class DatabaseRunbookStore implements RunbookStore {
  static create(options: { knex: Knex }) {
    return new DatabaseRunbookStore(options.knex);
  }

  private readonly library: LibraryMatches;

  private constructor(private readonly knex: Knex) {
    this.library = new LibraryMatches(knex, filter =>
      readLibraryMatches(knex, filter),
    );
  }

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
      const insertAll = async (table: string, values: object[]) => {
        for (const chunk of chunks(values, INSERT_CHUNK)) {
          await tx(table).insert(chunk);
        }
      };
      await insertAll('runbooks', rows);
      await insertAll('runbook_texts', runbooks.map(toText));
      await insertAll('runbook_alerts', nameRows(runbooks, 'alert'));
      await insertAll('runbook_tags', nameRows(runbooks, 'tag'));
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
      .select([...LIST_COLUMNS, 'runbook_texts.body'])
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
      const rows: RunbookRow[] = await withValidation(
        this.knex('runbooks').select(LIST_COLUMNS),
      ).whereIn('runbooks.entity_ref', chunk);
      out.push(...rows.map(row => toRecord(row, today)));
    }
    return out.sort(
      (a, b) =>
        lower(a.title).localeCompare(lower(b.title)) || (a.id < b.id ? -1 : 1),
    );
  }

  async libraryEntityRefs(filter: RunbookLibraryQuery): Promise<string[]> {
    const { entityRefs } = await this.library.list(filter);
    const only = filter.entityRefs && new Set(filter.entityRefs);
    const excluded = new Set(filter.excludeEntityRefs);
    return entityRefs.filter(
      ref => (!only || only.has(ref)) && !excluded.has(ref),
    );
  }

  async searchLibrary(
    filter: RunbookLibraryQuery,
  ): Promise<RunbookLibraryPage> {
    return libraryPage(this.knex, await this.library.list(filter), filter);
  }

  async getRunbook(
    id: string,
    today: string,
  ): Promise<RunbookDetail | undefined> {
    const row: (RunbookRow & { body: string | null }) | undefined =
      await withValidation(
        this.knex('runbooks').select([...LIST_COLUMNS, 'runbook_texts.body']),
      )
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
    const rows: RunbookRow[] = await withValidation(
      this.knex('runbooks').select(LIST_COLUMNS),
    )
      .join('runbook_alerts', 'runbook_alerts.runbook_id', 'runbooks.id')
      .where('runbook_alerts.alert', lower(alertname))
      .orderBy([
        { column: 'runbooks.title_sort', order: 'asc' },
        { column: 'runbooks.id', order: 'asc' },
      ])
      .limit(100);
    return rows.map(row => toRecord(row, today));
  }

  async findIdsByUrl(url: string): Promise<string[]> {
    return this.knex('runbooks')
      .where({ kind: 'link', url })
      .orderBy('id')
      .limit(100)
      .pluck('id');
  }

  async recordValidation(
    runbookId: string,
    validation: { at: Date; incidentId: string },
  ): Promise<void> {
    const row = {
      runbook_id: runbookId,
      validated_at: validation.at,
      incident_id: validation.incidentId,
    };
    // The latest drill wins, whichever replica writes last.
    await this.knex('runbook_validations')
      .insert(row)
      .onConflict('runbook_id')
      .merge()
      .where('runbook_validations.validated_at', '<', validation.at);
  }
}

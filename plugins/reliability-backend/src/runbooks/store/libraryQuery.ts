import { RunbookLibraryPage } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { whereEntities } from '../../database/entityFilter';
import { decodeCursor, encodeCursor, PageCursor } from '../../database/cursor';
import { isPostgres } from '../../database/sql';
import { LibraryMatch, MatchList } from './LibraryMatches';
import { RunbookLibraryQuery } from './RunbookStore';
import {
  LIST_COLUMNS,
  lower,
  RunbookRow,
  toRecord,
  withValidation,
} from './runbookRows';
import {
  containsPattern,
  isTrigramWord,
  searchWords,
  trigramMatchQuery,
} from './searchText';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The drill validation of the runbook the outer query is at. */
function validation(knex: Knex): Knex.QueryBuilder {
  return knex('runbook_validations')
    .select(knex.raw('1'))
    .whereRaw('runbook_validations.runbook_id = runbooks.id');
}

/** Keeps the rows whose search text holds every one of `words`. */
function whereTextHolds(query: Knex.QueryBuilder, words: string[]) {
  for (const word of words) {
    query.whereRaw(`?? like ? escape '\\'`, [
      'runbook_texts.search_text',
      containsPattern(word),
    ]);
  }
}

/**
 * Narrows a query of `runbooks` to those whose search text holds every one of
 * `words`. On PostgreSQL the LIKEs use the pg_trgm index when there is one. On
 * SQLite the FTS5 trigram table finds the words of three characters or more,
 * and LIKE checks the shorter ones among what it found (or, with only short
 * words, reads every text).
 */
function whereWordsFound(
  knex: Knex,
  query: Knex.QueryBuilder,
  words: string[],
) {
  const indexed = isPostgres(knex) ? [] : words.filter(isTrigramWord);
  const scanned = words.filter(word => !indexed.includes(word));
  if (!indexed.length) {
    // One pass over the texts, then a lookup by id (cheaper than EXISTS per row).
    const matching = knex('runbook_texts').select('runbook_texts.runbook_id');
    whereTextHolds(matching, scanned);
    query.whereIn('runbooks.id', matching);
    return;
  }
  // A runbook has one text, so the joins keep one row per runbook; SQLite
  // starts from the index's matches (cheaper than a list of their ids when a
  // word is in most runbooks).
  query
    .join('runbook_search_ids', 'runbook_search_ids.runbook_id', 'runbooks.id')
    .join('runbook_search', 'runbook_search.rowid', 'runbook_search_ids.id')
    .whereRaw('runbook_search match ?', [trigramMatchQuery(indexed)]);
  if (scanned.length) {
    query.join('runbook_texts', 'runbook_texts.runbook_id', 'runbooks.id');
    whereTextHolds(query, scanned);
  }
}

/**
 * Narrows a query of `runbooks` to the library query's filters (all of them,
 * cursor aside).
 *
 * @internal
 */
export function filterLibrary(
  knex: Knex,
  query: Knex.QueryBuilder,
  filter: RunbookLibraryQuery,
): Knex.QueryBuilder {
  const words = searchWords(filter.q);
  if (words.length) {
    whereWordsFound(knex, query, words);
  }
  if (filter.owner) query.where('runbooks.owner', filter.owner);
  if (filter.system) query.where('runbooks.system', filter.system);
  if (filter.severity) query.where('runbooks.severity', filter.severity);
  whereEntities(query, filter, 'runbooks.entity_ref');
  const named = (table: string, column: string, value: string) =>
    query.whereExists(sub =>
      sub
        .select(knex.raw('1'))
        .from(table)
        .whereRaw(`${table}.runbook_id = runbooks.id`)
        .andWhere(`${table}.${column}`, lower(value)),
    );
  if (filter.alert) named('runbook_alerts', 'alert', filter.alert);
  if (filter.tag) named('runbook_tags', 'tag', filter.tag);
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
  if (filter.validated === 'never') {
    query.whereNotExists(validation(knex));
  }
  if (filter.validatedOverDays !== undefined) {
    const before = new Date(
      Date.parse(`${filter.today}T00:00:00Z`) -
        filter.validatedOverDays * DAY_MS,
    );
    query.whereExists(
      validation(knex).where('runbook_validations.validated_at', '<', before),
    );
  }
  return query;
}

/**
 * Every runbook the library query finds, whatever its entity: id, entity
 * and sort key (the lower-cased title, or the last review), unordered.
 *
 * @internal
 */
export async function readLibraryMatches(
  knex: Knex,
  filter: RunbookLibraryQuery,
): Promise<Array<{ id: string; entity_ref: string; key: string }>> {
  const key =
    filter.sort === 'lastReviewed'
      ? 'runbooks.last_reviewed'
      : 'runbooks.title_sort';
  const { entityRefs: _only, excludeEntityRefs: _exclude, ...all } = filter;
  return filterLibrary(
    knex,
    knex('runbooks').select('runbooks.id', 'runbooks.entity_ref', { key }),
    all,
  );
}

/** Whether a match comes after the cursor's position. */
function isAfter(match: LibraryMatch, cursor: PageCursor<string>) {
  return (
    match.key > cursor.key || (match.key === cursor.key && match.id > cursor.id)
  );
}

/**
 * A page of the runbook library from the query's matches: those of the
 * filter's entities (`entityRefs`, less `excludeEntityRefs`) are counted
 * and paged in one pass, and only the page's runbooks are read.
 *
 * @internal
 */
export async function libraryPage(
  knex: Knex,
  list: MatchList,
  filter: RunbookLibraryQuery,
): Promise<RunbookLibraryPage> {
  const only = filter.entityRefs && new Set(filter.entityRefs);
  const excluded = new Set(filter.excludeEntityRefs);
  const cursor = filter.cursor
    ? decodeCursor(filter.cursor, 'text')
    : undefined;
  const page: LibraryMatch[] = [];
  let total = 0;
  let more = false;
  for (const match of list.matches) {
    if ((only && !only.has(match.entityRef)) || excluded.has(match.entityRef)) {
      continue;
    }
    total += 1;
    if (!cursor || isAfter(match, cursor)) {
      if (page.length < filter.limit) {
        page.push(match);
      } else {
        more = true;
      }
    }
  }
  const rows: RunbookRow[] = page.length
    ? await withValidation(knex('runbooks').select(LIST_COLUMNS)).whereIn(
        'runbooks.id',
        page.map(match => match.id),
      )
    : [];
  const byId = new Map(rows.map(row => [row.id, row]));
  // A runbook removed since the list was read is left out.
  const items = page.flatMap(match => {
    const row = byId.get(match.id);
    return row ? [toRecord(row, filter.today)] : [];
  });
  const last = page[page.length - 1];
  return more
    ? { items, total, nextCursor: encodeCursor({ key: last.key, id: last.id }) }
    : { items, total };
}

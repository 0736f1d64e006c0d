import {
  RunbookLibraryPage,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { whereEntities } from '../../database/entityFilter';
import { keysetPage } from '../../database/keysetPage';
import { isPostgres, toNumber } from '../../database/sql';
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
 * A page of the runbook library, by title or by last review, with the number
 * of runbooks the filters find.
 *
 * @internal
 */
export async function searchLibrary(
  knex: Knex,
  filter: RunbookLibraryQuery,
): Promise<RunbookLibraryPage> {
  const byReview = filter.sort === 'lastReviewed';
  const page = await keysetPage<RunbookRow, RunbookRecord>(
    filterLibrary(
      knex,
      withValidation(knex('runbooks').select(LIST_COLUMNS)),
      filter,
    ),
    {
      key: 'text',
      column: byReview ? 'runbooks.last_reviewed' : 'runbooks.title_sort',
      keyOf: row => (byReview ? row.last_reviewed : row.title_sort),
      idColumn: 'runbooks.id',
      limit: filter.limit,
      cursor: filter.cursor,
      toItem: row => toRecord(row, filter.today),
    },
  );
  const countRow = await filterLibrary(knex, knex('runbooks'), filter).count({
    count: '*',
  });
  return { ...page, total: toNumber(countRow[0]?.count) };
}

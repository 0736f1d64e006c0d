import {
  RunbookRecord,
  RunbookSeverity,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toIso, toNumber } from '../../database/sql';
import { IndexedRunbook, RunbookSourceState } from './RunbookStore';
import { runbookSearchText } from './searchText';

/*
 * The rows of the runbook index (`runbooks`, `runbook_texts`,
 * `runbook_sources`) and their conversions.
 */

type Timestamp = Date | number | string;

/** @internal */
export interface RunbookRow {
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
  /** Read with {@link withValidation} only. */
  last_validated_at?: Timestamp | null;
  last_validated_incident_id?: string | null;
}

/** @internal */
export interface SourceRow {
  entity_ref: string;
  location: string | null;
  problems: string;
  file_hashes: string;
  etag: string | null;
  entity_hash: string | null;
  refreshed_at: Timestamp;
}

/** @internal */
export interface TextRow {
  runbook_id: string;
  body: string | null;
  search_text: string;
}

/** Columns of a runbook row (the large body and search text are apart). */
const COLUMNS = [
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

/** The columns of a runbook row, qualified for queries that join. @internal */
export const LIST_COLUMNS = COLUMNS.map(column => `runbooks.${column}`);

/**
 * Adds the last drill validation of each runbook to a query of `runbooks`:
 * validations live apart, as the refresh rebuilds the index rows.
 *
 * @internal
 */
export function withValidation(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query
    .leftJoin(
      'runbook_validations',
      'runbook_validations.runbook_id',
      'runbooks.id',
    )
    .select({
      last_validated_at: 'runbook_validations.validated_at',
      last_validated_incident_id: 'runbook_validations.incident_id',
    });
}

/** Rows per INSERT, well under SQLite's limit of bound parameters. @internal */
export const INSERT_CHUNK = 200;
/** Entity refs per `IN (…)` list. @internal */
export const IN_CHUNK = 500;

/** @internal */
export const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** @internal */
export function chunks<T>(items: T[], size: number): T[][] {
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

/** @internal */
export function toRecord(row: RunbookRow, today: string): RunbookRecord {
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
  if (row.last_validated_at) {
    record.lastValidatedAt = toIso(row.last_validated_at);
    if (row.last_validated_incident_id) {
      record.lastValidatedIncidentId = row.last_validated_incident_id;
    }
  }
  return record;
}

/** @internal */
export function toRow(runbook: IndexedRunbook, now: Date): RunbookRow {
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

/**
 * The rows of `runbook_alerts` (or `runbook_tags`): one per distinct
 * lower-cased alert name (or tag) of each runbook.
 *
 * @internal
 */
export function nameRows(runbooks: IndexedRunbook[], kind: 'alert' | 'tag') {
  return runbooks.flatMap(runbook =>
    [...new Set(runbook[`${kind}s`].map(lower))].map(name => ({
      runbook_id: runbook.id,
      [kind]: name,
    })),
  );
}

/** @internal */
export function toText(runbook: IndexedRunbook): TextRow {
  return {
    runbook_id: runbook.id,
    body: runbook.runbook ? JSON.stringify(runbook.runbook) : null,
    search_text: runbookSearchText(runbook),
  };
}

/** @internal */
export function toState(row: SourceRow): RunbookSourceState {
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

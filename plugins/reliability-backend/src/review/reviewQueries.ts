import {
  ErrorBudgetPolicyTier,
  SeverityCount,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toNumber } from '../database/sql';
import { PostmortemDueHours } from './postmortemDue';

/** A day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the review's queries need besides the period and the entities.
 *
 * @internal
 */
export interface ReviewQueryOptions {
  /** Configured severities, most severe first. */
  severityOrder: string[];
  tiers: readonly ErrorBudgetPolicyTier[];
  postmortemDueHours: PostmortemDueHours;
  now: Date;
}

/**
 * A row of an aggregate query.
 *
 * @internal
 */
export type Row = Record<string, unknown>;

/**
 * The mean of a summed column, rounded; null without rows.
 *
 * @internal
 */
export function mean(sum: unknown, count: unknown): number | null {
  const n = toNumber(count);
  return n ? Math.round(toNumber(sum) / n) : null;
}

/**
 * A numeric column that may be NULL.
 *
 * @internal
 */
export function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Counts per severity, most severe first, without zeros.
 *
 * @internal
 */
export function bySeverityOrder(
  rows: Row[],
  order: string[],
  key = 'count',
): SeverityCount[] {
  const rank = (severity: string) => {
    const index = order.indexOf(severity);
    return index < 0 ? order.length : index;
  };
  return rows
    .map(row => ({ severity: String(row.severity), count: toNumber(row[key]) }))
    .filter(entry => entry.count > 0)
    .sort(
      (a, b) =>
        rank(a.severity) - rank(b.severity) ||
        a.severity.localeCompare(b.severity),
    );
}

/**
 * A table's query narrowed to the review's entities.
 *
 * @internal
 */
export type Scoped = (table: string, column?: string) => Knex.QueryBuilder;

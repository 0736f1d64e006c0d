import { Knex } from 'knex';

/**
 * A stored timestamp as an ISO string. SQLite hands back epoch milliseconds,
 * PostgreSQL a Date.
 *
 * @internal
 */
export function toIso(value: Date | number | string): string;
/** @internal */
export function toIso(value: Date | number | string | null): string | null;
export function toIso(value: Date | number | string | null): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  const date = new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
  return date.toISOString();
}

/**
 * A stored timestamp in epoch milliseconds.
 *
 * @internal
 */
export function toEpochMs(value: Date | number | string): number {
  return Date.parse(toIso(value));
}

/**
 * True on PostgreSQL, false on SQLite.
 *
 * @internal
 */
export function isPostgres(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'pg' || client.includes('postgres');
}

/**
 * True on SQLite (`better-sqlite3` or `sqlite3`).
 *
 * @internal
 */
export function isSqlite(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'better-sqlite3' || client === 'sqlite3';
}

/**
 * SQL for the seconds from one timestamp column to another, on either engine.
 *
 * @internal
 */
export function secondsBetweenSql(knex: Knex, from: string, to: string) {
  if (isPostgres(knex)) {
    return knex.raw('EXTRACT(EPOCH FROM (?? - ??))', [to, from]);
  }
  // SQLite stores the timestamps as epoch milliseconds.
  return knex.raw('((?? - ??) / 1000.0)', [to, from]);
}

/**
 * A number from an aggregate: PostgreSQL returns bigint and numeric as strings.
 *
 * @internal
 */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

import { Knex } from 'knex';
import { isPostgres } from '../database/sql';

/**
 * SQL for a timestamp column plus `hours` hours, on either engine.
 *
 * @internal
 */
export function plusHoursSql(knex: Knex, column: string, hours: number) {
  if (isPostgres(knex)) {
    return knex.raw(`?? + (? * INTERVAL '1 hour')`, [column, hours]);
  }
  // SQLite stores the timestamps as epoch milliseconds.
  return knex.raw('(?? + ?)', [column, hours * 60 * 60 * 1000]);
}

/**
 * SQL for the 0-based step of `stepMs` from `from` a timestamp column falls
 * in, on either engine.
 *
 * @internal
 */
export function stepIndexSql(
  knex: Knex,
  column: string,
  from: Date,
  stepMs: number,
) {
  if (isPostgres(knex)) {
    return knex.raw(
      'FLOOR(EXTRACT(EPOCH FROM (?? - CAST(? AS timestamptz))) * 1000 / ?)',
      [column, from.toISOString(), stepMs],
    );
  }
  return knex.raw('CAST((?? - ?) / ? AS INTEGER)', [
    column,
    from.getTime(),
    stepMs,
  ]);
}

/**
 * SQL that is 1 when a timestamp column lies outside 08:00–18:00 UTC on a
 * weekday, else 0, on either engine.
 *
 * @internal
 */
export function offHoursSql(knex: Knex, column: string) {
  if (isPostgres(knex)) {
    return knex.raw(
      `CASE WHEN EXTRACT(ISODOW FROM ?? AT TIME ZONE 'UTC') >= 6
         OR EXTRACT(HOUR FROM ?? AT TIME ZONE 'UTC') < 8
         OR EXTRACT(HOUR FROM ?? AT TIME ZONE 'UTC') >= 18 THEN 1 ELSE 0 END`,
      [column, column, column],
    );
  }
  return knex.raw(
    `CASE WHEN strftime('%w', ?? / 1000, 'unixepoch') IN ('0', '6')
       OR CAST(strftime('%H', ?? / 1000, 'unixepoch') AS INTEGER) < 8
       OR CAST(strftime('%H', ?? / 1000, 'unixepoch') AS INTEGER) >= 18 THEN 1 ELSE 0 END`,
    [column, column, column],
  );
}

/**
 * SQL that is true unless the postmortem in a column is a drill's debrief:
 * one whose incidents are all drills. A debrief (and its action items)
 * rehearses the process and counts in no figure, as its drill counts in none.
 *
 * @internal
 */
export function notDebriefSql(knex: Knex, postmortemIdColumn: string) {
  const linked = (drill: 'IS NULL' | 'IS NOT NULL') =>
    `EXISTS (SELECT 1 FROM postmortem_incidents dpi
       CROSS JOIN incidents di
       WHERE dpi.postmortem_id = ?? AND di.id = dpi.incident_id
         AND di.drill ${drill})`;
  return knex.raw(`(NOT ${linked('IS NOT NULL')} OR ${linked('IS NULL')})`, [
    postmortemIdColumn,
    postmortemIdColumn,
  ]);
}

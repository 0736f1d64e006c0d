import { ReviewFigures } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toNumber } from '../database/sql';
import { PostmortemDueHours } from './postmortemDue';
import { ReviewQueryOptions, Scoped } from './reviewQueries';
import { plusHoursSql } from './reviewSql';

/** SQL for when the postmortem of incident `i` is due; NULL if none is required. */
function dueAtSql(knex: Knex, dueHours: PostmortemDueHours) {
  const entries = Object.entries(dueHours);
  if (!entries.length) {
    return knex.raw('NULL');
  }
  const cases = entries.map(([severity, hours]) =>
    knex.raw(
      `WHEN i.severity = ? THEN ${plusHoursSql(
        knex,
        'i.resolved_at',
        hours,
      ).toQuery()}`,
      [severity],
    ),
  );
  return knex.raw(
    `CASE ${cases.map(c => c.toQuery()).join(' ')} ELSE NULL END`,
  );
}

/**
 * Postmortems published in the period, on time or late, and those due.
 *
 * @internal
 */
export async function readPostmortemFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
  options: ReviewQueryOptions,
): Promise<ReviewFigures['postmortems']> {
  const dueAt = dueAtSql(knex, options.postmortemDueHours);
  const maxHours = Math.max(0, ...Object.values(options.postmortemDueHours));
  // Each postmortem published in the period, with its earliest due date.
  const published = scoped('postmortems', 'p.entity_ref')
    .from({ p: 'postmortems' })
    .leftJoin({ pi: 'postmortem_incidents' }, 'pi.postmortem_id', 'p.id')
    .leftJoin({ i: 'incidents' }, 'i.id', 'pi.incident_id')
    .where('p.status', 'published')
    .where('p.published_at', '>=', from)
    .where('p.published_at', '<', to)
    .select('p.id', 'p.published_at', {
      // Only a real incident's postmortem is ever due.
      due_at: knex.raw(
        `MIN(CASE WHEN i.drill IS NULL THEN ${dueAt.toQuery()} ELSE NULL END)`,
      ),
    })
    .groupBy('p.id', 'p.published_at')
    // Not a drill's debrief: it has no incident, or a real one.
    .havingRaw('COUNT(i.drill) = 0 OR COUNT(i.drill) < COUNT(i.id)');
  // Incidents whose postmortem fell due in the period: a postmortem was
  // late when none of theirs was published by then.
  const lateBefore = to.getTime() < options.now.getTime() ? to : options.now;
  const due = scoped('incidents', 'i.entity_ref')
    .from({ i: 'incidents' })
    .whereIn('i.severity', Object.keys(options.postmortemDueHours))
    .whereNotNull('i.resolved_at')
    // A drill's debrief is owed to the team, not counted late in the review.
    .whereNull('i.drill')
    .where(
      'i.resolved_at',
      '>=',
      new Date(from.getTime() - maxHours * 3_600_000),
    )
    .where('i.resolved_at', '<', to)
    .where(dueAt, '>=', from)
    .where(dueAt, '<', to)
    .select({
      due: knex.raw('COUNT(*)'),
      late: knex.raw(
        // From the incident's links to their postmortems, each by its key:
        // CROSS JOIN keeps SQLite in that order, where it would otherwise
        // walk every published postmortem for each incident.
        `SUM(CASE WHEN ${dueAt.toQuery()} < ? AND NOT EXISTS (
           SELECT 1 FROM postmortem_incidents pi
           CROSS JOIN postmortems p
           WHERE pi.incident_id = i.id AND p.id = pi.postmortem_id
             AND p.status = 'published'
             AND p.published_at <= ${dueAt.toQuery()}
         ) THEN 1 ELSE 0 END)`,
        [lateBefore],
      ),
    })
    .first();
  const [completed, dueRow] = await Promise.all([
    knex
      .from(published.as('pm'))
      .select({
        completed: knex.raw('COUNT(*)'),
        onTime: knex.raw(
          'SUM(CASE WHEN due_at IS NULL OR published_at <= due_at THEN 1 ELSE 0 END)',
        ),
      })
      .first(),
    due,
  ]);
  return {
    completed: toNumber(completed?.completed),
    onTime: toNumber(completed?.onTime),
    due: toNumber(dueRow?.due),
    late: toNumber(dueRow?.late),
  };
}

import { ReviewFigures } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toNumber } from '../database/sql';
import { DAY_MS, Scoped } from './reviewQueries';
import { notDebriefSql, plusHoursSql } from './reviewSql';

/**
 * Action items created, closed and overdue, and the 30-day closing rate.
 *
 * @internal
 */
export async function readActionItemFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
): Promise<ReviewFigures['actionItems']> {
  const lastDay = new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10);
  const cohortFrom = new Date(from.getTime() - 30 * DAY_MS);
  const cohortTo = new Date(to.getTime() - 30 * DAY_MS);
  // The action items of a drill's debrief are the team's to do, but they
  // count in no figure, as the drill does not.
  const items = () =>
    scoped('action_items').where(
      notDebriefSql(knex, 'action_items.postmortem_id'),
    );
  const [created, closed, overdue, cohort] = await Promise.all([
    items()
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .count({ count: '*' })
      .first(),
    // Led by the closing time: most items are done, so their status
    // narrows nothing.
    items()
      .where('completed_at', '>=', from)
      .where('completed_at', '<', to)
      .select({
        count: knex.raw("SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END)"),
      })
      .first(),
    // Due on or before the last day, created by then, not done by the end:
    // open ones and those closed later, each a range of one index.
    Promise.all(
      [
        items().whereNull('completed_at'),
        items().where('completed_at', '>=', to),
      ].map(query =>
        query
          .whereNot('status', 'wont_do')
          .where('due_date', '<=', lastDay)
          .where('created_at', '<', to)
          .count({ count: '*' })
          .first(),
      ),
    ).then(counts => ({
      count: counts.reduce((sum, row) => sum + toNumber(row?.count), 0),
    })),
    items()
      .where('created_at', '>=', cohortFrom)
      .where('created_at', '<', cohortTo)
      .select({
        total: knex.raw('COUNT(*)'),
        closed: knex.raw(
          `SUM(CASE WHEN status = 'done' AND completed_at <= ${plusHoursSql(
            knex,
            'created_at',
            30 * 24,
          ).toQuery()} THEN 1 ELSE 0 END)`,
        ),
      })
      .first(),
  ]);
  const cohortTotal = toNumber(cohort?.total);
  return {
    created: toNumber(created?.count),
    closed: toNumber(closed?.count),
    overdueAtEnd: toNumber(overdue?.count),
    thirtyDayCohort: cohortTotal,
    closedWithin30DaysRate: cohortTotal
      ? toNumber(cohort?.closed) / cohortTotal
      : null,
  };
}

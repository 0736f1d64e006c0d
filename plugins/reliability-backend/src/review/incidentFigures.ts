import { Knex } from 'knex';
import { secondsBetweenSql, toEpochMs, toNumber } from '../database/sql';
import {
  bySeverityOrder,
  mean,
  ReviewQueryOptions,
  Row,
  Scoped,
} from './reviewQueries';
import { offHoursSql } from './reviewSql';

/**
 * Incidents started in the period: counts, mean times, repeats and pages.
 *
 * @internal
 */
export async function readIncidentFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
  options: ReviewQueryOptions,
) {
  // Drills are exercises: their times say how a rehearsal went, not how the
  // service fails, so they count in no figure.
  const started = () =>
    scoped('incidents')
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .whereNull('drill');
  const [bySeverity, totals] = await Promise.all([
    started().select('severity').count({ count: '*' }).groupBy('severity'),
    started()
      .select({
        total: knex.raw('COUNT(*)'),
        distinctTitles: knex.raw("COUNT(DISTINCT entity_ref || '|' || title)"),
        firstStart: knex.raw('MIN(started_at)'),
        lastStart: knex.raw('MAX(started_at)'),
        pages: knex.raw(
          "SUM(CASE WHEN source = 'alertmanager' THEN 1 ELSE 0 END)",
        ),
        offHoursPages: knex.raw(
          `SUM(CASE WHEN source = 'alertmanager' THEN ${offHoursSql(
            knex,
            'started_at',
          ).toQuery()} ELSE 0 END)`,
        ),
      })
      .sum({
        detectSeconds: secondsBetweenSql(knex, 'started_at', 'detected_at'),
        ackSeconds: secondsBetweenSql(knex, 'started_at', 'acknowledged_at'),
        resolveSeconds: secondsBetweenSql(knex, 'started_at', 'resolved_at'),
      })
      .count({
        detected: 'detected_at',
        acked: 'acknowledged_at',
        resolved: 'resolved_at',
      })
      .first(),
  ]);
  const total = toNumber(totals?.total);
  const mtbfSeconds =
    total > 1
      ? Math.round(
          (toEpochMs(totals!.lastStart as string) -
            toEpochMs(totals!.firstStart as string)) /
            1000 /
            (total - 1),
        )
      : null;
  return {
    figures: {
      total,
      bySeverity: bySeverityOrder(bySeverity as Row[], options.severityOrder),
      mttdSeconds: mean(totals?.detectSeconds, totals?.detected),
      mttaSeconds: mean(totals?.ackSeconds, totals?.acked),
      mttrSeconds: mean(totals?.resolveSeconds, totals?.resolved),
      mtbfSeconds,
      repeatRate: total
        ? (total - toNumber(totals?.distinctTitles)) / total
        : null,
    },
    pages: toNumber(totals?.pages),
    offHoursPages: toNumber(totals?.offHoursPages),
  };
}

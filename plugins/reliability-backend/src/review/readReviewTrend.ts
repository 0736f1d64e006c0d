import {
  ReviewPeriod,
  reviewPeriodDays,
  reviewPeriodRange,
  ReviewTrendPoint,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { EntityFilter, whereEntities } from '../database/entityFilter';
import { toNumber } from '../database/sql';
import {
  bySeverityOrder,
  DAY_MS,
  nullableNumber,
  ReviewQueryOptions,
  Row,
} from './reviewQueries';
import { stepIndexSql } from './reviewSql';

const WEEK_MS = 7 * DAY_MS;

/**
 * The period's trend: incidents by severity and the mean budget consumed,
 * per day for periods up to 31 days, else per week.
 *
 * @internal
 */
export async function readReviewTrend(
  knex: Knex,
  period: ReviewPeriod,
  entities: EntityFilter,
  options: ReviewQueryOptions,
): Promise<{ step: 'day' | 'week'; points: ReviewTrendPoint[] }> {
  const { from, to } = reviewPeriodRange(period);
  const days = reviewPeriodDays(period);
  const step = days <= 31 ? 'day' : 'week';
  const stepMs = step === 'day' ? DAY_MS : WEEK_MS;
  const count = Math.ceil(days / (stepMs / DAY_MS));
  const [incidents, budget] = await Promise.all([
    whereEntities(knex('incidents'), entities)
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .whereNull('drill')
      .select('severity', {
        step: stepIndexSql(knex, 'started_at', from, stepMs),
      })
      .count({ count: '*' })
      .groupBy('step', 'severity'),
    whereEntities(knex('slo_snapshots'), entities)
      .where('evaluated_at', '>=', from)
      .where('evaluated_at', '<', to)
      .whereNotNull('remaining_fraction')
      .select({ step: stepIndexSql(knex, 'evaluated_at', from, stepMs) })
      .avg({ consumed: knex.raw('1 - remaining_fraction') })
      .groupBy('step'),
  ]);
  const points: ReviewTrendPoint[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(from.getTime() + i * stepMs).toISOString().slice(0, 10),
    incidents: [],
    budgetConsumedMean: null,
  }));
  const at = (row: Row) => points[toNumber(row.step)];
  const rowsByStep = new Map<number, Row[]>();
  for (const row of incidents as Row[]) {
    const index = toNumber(row.step);
    rowsByStep.set(index, [...(rowsByStep.get(index) ?? []), row]);
  }
  for (const [index, rows] of rowsByStep) {
    if (points[index]) {
      points[index].incidents = bySeverityOrder(rows, options.severityOrder);
    }
  }
  for (const row of budget as Row[]) {
    const point = at(row);
    if (point) {
      point.budgetConsumedMean = nullableNumber(row.consumed);
    }
  }
  return { step, points };
}

import {
  ErrorBudgetPolicyTier,
  ReviewFigures,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toNumber } from '../database/sql';
import { nullableNumber, ReviewQueryOptions, Scoped } from './reviewQueries';

/**
 * The policy tier index of `1 - remaining_fraction`, as SQL: how many tiers
 * start at or below the consumption, less one.
 */
function tierIndexSql(knex: Knex, tiers: readonly ErrorBudgetPolicyTier[]) {
  const parts = tiers
    .slice(1)
    .map(() => 'CASE WHEN (1 - remaining_fraction) >= ? THEN 1 ELSE 0 END');
  return knex.raw(
    parts.length ? `(${parts.join(' + ')})` : '0',
    tiers.slice(1).map(tier => tier.minConsumed),
  );
}

/**
 * SLOs met and missed at the period's end, budget consumed and tier changes.
 *
 * @internal
 */
export async function readSloFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
  options: ReviewQueryOptions,
): Promise<ReviewFigures['slos']> {
  const inPeriod = (table: string) =>
    scoped(table)
      .where('evaluated_at', '>=', from)
      .where('evaluated_at', '<', to);
  // The last evaluation of each SLO objective in the period.
  const last = knex
    .from({ s: 'slo_snapshots' })
    .join(
      inPeriod('slo_snapshots')
        .select('slo_id')
        .max({ last_at: 'evaluated_at' })
        .groupBy('slo_id')
        .as('l'),
      join =>
        join.on('s.slo_id', 'l.slo_id').andOn('s.evaluated_at', 'l.last_at'),
    )
    .select('s.remaining_fraction');
  const tiers = inPeriod('slo_snapshots')
    .whereNotNull('remaining_fraction')
    .select('slo_id', {
      tier: tierIndexSql(knex, options.tiers),
    })
    .select(
      knex.raw(
        `LAG(${tierIndexSql(
          knex,
          options.tiers,
        ).toQuery()}) OVER (PARTITION BY slo_id ORDER BY evaluated_at) AS previous_tier`,
      ),
    );
  const [state, changes] = await Promise.all([
    knex
      .from(last.as('last'))
      .select({
        evaluated: knex.raw('COUNT(*)'),
        met: knex.raw(
          'SUM(CASE WHEN remaining_fraction >= 0 THEN 1 ELSE 0 END)',
        ),
        missed: knex.raw(
          'SUM(CASE WHEN remaining_fraction < 0 THEN 1 ELSE 0 END)',
        ),
        consumedMean: knex.raw('AVG(1 - remaining_fraction)'),
        consumedWorst: knex.raw('MAX(1 - remaining_fraction)'),
      })
      .first(),
    knex
      .from(tiers.as('t'))
      .whereNotNull('previous_tier')
      .select({
        changes: knex.raw(
          'SUM(CASE WHEN tier <> previous_tier THEN 1 ELSE 0 END)',
        ),
        worsened: knex.raw(
          'SUM(CASE WHEN tier > previous_tier THEN 1 ELSE 0 END)',
        ),
      })
      .first(),
  ]);
  const evaluated = toNumber(state?.evaluated);
  const met = toNumber(state?.met);
  const missed = toNumber(state?.missed);
  return {
    evaluated,
    met,
    missed,
    unknown: evaluated - met - missed,
    budgetConsumedMean: nullableNumber(state?.consumedMean),
    budgetConsumedWorst: nullableNumber(state?.consumedWorst),
    tierChanges: toNumber(changes?.changes),
    tierWorsened: toNumber(changes?.worsened),
  };
}

import {
  ErrorBudgetPolicyTier,
  ReviewFigures,
  ReviewPeriod,
  reviewPeriodDays,
  reviewPeriodRange,
  ReviewTrendPoint,
  SeverityCount,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { EntityFilter, whereEntities } from '../database/entityFilter';
import { secondsBetweenSql, toEpochMs, toNumber } from '../database/sql';
import { PostmortemDueHours } from './postmortemDue';
import { offHoursSql, plusHoursSql, stepIndexSql } from './reviewSql';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

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

type Row = Record<string, unknown>;

function mean(sum: unknown, count: unknown): number | null {
  const n = toNumber(count);
  return n ? Math.round(toNumber(sum) / n) : null;
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function bySeverityOrder(
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
 * Every figure of a review over one period for the records of `entities`,
 * each an aggregate query over an index range: no request reads every row.
 *
 * @internal
 */
export async function readReviewFigures(
  knex: Knex,
  period: ReviewPeriod,
  entities: EntityFilter,
  options: ReviewQueryOptions,
): Promise<ReviewFigures> {
  const { from, to } = reviewPeriodRange(period);
  const scoped = (table: string, column = 'entity_ref') =>
    whereEntities(knex(table), entities, column);

  const [slos, incidents, postmortems, actionItems] = await Promise.all([
    readSloFigures(knex, scoped, from, to, options),
    readIncidentFigures(knex, scoped, from, to, options),
    readPostmortemFigures(knex, scoped, from, to, options),
    readActionItemFigures(knex, scoped, from, to),
  ]);
  const weeks = reviewPeriodDays(period) / 7;
  return {
    period,
    slos,
    incidents: incidents.figures,
    postmortems,
    actionItems,
    oncall: {
      pages: incidents.pages,
      pagesPerWeek: Math.round((incidents.pages / weeks) * 10) / 10,
      offHoursPages: incidents.offHoursPages,
    },
  };
}

type Scoped = (table: string, column?: string) => Knex.QueryBuilder;

async function readSloFigures(
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

async function readIncidentFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
  options: ReviewQueryOptions,
) {
  // Drills, once incidents can be marked as exercises, are left out here.
  const started = () =>
    scoped('incidents')
      .where('started_at', '>=', from)
      .where('started_at', '<', to);
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

async function readPostmortemFigures(
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
      due_at: knex.raw(`MIN(${dueAt.toQuery()})`),
    })
    .groupBy('p.id', 'p.published_at');
  // Incidents whose postmortem fell due in the period: a postmortem was
  // late when none of theirs was published by then.
  const lateBefore = to.getTime() < options.now.getTime() ? to : options.now;
  const due = scoped('incidents', 'i.entity_ref')
    .from({ i: 'incidents' })
    .whereIn('i.severity', Object.keys(options.postmortemDueHours))
    .whereNotNull('i.resolved_at')
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

async function readActionItemFigures(
  knex: Knex,
  scoped: Scoped,
  from: Date,
  to: Date,
): Promise<ReviewFigures['actionItems']> {
  const lastDay = new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10);
  const cohortFrom = new Date(from.getTime() - 30 * DAY_MS);
  const cohortTo = new Date(to.getTime() - 30 * DAY_MS);
  const [created, closed, overdue, cohort] = await Promise.all([
    scoped('action_items')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .count({ count: '*' })
      .first(),
    // Led by the closing time: most items are done, so their status
    // narrows nothing.
    scoped('action_items')
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
        scoped('action_items').whereNull('completed_at'),
        scoped('action_items').where('completed_at', '>=', to),
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
    scoped('action_items')
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

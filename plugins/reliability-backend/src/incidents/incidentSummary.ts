import {
  EntityIncidentSummary,
  SeverityCount,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { TimedAnswer } from '../caching/AnswerCache';
import { secondsBetweenSql, toEpochMs, toNumber } from '../database/sql';
import { publishedPostmortemsOf } from '../postmortems/publishedPostmortemsOf';
import { clockFactColumns } from './clockFacts';
import { IncidentRow, toIncident } from './incidentRows';
import { IncidentSummaryOptions } from './IncidentStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every status but resolved. */
const OPEN_STATUSES = ['investigating', 'identified', 'monitoring'];

/**
 * What the entity page shows about the incidents of one entity, or of the
 * components of a group or system together: counts by severity over 30 and
 * 90 days, MTTA, MTTR, repeats, and the open then the latest incidents; and
 * until when that holds: until the earliest of those incidents leaves the
 * 30 or 90 days, or the earliest postmortem due becomes overdue.
 *
 * @internal
 */
export async function readIncidentSummary(
  knex: Knex,
  entityRefs: string | string[],
  options: IncidentSummaryOptions,
): Promise<TimedAnswer<EntityIncidentSummary>> {
  const refs = typeof entityRefs === 'string' ? [entityRefs] : entityRefs;
  const since30 = new Date(options.now.getTime() - 30 * DAY_MS);
  const since90 = new Date(options.now.getTime() - 90 * DAY_MS);

  // Drills are listed among the recent incidents, marked, but count in no
  // figure: not open incidents, not MTTA or MTTR, not repeats.
  const ninetyDays = () =>
    knex('incidents')
      .whereIn('entity_ref', refs)
      .where('started_at', '>=', since90)
      .whereNull('drill');
  const newestFirst = [
    { column: 'started_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ];

  // Each query reads an index range of the entity's rows: open incidents by
  // (entity_ref, status, started_at), the last 90 days by
  // (entity_ref, started_at). See bench/entity-summary.
  const [
    openByEntity,
    openRows,
    resolvedRows,
    bySeverity,
    titles,
    postmortemsDue,
  ] = await Promise.all([
    knex('incidents')
      .whereIn('entity_ref', refs)
      .whereIn('status', OPEN_STATUSES)
      .whereNull('drill')
      .select('entity_ref')
      .count({ count: '*' })
      .groupBy('entity_ref'),
    knex<IncidentRow>('incidents')
      .select('incidents.*', clockFactColumns(knex))
      .whereIn('entity_ref', refs)
      .whereIn('status', OPEN_STATUSES)
      .orderBy(newestFirst)
      .limit(options.recentLimit),
    knex<IncidentRow>('incidents')
      .select('incidents.*', clockFactColumns(knex))
      .whereIn('entity_ref', refs)
      .where('status', 'resolved')
      .orderBy(newestFirst)
      .limit(options.recentLimit),
    ninetyDays()
      .select('severity')
      .count({ last90: '*' })
      .sum({
        last30: knex.raw('CASE WHEN started_at >= ? THEN 1 ELSE 0 END', [
          since30,
        ]),
        ackSeconds: secondsBetweenSql(knex, 'started_at', 'acknowledged_at'),
        resolveSeconds: secondsBetweenSql(knex, 'started_at', 'resolved_at'),
      })
      .count({ acked: 'acknowledged_at', resolved: 'resolved_at' })
      .groupBy('severity')
      .orderBy('severity'),
    ninetyDays()
      .select({
        total: knex.raw('COUNT(*)'),
        distinctTitles: knex.raw("COUNT(DISTINCT entity_ref || '|' || title)"),
        earliest90: knex.raw('MIN(started_at)'),
        earliest30: knex.raw(
          'MIN(CASE WHEN started_at >= ? THEN started_at END)',
          [since30],
        ),
      })
      .first(),
    options.severities &&
      readPostmortemsDue(knex, refs, {
        now: options.now,
        since: since90,
        severities: options.severities,
      }),
  ]);
  const openCounts = Object.fromEntries(
    (openByEntity as Array<Record<string, unknown>>).map(row => [
      String(row.entity_ref),
      toNumber(row.count),
    ]),
  );

  const counts = (key: 'last30' | 'last90'): SeverityCount[] =>
    bySeverity
      .map((row: Record<string, unknown>) => ({
        severity: String(row.severity),
        count: toNumber(row[key]),
      }))
      .filter(entry => entry.count > 0);
  // Means over all severities, from each severity's sum and count.
  const mean = (sumKey: string, countKey: string) => {
    let sum = 0;
    let n = 0;
    for (const row of bySeverity as Record<string, unknown>[]) {
      sum += toNumber(row[sumKey]);
      n += toNumber(row[countKey]);
    }
    return n ? Math.round(sum / n) : null;
  };

  // A count over the last N days changes without a write from the first
  // millisecond its earliest incident is no longer within them. (PostgreSQL
  // keeps microseconds, which are read rounded down: at worst a millisecond
  // early.)
  const leaves = (earliest: unknown, days: number) =>
    earliest === null || earliest === undefined
      ? Infinity
      : toEpochMs(earliest as Date | number | string) + days * DAY_MS + 1;
  const holdsUntil = Math.min(
    leaves(titles?.earliest90, 90),
    leaves(titles?.earliest30, 30),
    postmortemsDue?.holdsUntil ?? Infinity,
  );

  const answer: EntityIncidentSummary = {
    openCount: Object.values(openCounts).reduce((sum, n) => sum + n, 0),
    last30Days: counts('last30'),
    last90Days: counts('last90'),
    mttaSeconds: mean('ackSeconds', 'acked'),
    mttrSeconds: mean('resolveSeconds', 'resolved'),
    repeatCount: toNumber(titles?.total) - toNumber(titles?.distinctTitles),
    recent: [...openRows, ...resolvedRows]
      .slice(0, options.recentLimit)
      .map(toIncident),
    ...(typeof entityRefs === 'string' ? {} : { openByEntity: openCounts }),
    ...(postmortemsDue
      ? {
          postmortemsDue: {
            count: postmortemsDue.count,
            overdueCount: postmortemsDue.overdueCount,
          },
        }
      : {}),
  };
  return { answer, holdsUntil };
}

/**
 * How many incidents started since `since` owe a postmortem at `now`, and
 * how many of those are past due: resolved, of a severity whose policy
 * requires one, with no published postmortem covering them. The same rule
 * as the incident's postmortem clock, counted in one aggregate query, with
 * when the next of them becomes past due.
 */
async function readPostmortemsDue(
  knex: Knex,
  refs: string[],
  options: { now: Date; since: Date; severities: SeverityLevel[] },
): Promise<{ count: number; overdueCount: number; holdsUntil: number }> {
  const due = options.severities.flatMap(level =>
    level.policy?.postmortem === 'required' &&
    level.policy.postmortemDueWithinSeconds !== null
      ? [{ id: level.id, seconds: level.policy.postmortemDueWithinSeconds }]
      : [],
  );
  if (!due.length) {
    return { count: 0, overdueCount: 0, holdsUntil: Infinity };
  }
  const cutoffs = due.map(
    level => new Date(options.now.getTime() - level.seconds * 1000),
  );
  const overdue = due.map(() => '(severity = ? AND resolved_at < ?)');
  const row = await knex('incidents')
    .whereIn('entity_ref', refs)
    .where('status', 'resolved')
    .where('started_at', '>=', options.since)
    .whereNull('drill')
    .whereIn(
      'severity',
      due.map(level => level.id),
    )
    .whereNotExists(
      publishedPostmortemsOf(knex, 'incidents.id', 'd').select(knex.raw('1')),
    )
    .select({
      count: knex.raw('COUNT(*)'),
      overdue: knex.raw(
        `SUM(CASE WHEN ${overdue.join(' OR ')} THEN 1 ELSE 0 END)`,
        due.flatMap((level, i) => [level.id, cutoffs[i]]),
      ),
      // Per severity, the earliest resolution not yet past due: it is from
      // the first millisecond after its due time.
      ...Object.fromEntries(
        due.map((level, i) => [
          `next${i}`,
          knex.raw(
            'MIN(CASE WHEN severity = ? AND resolved_at >= ? THEN resolved_at END)',
            [level.id, cutoffs[i]],
          ),
        ]),
      ),
    })
    .first();
  const deadlines = due.map((level, i) => {
    const next = row?.[`next${i}`];
    return next === null || next === undefined
      ? Infinity
      : toEpochMs(next) + level.seconds * 1000 + 1;
  });
  return {
    count: toNumber(row?.count),
    overdueCount: toNumber(row?.overdue),
    holdsUntil: Math.min(...deadlines),
  };
}

import {
  ReliabilityTimeline,
  TimelineActionItem,
  TimelineBudgetPoint,
  TimelineIncident,
  TimelinePostmortem,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { toIso, toNumber } from '../database/sql';
import { stepIndexSql } from '../review/reviewSql';

/**
 * How many budget steps a timeline has at most, whatever its range: the
 * chart's resolution, and what bounds the budget query's answer.
 *
 * @internal
 */
export const MAX_BUDGET_POINTS = 180;

/**
 * How many records of each kind a timeline shows at most; a component
 * with more within the range gets the list cut, and says so.
 *
 * @internal
 */
export const MAX_TIMELINE_EVENTS = 200;

type Row = Record<string, any>;

/** Budget step length: the range in at most {@link MAX_BUDGET_POINTS} whole minutes. */
export function budgetStepMs(from: Date, to: Date): number {
  const minute = 60_000;
  return (
    Math.ceil((to.getTime() - from.getTime()) / MAX_BUDGET_POINTS / minute) *
    minute
  );
}

/**
 * The stored records of one entity over `[from, to)` as the timeline shows
 * them: each list one indexed, limited query, the budget an aggregate per
 * step in SQL, so a component with years of snapshots costs no more than
 * one with a week.
 *
 * @internal
 */
export async function readTimelineRecords(
  knex: Knex,
  entityRef: string,
  range: { from: Date; to: Date },
): Promise<
  Pick<
    ReliabilityTimeline,
    'budget' | 'incidents' | 'postmortems' | 'actionItems' | 'truncated'
  >
> {
  const { from, to } = range;
  const stepMs = budgetStepMs(from, to);
  const limit = MAX_TIMELINE_EVENTS + 1;
  const [budgetRows, incidentRows, postmortemRows, actionItemRows] =
    await Promise.all([
      knex('slo_snapshots')
        .where('entity_ref', entityRef)
        .where('evaluated_at', '>=', from)
        .where('evaluated_at', '<', to)
        .whereNotNull('remaining_fraction')
        .select({ step: stepIndexSql(knex, 'evaluated_at', from, stepMs) })
        .min({ remaining: 'remaining_fraction' })
        .groupBy('step')
        .orderBy('step')
        .limit(MAX_BUDGET_POINTS + 1),
      // Spans overlapping the range: started before its end, not resolved
      // before its start.
      knex('incidents')
        .where('entity_ref', entityRef)
        .where('started_at', '<', to)
        .where(query =>
          query.whereNull('resolved_at').orWhere('resolved_at', '>=', from),
        )
        .select(
          'id',
          'human_id',
          'title',
          'severity',
          'status',
          'started_at',
          'resolved_at',
          'drill',
        )
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit),
      knex('postmortems')
        .where('entity_ref', entityRef)
        .where('status', 'published')
        .where('published_at', '>=', from)
        .where('published_at', '<', to)
        .select('id', 'title', 'published_at')
        .orderBy([
          { column: 'published_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit),
      knex('action_items')
        .where('entity_ref', entityRef)
        .where('status', 'done')
        .where('completed_at', '>=', from)
        .where('completed_at', '<', to)
        .select('id', 'postmortem_id', 'title', 'completed_at')
        .orderBy([
          { column: 'completed_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit),
    ]);

  const truncated: ReliabilityTimeline['truncated'] = [];
  // Newest first in SQL so a cut keeps the recent ones; oldest first out.
  const cut = <T>(
    rows: Row[],
    name: (typeof truncated)[number],
    map: (row: Row) => T,
  ) => {
    if (rows.length > MAX_TIMELINE_EVENTS) {
      truncated.push(name);
    }
    return rows.slice(0, MAX_TIMELINE_EVENTS).map(map).reverse();
  };

  const points: TimelineBudgetPoint[] = (budgetRows as Row[])
    .map(row => ({ step: toNumber(row.step), remaining: row.remaining }))
    .filter(row => row.step >= 0 && row.step < MAX_BUDGET_POINTS)
    .map(row => ({
      at: new Date(from.getTime() + row.step * stepMs).toISOString(),
      remainingFraction: toNumber(row.remaining),
    }));

  return {
    budget: { stepMs, points },
    incidents: cut<TimelineIncident>(incidentRows, 'incidents', row => ({
      id: row.id,
      humanId: row.human_id ?? null,
      title: row.title,
      severity: row.severity,
      status: row.status,
      startedAt: toIso(row.started_at),
      resolvedAt: toIso(row.resolved_at),
      drill: row.drill ?? null,
    })),
    postmortems: cut<TimelinePostmortem>(
      postmortemRows,
      'postmortems',
      row => ({
        id: row.id,
        title: row.title,
        publishedAt: toIso(row.published_at),
      }),
    ),
    actionItems: cut<TimelineActionItem>(
      actionItemRows,
      'actionItems',
      row => ({
        id: row.id,
        postmortemId: row.postmortem_id,
        title: row.title,
        completedAt: toIso(row.completed_at),
      }),
    ),
    truncated,
  };
}

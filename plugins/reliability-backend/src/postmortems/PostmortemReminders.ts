import {
  computeIncidentClocks,
  NO_SEVERITY_POLICY,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { todayUtc } from '../actionItems/ActionItemService';
import { clockFactColumns } from '../incidents/clockFacts';
import { IncidentRow, toIncident } from '../incidents/incidentRows';
import { PostmortemAnnouncer } from './PostmortemAnnouncer';
import { publishedPostmortemsOf } from './publishedPostmortemsOf';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A postmortem is "due soon" this long before its due time. */
const POSTMORTEM_SOON_MS = DAY;
/** An action item is "due soon" this many days before its due date. */
const ACTION_ITEM_SOON_DAYS = 3;
/**
 * How far back a due time may lie for a reminder: a portal that starts
 * reminding does not tell people of every postmortem late for years.
 */
const LOOKBACK_DAYS = 7;
/** The most of each kind looked at per run, oldest due first. */
const MAX_PER_RUN = 200;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY)
    .toISOString()
    .slice(0, 10);

/**
 * The reminders of the reminder job: postmortems due within a day or late,
 * action items due within 3 days or late. Each query is bounded (a week of
 * past due times, a few hundred rows); the notifier's keys make each
 * reminder go out once however often the job runs.
 *
 * @internal
 */
export class PostmortemReminders {
  static create(options: {
    knex: Knex;
    severities: SeverityLevel[];
    announcer: PostmortemAnnouncer;
  }) {
    return new PostmortemReminders(options);
  }

  private constructor(
    private readonly options: {
      knex: Knex;
      severities: SeverityLevel[];
      announcer: PostmortemAnnouncer;
    },
  ) {}

  /** Sends what is due at `now`; answers how many were looked at. */
  async remind(now: Date): Promise<number> {
    return (
      (await this.remindPostmortems(now)) + (await this.remindActionItems(now))
    );
  }

  private async remindPostmortems(now: Date): Promise<number> {
    const { knex, severities, announcer } = this.options;
    const due = severities.flatMap(level => {
      const policy = level.policy ?? NO_SEVERITY_POLICY;
      return policy.postmortem === 'required' &&
        policy.postmortemDueWithinSeconds !== null
        ? [{ level, ms: policy.postmortemDueWithinSeconds * 1000 }]
        : [];
    });
    if (!due.length) {
      return 0;
    }
    const at = now.getTime();
    const rows: IncidentRow[] = await knex('incidents')
      .select('incidents.*', clockFactColumns(knex))
      .where('incidents.status', 'resolved')
      .where(any => {
        for (const { level, ms } of due) {
          // Resolved so that the due time lies between a week ago and a day ahead.
          any.orWhere(q =>
            q
              .where('incidents.severity', level.id)
              .where(
                'incidents.resolved_at',
                '>=',
                new Date(at - ms - LOOKBACK_DAYS * DAY),
              )
              .where(
                'incidents.resolved_at',
                '<=',
                new Date(at - ms + POSTMORTEM_SOON_MS),
              ),
          );
        }
      })
      .whereNotExists(
        publishedPostmortemsOf(knex, 'incidents.id', 'r').select(knex.raw('1')),
      )
      .orderBy('incidents.resolved_at')
      .limit(MAX_PER_RUN);
    for (const row of rows) {
      const incident = toIncident(row);
      const level = severities.find(l => l.id === incident.severity);
      const clock = computeIncidentClocks(
        incident,
        level?.policy ?? NO_SEVERITY_POLICY,
        now,
      ).find(c => c.kind === 'postmortem');
      if (!clock || clock.doneAt) {
        continue;
      }
      await announcer.postmortemDue(
        incident,
        clock.state === 'overdue' ? 'overdue' : 'soon',
        clock.dueAt,
      );
    }
    return rows.length;
  }

  private async remindActionItems(now: Date): Promise<number> {
    const { knex, announcer } = this.options;
    const today = todayUtc(now);
    const rows = await knex('action_items')
      .whereIn('status', ['open', 'in_progress'])
      .whereNotNull('due_date')
      .where('due_date', '>=', addDays(today, -LOOKBACK_DAYS))
      .where('due_date', '<=', addDays(today, ACTION_ITEM_SOON_DAYS))
      .orderBy('due_date')
      .limit(MAX_PER_RUN)
      .select(
        'id',
        'postmortem_id',
        'entity_ref',
        'title',
        'priority',
        'owner',
        'due_date',
      );
    for (const row of rows) {
      await announcer.actionItemDue(
        {
          id: row.id,
          postmortemId: row.postmortem_id,
          entityRef: row.entity_ref,
          title: row.title,
          priority: row.priority,
          owner: row.owner,
          dueDate: row.due_date,
        },
        row.due_date < today ? 'overdue' : 'soon',
      );
    }
    return rows.length;
  }
}

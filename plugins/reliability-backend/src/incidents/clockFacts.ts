import {
  NO_SEVERITY_POLICY,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { publishedPostmortemsOf } from '../postmortems/publishedPostmortemsOf';

/**
 * The timeline events that count as a status update for the update clock.
 *
 * @internal
 */
export const STATUS_UPDATE_EVENT_TYPES = ['status_change', 'status_update'];

/**
 * The columns besides the incident's own that its clocks are computed from:
 * its last status update and when a postmortem covering it was published.
 * Read with the incident, never stored, so they cannot drift from the
 * timeline and the postmortems.
 *
 * @internal
 */
export function clockFactColumns(knex: Knex) {
  return {
    last_update_at: knex('incident_events as ue')
      .max('ue.at')
      .whereRaw('ue.incident_id = incidents.id')
      .whereIn('ue.type', STATUS_UPDATE_EVENT_TYPES),
    postmortem_published_at: publishedPostmortemsOf(
      knex,
      'incidents.id',
      'pp',
    ).max('ppp.published_at'),
  };
}

const before = (now: Date, seconds: number) =>
  new Date(now.getTime() - seconds * 1000);

/**
 * Narrows a query of `incidents` to those with an overdue clock at `now`: the
 * same conditions as `computeIncidentClocks` (for the first escalation level)
 * written as SQL, one severity at a time, so that the list can be paged.
 *
 * @internal
 */
export function whereNeedsAttention(
  knex: Knex,
  query: Knex.QueryBuilder,
  options: { now: Date; severities: SeverityLevel[] },
): Knex.QueryBuilder {
  const { now } = options;
  const detected = knex.raw(
    'COALESCE(incidents.detected_at, incidents.started_at)',
  );
  return query.where(any => {
    // With no severity overdue, no row: `1 = 0` keeps the OR group valid.
    any.whereRaw('1 = 0');
    for (const level of options.severities) {
      const policy = level.policy ?? NO_SEVERITY_POLICY;
      const ack = policy.acknowledgeWithinSeconds;
      const escalate = policy.escalateAfterSeconds;
      const update = policy.updateEverySeconds;
      const mitigate = policy.mitigateWithinSeconds;
      const postmortem =
        policy.postmortem === 'required'
          ? policy.postmortemDueWithinSeconds
          : null;
      any.orWhere(row => {
        row.where('incidents.severity', level.id).andWhere(overdue => {
          overdue.whereRaw('1 = 0');
          const open = (q: Knex.QueryBuilder) =>
            q.whereNot('incidents.status', 'resolved');
          for (const seconds of [ack, escalate]) {
            if (seconds !== null) {
              overdue.orWhere(q =>
                open(q)
                  .whereNull('incidents.acknowledged_at')
                  .where(detected, '<', before(now, seconds)),
              );
            }
          }
          if (update !== null) {
            const cutoff = before(now, update);
            overdue.orWhere(q =>
              open(q)
                .where(detected, '<', cutoff)
                .whereNotExists(
                  knex('incident_events as ae')
                    .select(knex.raw('1'))
                    .whereRaw('ae.incident_id = incidents.id')
                    .whereIn('ae.type', STATUS_UPDATE_EVENT_TYPES)
                    .where('ae.at', '>=', cutoff),
                ),
            );
          }
          if (mitigate !== null) {
            overdue.orWhere(q =>
              open(q)
                .whereNull('incidents.mitigated_at')
                .where('incidents.started_at', '<', before(now, mitigate)),
            );
          }
          if (postmortem !== null) {
            overdue.orWhere(q =>
              q
                .where('incidents.status', 'resolved')
                .where('incidents.resolved_at', '<', before(now, postmortem))
                .whereNotExists(
                  publishedPostmortemsOf(knex, 'incidents.id', 'a').select(
                    knex.raw('1'),
                  ),
                ),
            );
          }
        });
      });
    }
  });
}

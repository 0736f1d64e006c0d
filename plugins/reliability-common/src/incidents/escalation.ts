import { OnCallNow } from '../oncall/api';
import { isIncidentOpen } from './lifecycle';
import { SeverityPolicy } from './policy';
import { Incident, IncidentEscalation, IncidentEscalationLevel } from './types';

/** The most levels a chain is shown with; policies rarely have more than 3. */
const MAX_LEVELS = 10;

/**
 * The escalation chain of a component's on-call schedules at one instant,
 * merged level by level: level N pages the Nth level of every schedule that
 * has a policy, and level 1 also pages whoever is on call on a schedule
 * without one, unless another schedule's policy pages it at a later level
 * (a secondary is not paged first). A level whose schedules all have a gap stays in the chain
 * with nobody on it, so people see the hole.
 *
 * @public
 */
export function escalationChainOf(
  onCall: Pick<OnCallNow, 'schedules'>,
): Array<IncidentEscalationLevel['people']> {
  const levels: Array<IncidentEscalationLevel['people']> = [];
  const add = (
    index: number,
    person: { userRef: string; schedule: string | null } | undefined,
  ) => {
    if (index >= MAX_LEVELS) {
      return;
    }
    while (levels.length <= index) {
      levels.push([]);
    }
    if (person && !levels[index].some(p => p.userRef === person.userRef)) {
      levels[index].push(person);
    }
  };
  const targets = new Set(
    onCall.schedules.flatMap(s =>
      s.escalation.flatMap(level =>
        level.schedule && level.schedule !== s.name ? [level.schedule] : [],
      ),
    ),
  );
  for (const schedule of onCall.schedules) {
    if (schedule.escalation.length === 0) {
      if (targets.has(schedule.name)) {
        continue;
      }
      add(
        0,
        schedule.current
          ? { userRef: schedule.current.user, schedule: schedule.name }
          : undefined,
      );
      continue;
    }
    schedule.escalation.forEach((level, index) =>
      add(
        index,
        level.user
          ? { userRef: level.user, schedule: level.schedule ?? null }
          : undefined,
      ),
    );
  }
  return levels;
}

/**
 * Where an incident stands in its escalation chain at `now`: the level
 * engaged (never past the chain's last), which levels it has reached, and
 * when the next is due while nobody acknowledges: `escalateAfter` of the
 * severity's policy per level, from detection, as the escalate clock counts.
 *
 * @public
 */
export function incidentEscalationOf(
  incident: Pick<
    Incident,
    'status' | 'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'escalationLevel'
  >,
  chain: Array<IncidentEscalationLevel['people']>,
  policy: Pick<SeverityPolicy, 'escalateAfterSeconds'>,
): IncidentEscalation {
  const level = Math.max(
    1,
    Math.min(incident.escalationLevel ?? 1, Math.max(chain.length, 1)),
  );
  const detected = Date.parse(incident.detectedAt ?? incident.startedAt);
  const escalates =
    isIncidentOpen(incident.status) &&
    !incident.acknowledgedAt &&
    policy.escalateAfterSeconds !== null &&
    level < chain.length;
  return {
    level,
    levels: chain.map((people, index) => ({
      level: index + 1,
      people,
      engaged: index < level,
    })),
    nextEscalationAt: escalates
      ? new Date(
          detected + level * (policy.escalateAfterSeconds as number) * 1000,
        ).toISOString()
      : null,
  };
}

import { Override, Schedule, Shift } from './types';

/**
 * One level of an escalation policy: who is paged, and after how many minutes
 * without acknowledgement the next level is.
 *
 * @public
 */
export interface EscalationLevel {
  /** Minutes after the previous level (0 for the first). */
  delayMinutes: number;
  /** Who: the on-call of a stored schedule (by name), or a user ref. */
  target: { schedule: string } | { user: string };
}

/**
 * How an incident escalates; repeats the whole chain `repeat` more times.
 *
 * @public
 */
export interface EscalationPolicy {
  levels: EscalationLevel[];
  repeat: number;
}

/**
 * A schedule as stored by the backend: owned by a catalog group, whose
 * members may edit it. Overrides carry ids so they can be removed.
 *
 * @public
 */
export interface ScheduleRecord {
  id: string;
  /**
   * Unique within the owner group; `reliability-hub.io/oncall-schedule`
   * names it (resolved within the entity's own team, see
   * {@link OnCallNow}).
   */
  name: string;
  /** Group ref of the owning team. */
  ownerRef: string;
  schedule: Omit<Schedule, 'overrides'> & {
    overrides: Array<Override & { id: string }>;
  };
  escalationPolicy: EscalationPolicy | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Who is on call for one schedule around an instant.
 *
 * @public
 */
export interface ScheduleOnCall {
  scheduleId: string;
  name: string;
  ownerRef: string;
  timeZone: string;
  /** The shift covering the instant, or null in a gap. */
  current: Shift | null;
  /** The shift after the current one (another person, or after a gap). */
  next: Shift | null;
  /**
   * The escalation chain resolved at the instant: each level's delay and who
   * it reaches now (null when that schedule has a gap).
   */
  escalation: Array<{
    delayMinutes: number;
    schedule?: string;
    user: string | null;
  }>;
  /**
   * Why who is on call could not be computed (e.g. a stored schedule beyond
   * the {@link SCHEDULE_LIMITS}); `current` and `next` are null then.
   */
  problem?: string;
}

/**
 * Answer of `GET /oncall?entityRef=...` (the entity's schedules: its
 * `reliability-hub.io/oncall-schedule` names, else its owner group's) or of
 * `GET /oncall` (every schedule), at `at`.
 *
 * A name in the annotation means a schedule of the entity's owner, of a
 * group that owner belongs to, or of a group above those (nearest first),
 * never another team's schedule that happens to have the name.
 *
 * @public
 */
export interface OnCallNow {
  at: string;
  schedules: ScheduleOnCall[];
  /**
   * Names in the entity's annotation that no schedule of its team answers,
   * each with why.
   */
  problems?: string[];
}

/**
 * Body of `POST /schedules` and of `PUT /schedules/:id` (with `version`).
 *
 * @public
 */
export interface ScheduleInput {
  name: string;
  ownerRef: string;
  schedule: Schedule;
  escalationPolicy?: EscalationPolicy | null;
}

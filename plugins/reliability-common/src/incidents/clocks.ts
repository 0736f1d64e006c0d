import { isIncidentOpen } from './lifecycle';
import { SeverityPolicy } from './policy';
import { IncidentStatus } from './types';

/**
 * What the clocks of an incident are computed from: its record, the time of
 * its last status update and of its published postmortem.
 *
 * @public
 */
export interface IncidentClockInput {
  status: IncidentStatus;
  startedAt: string;
  detectedAt?: string | null;
  acknowledgedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
  /** The last status update posted or status change; none yet when absent. */
  lastUpdateAt?: string | null;
  /** When a postmortem of the incident was published; none when absent. */
  postmortemPublishedAt?: string | null;
  /** The escalation level engaged now, 1 for the first. */
  escalationLevel?: number;
}

/**
 * The targets an incident runs against.
 *
 * @public
 */
export type IncidentClockKind =
  | 'acknowledge'
  | 'update'
  | 'escalate'
  | 'mitigate'
  | 'postmortem';

/**
 * Where a clock stands: still running (with less than a quarter of its time
 * left it is `due-soon`), `overdue`, or stopped in time (`met`) or late
 * (`missed`).
 *
 * @public
 */
export type IncidentClockState =
  | 'running'
  | 'due-soon'
  | 'overdue'
  | 'met'
  | 'missed';

/**
 * One target of an incident and where it stands at a given time.
 *
 * @public
 */
export interface IncidentClock {
  kind: IncidentClockKind;
  dueAt: string;
  state: IncidentClockState;
  /** When the target was reached (acknowledged, mitigated, published), if it was. */
  doneAt: string | null;
  /**
   * Seconds from now to the due time: negative when overdue; for a stopped
   * clock, from the time it was reached to the due time.
   */
  secondsLeft: number;
}

const ms = (iso: string) => Date.parse(iso);

function clock(
  kind: IncidentClockKind,
  from: number,
  windowSeconds: number,
  doneAt: string | null | undefined,
  now: number,
): IncidentClock {
  const due = from + windowSeconds * 1000;
  const dueAt = new Date(due).toISOString();
  if (doneAt) {
    const left = Math.round((due - ms(doneAt)) / 1000);
    return {
      kind,
      dueAt,
      state: left >= 0 ? 'met' : 'missed',
      doneAt,
      secondsLeft: left,
    };
  }
  const left = Math.round((due - now) / 1000);
  let state: IncidentClockState = 'running';
  if (left < 0) {
    state = 'overdue';
  } else if (left * 4 <= windowSeconds) {
    state = 'due-soon';
  }
  return { kind, dueAt, state, doneAt: null, secondsLeft: left };
}

/**
 * The clocks of an incident under its severity's policy at `now`, computed
 * from the record every time and never stored, so a changed policy applies to
 * every incident at once:
 *
 * - acknowledge: from detection (or the start), stopped by acknowledgement;
 * - escalate: while unacknowledged and open, each engaged level gets
 *   `escalateAfter` from detection before the next is due;
 * - update: while open, from the last status update (or detection);
 * - mitigate: from the start, stopped by mitigation;
 * - postmortem: from resolution when the policy requires one, stopped by a
 *   published postmortem.
 *
 * @public
 */
export function computeIncidentClocks(
  incident: IncidentClockInput,
  policy: SeverityPolicy,
  now: Date,
): IncidentClock[] {
  const at = now.getTime();
  const open = isIncidentOpen(incident.status);
  const detected = ms(incident.detectedAt ?? incident.startedAt);
  const clocks: IncidentClock[] = [];

  if (
    policy.acknowledgeWithinSeconds !== null &&
    (open || incident.acknowledgedAt)
  ) {
    clocks.push(
      clock(
        'acknowledge',
        detected,
        policy.acknowledgeWithinSeconds,
        incident.acknowledgedAt,
        at,
      ),
    );
  }
  if (
    policy.escalateAfterSeconds !== null &&
    open &&
    !incident.acknowledgedAt
  ) {
    const level = Math.max(1, incident.escalationLevel ?? 1);
    clocks.push(
      clock(
        'escalate',
        detected + (level - 1) * policy.escalateAfterSeconds * 1000,
        policy.escalateAfterSeconds,
        null,
        at,
      ),
    );
  }
  if (policy.updateEverySeconds !== null && open) {
    const last = incident.lastUpdateAt ? ms(incident.lastUpdateAt) : detected;
    clocks.push(
      clock(
        'update',
        Math.max(last, detected),
        policy.updateEverySeconds,
        null,
        at,
      ),
    );
  }
  if (policy.mitigateWithinSeconds !== null && (open || incident.mitigatedAt)) {
    clocks.push(
      clock(
        'mitigate',
        ms(incident.startedAt),
        policy.mitigateWithinSeconds,
        incident.mitigatedAt,
        at,
      ),
    );
  }
  if (
    policy.postmortem === 'required' &&
    policy.postmortemDueWithinSeconds !== null &&
    !open &&
    incident.resolvedAt
  ) {
    clocks.push(
      clock(
        'postmortem',
        ms(incident.resolvedAt),
        policy.postmortemDueWithinSeconds,
        incident.postmortemPublishedAt,
        at,
      ),
    );
  }
  return clocks;
}

const URGENCY: Record<IncidentClockState, number> = {
  overdue: 0,
  'due-soon': 1,
  running: 2,
  missed: 3,
  met: 4,
};

/**
 * The clock to show first: overdue before due soon before running, then the
 * one due first; undefined when no clock is running.
 *
 * @public
 */
export function mostUrgentClock(
  clocks: IncidentClock[],
): IncidentClock | undefined {
  return clocks
    .filter(c => c.state !== 'met' && c.state !== 'missed')
    .sort(
      (a, b) =>
        URGENCY[a.state] - URGENCY[b.state] || a.secondsLeft - b.secondsLeft,
    )[0];
}

/**
 * Whether an incident needs attention: one of its clocks is overdue.
 *
 * @public
 */
export function needsAttention(clocks: IncidentClock[]): boolean {
  return clocks.some(c => c.state === 'overdue');
}

import {
  formatDuration,
  IncidentClock,
  IncidentClockKind,
} from '@reliability-hub/plugin-reliability-common';

/** What each clock is about, as a heading. */
export const CLOCK_LABELS: Record<IncidentClockKind, string> = {
  acknowledge: 'Acknowledge',
  escalate: 'Escalation',
  update: 'Next update',
  mitigate: 'Mitigate',
  postmortem: 'Postmortem',
};

/** What a clock's target was reached by, for stopped clocks. */
const DONE_LABELS: Record<IncidentClockKind, string> = {
  acknowledge: 'Acknowledged',
  escalate: 'Escalated',
  update: 'Updated',
  mitigate: 'Mitigated',
  postmortem: 'Postmortem published',
};

/**
 * Where a clock stands in words: "due in 3 min", "overdue by 2 min",
 * "met with 1 min to spare", "missed by 4 min".
 */
export function clockStateText(clock: IncidentClock): string {
  const amount = formatDuration(Math.abs(clock.secondsLeft));
  switch (clock.state) {
    case 'overdue':
      return `overdue by ${amount}`;
    case 'met':
      return clock.secondsLeft > 0 ? `met, ${amount} early` : 'met';
    case 'missed':
      return `missed by ${amount}`;
    default:
      return `due in ${amount}`;
  }
}

/** A clock in one line, as a chip or a screen reader says it. */
export function clockText(clock: IncidentClock): string {
  if (clock.state === 'met' || clock.state === 'missed') {
    return `${DONE_LABELS[clock.kind]}: ${clockStateText(clock)}`;
  }
  const label =
    clock.kind === 'postmortem' ? 'Postmortem' : CLOCK_LABELS[clock.kind];
  return `${label} ${clockStateText(clock)}`;
}

import { ScheduleRecord } from './api';

/**
 * Where a schedule's on-call person stands in the schedule's own escalation
 * policy: the first level that pages this schedule (1-based) and how many
 * minutes after the page it is reached (the delays add up). Undefined when
 * the policy does not page the schedule, or there is none.
 *
 * @public
 */
export function escalationLevelOf(
  record: Pick<ScheduleRecord, 'name' | 'escalationPolicy'>,
): { level: number; afterMinutes: number } | undefined {
  let afterMinutes = 0;
  const levels = record.escalationPolicy?.levels ?? [];
  for (let i = 0; i < levels.length; i++) {
    afterMinutes += levels[i].delayMinutes;
    const target = levels[i].target;
    if ('schedule' in target && target.schedule === record.name) {
      return { level: i + 1, afterMinutes };
    }
  }
  return undefined;
}

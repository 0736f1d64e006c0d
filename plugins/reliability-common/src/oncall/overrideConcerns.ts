import { finalSchedule } from './finalSchedule';
import { Override, Schedule } from './types';

/**
 * The people an override concerns: who covers, then everyone the schedule
 * would have on call during it without this override (whom it covers), each
 * once. They, besides the owning team, may take the override back.
 *
 * @public
 */
export function overrideConcerns(
  schedule: Schedule,
  override: Override,
): string[] {
  const others = {
    ...schedule,
    overrides: schedule.overrides.filter(o => o !== override),
  };
  const covered = finalSchedule(others, {
    start: override.start,
    end: override.end,
  }).map(shift => shift.user);
  return Array.from(new Set([override.user, ...covered]));
}

import { csvText } from '../csvText';
import { ScheduleHealth } from './healthQuery';

const hoursText = (hours: number) => String(Math.round(hours * 100) / 100);

/**
 * A schedule's on-call health as CSV, one row per person with raw numbers
 * (hours to two decimals), for spreadsheets. `nameOf` gives a person's
 * display name where the catalog has one.
 *
 * @public
 */
export function onCallHealthToCsv(
  health: ScheduleHealth,
  nameOf: (userRef: string) => string | undefined = () => undefined,
): string {
  const header = [
    'schedule',
    'period start',
    'period end',
    'person',
    'name',
    'time zone',
    'time zone from',
    'in rotation',
    'shifts',
    'on-call hours',
    'out-of-hours hours',
    'weekend hours',
    'incidents during shifts',
    'longest stretch hours',
  ];
  return csvText([
    header,
    ...health.people.map(person => [
      health.name,
      health.period.start,
      health.period.end,
      person.user,
      nameOf(person.user) ?? '',
      person.timeZone,
      person.timeZoneSource,
      person.inRotation ? 'yes' : 'no',
      String(person.shifts),
      hoursText(person.onCallHours),
      hoursText(person.outOfHoursHours),
      hoursText(person.weekendHours),
      String(person.incidents),
      hoursText(person.longestStretchHours),
    ]),
  ]);
}

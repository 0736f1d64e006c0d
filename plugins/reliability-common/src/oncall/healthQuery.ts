import { z } from 'zod';
import { ReviewPeriod, reviewPeriodRange } from '../review/period';
import {
  checkPeriodQuery,
  periodOfQuery,
  periodQueryFields,
} from '../review/periodQuery';
import { OnCallHealth } from './health';
import { parseInstant, toIso } from './instant';
import { TimeRange } from './types';

/**
 * The longest period the on-call health covers, in days: a quarter.
 *
 * @public
 */
export const MAX_ONCALL_HEALTH_DAYS = 92;

/**
 * The query of `GET /schedules/:id/health`: the period, as the reliability
 * review picks it (`week`, `month` or `quarter` containing `start`, or the
 * last complete one; `custom` from `start` through `end`), at most
 * {@link MAX_ONCALL_HEALTH_DAYS} days.
 *
 * @public
 */
export const onCallHealthQuerySchema = z
  .object(periodQueryFields)
  .strict()
  .superRefine(checkPeriodQuery(MAX_ONCALL_HEALTH_DAYS, 'a quarter'));

/**
 * What a client asks `GET /schedules/:id/health`.
 *
 * @public
 */
export type OnCallHealthRequest = z.input<typeof onCallHealthQuerySchema>;

/**
 * The period a parsed health query asks for; `today` is a UTC day.
 *
 * @public
 */
export function onCallHealthPeriodOf(
  query: z.output<typeof onCallHealthQuerySchema>,
  today: string,
): ReviewPeriod {
  return periodOfQuery(query, today);
}

/**
 * The instants a period's days cover for a schedule: from the first day's
 * midnight to the midnight after the last in the schedule's `timeZone`, so a
 * week is the team's own week (and one with a daylight-saving change lasts
 * an hour more or less).
 *
 * @public
 */
export function onCallHealthRange(
  period: ReviewPeriod,
  timeZone: string,
): TimeRange {
  const dayAfter = reviewPeriodRange(period).to.toISOString().slice(0, 10);
  return {
    start: toIso(parseInstant(period.start, timeZone)),
    end: toIso(parseInstant(dayAfter, timeZone)),
  };
}

/**
 * Answer of `GET /schedules/:id/health`.
 *
 * @public
 */
export interface ScheduleHealth extends OnCallHealth {
  scheduleId: string;
  name: string;
  ownerRef: string;
  period: ReviewPeriod;
  /**
   * The owner group's components whose incidents were counted (those the
   * caller may see).
   */
  componentCount: number;
  /**
   * True when the period had more incidents than are counted at once; the
   * incident figures are then lower bounds.
   */
  incidentsLimited: boolean;
}

import { z } from 'zod';
import { daySchema } from '../requestFields';
import {
  calendarReviewPeriod,
  lastCompleteReviewPeriod,
  REVIEW_PERIOD_KINDS,
  ReviewPeriod,
  reviewPeriodDays,
} from './period';

/**
 * The query fields that choose a period, shared by every page that offers
 * the review's period picker: `week`, `month` and `quarter` cover the
 * calendar period that contains `start`, or without it the last complete
 * one; `custom` covers `start` through `end`, both required.
 */
export const periodQueryFields = {
  period: z.enum(REVIEW_PERIOD_KINDS).default('month'),
  start: daySchema.optional(),
  end: daySchema.optional(),
};

type PeriodQuery = {
  period: (typeof REVIEW_PERIOD_KINDS)[number];
  start?: string;
  end?: string;
};

/**
 * Checks a period query, naming the field: a custom period needs both ends
 * and at most `maxDays` days (`longest` says how long that is to people);
 * the others take no `end`.
 */
export function checkPeriodQuery(maxDays: number, longest: string) {
  return (query: PeriodQuery, ctx: z.RefinementCtx) => {
    if (query.period !== 'custom') {
      if (query.end !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: `only a custom period takes an end; a ${query.period} ends by itself`,
        });
      }
      return;
    }
    for (const field of ['start', 'end'] as const) {
      if (query[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'required for a custom period',
        });
      }
    }
    if (query.start === undefined || query.end === undefined) {
      return;
    }
    const days = reviewPeriodDays({ start: query.start, end: query.end });
    if (days < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'must not be before start',
      });
    } else if (days > maxDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must be at most ${maxDays} days (${longest}) after start`,
      });
    }
  };
}

/** The period a checked period query asks for, `today` a UTC day. */
export function periodOfQuery(query: PeriodQuery, today: string): ReviewPeriod {
  if (query.period === 'custom') {
    return { kind: 'custom', start: query.start!, end: query.end! };
  }
  return query.start
    ? calendarReviewPeriod(query.period, query.start)
    : lastCompleteReviewPeriod(query.period, today);
}

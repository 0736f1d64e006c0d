import { z } from 'zod';
import { daySchema, entityRefSchema } from '../requestFields';
import {
  calendarReviewPeriod,
  lastCompleteReviewPeriod,
  MAX_REVIEW_DAYS,
  REVIEW_PERIOD_KINDS,
  ReviewPeriod,
  reviewPeriodDays,
} from './period';

/**
 * The query of `GET /review`: whose review (a group, a system, or without
 * `entityRef` the whole organisation) and over which days. `week`, `month`
 * and `quarter` cover the calendar period that contains `start`, or without
 * it the last complete one before `today`; `custom` covers `start` through
 * `end`, both required, at most two years.
 *
 * @public
 */
export const reviewQuerySchema = z
  .object({
    entityRef: entityRefSchema
      .refine(ref => ref.startsWith('group:') || ref.startsWith('system:'), {
        message:
          'must be a group or system ref, e.g. group:default/team-checkout; leave it out for the organisation',
      })
      .optional(),
    period: z.enum(REVIEW_PERIOD_KINDS).default('month'),
    start: daySchema.optional(),
    end: daySchema.optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
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
    } else if (days > MAX_REVIEW_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must be at most ${MAX_REVIEW_DAYS} days (two years) after start`,
      });
    }
  });

/**
 * A parsed review query.
 *
 * @public
 */
export type ReviewQuery = z.output<typeof reviewQuerySchema>;

/**
 * The period a parsed review query asks for.
 *
 * @public
 */
export function reviewPeriodOf(
  query: ReviewQuery,
  today: string,
): ReviewPeriod {
  if (query.period === 'custom') {
    return { kind: 'custom', start: query.start!, end: query.end! };
  }
  return query.start
    ? calendarReviewPeriod(query.period, query.start)
    : lastCompleteReviewPeriod(query.period, today);
}

/**
 * What a client asks `GET /review` (see {@link reviewQuerySchema}).
 *
 * @public
 */
export type ReviewRequest = z.input<typeof reviewQuerySchema>;

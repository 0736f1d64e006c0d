import { z } from 'zod';
import { entityRefSchema } from '../requestFields';
import { MAX_REVIEW_DAYS, ReviewPeriod } from './period';
import {
  checkPeriodQuery,
  periodOfQuery,
  periodQueryFields,
} from './periodQuery';

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
    ...periodQueryFields,
  })
  .strict()
  .superRefine(checkPeriodQuery(MAX_REVIEW_DAYS, 'two years'));

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
  return periodOfQuery(query, today);
}

/**
 * What a client asks `GET /review` (see {@link reviewQuerySchema}).
 *
 * @public
 */
export type ReviewRequest = z.input<typeof reviewQuerySchema>;

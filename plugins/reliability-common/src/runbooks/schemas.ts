/**
 * The requests of the runbook routes: each schema parses what arrives on the
 * wire, and its `z.input` is the request type clients send.
 */
import { z } from 'zod';
import {
  entityRefSchema,
  pageLimitSchema,
  queryFlag,
  refFilterSchema,
} from '../requestFields';
import { RUNBOOK_SEVERITIES } from './types';

/**
 * Query of `GET /runbooks/library`: full-text search over title,
 * description, steps, commands, alerts and tags (every word of `q` must
 * match); filters combine (AND); `owner` and `system` take a ref or a bare
 * name; `sort` is `title` (default) or `lastReviewed`.
 *
 * @public
 */
export const runbookLibraryQuerySchema = z
  .object({
    q: z.string().max(500).optional(),
    owner: refFilterSchema('group').optional(),
    system: refFilterSchema('system').optional(),
    severity: z
      .string()
      .transform(value => value.toUpperCase())
      .pipe(z.enum(RUNBOOK_SEVERITIES))
      .optional(),
    alert: z.string().trim().min(1).max(255).optional(),
    tag: z.string().trim().min(1).max(255).optional(),
    stale: queryFlag('must be true or false').optional(),
    /** `never`: only runbooks no drill has validated. */
    validated: z
      .enum(['never'], { error: 'must be never' })
      .optional(),
    /** Only runbooks whose last validation in a drill is older than this. */
    validatedOverDays: z.coerce
      .number<number>({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1' })
      .max(3650, { error: 'must be at most 3650' })
      .optional(),
    sort: z.enum(['title', 'lastReviewed']).default('title'),
    cursor: z.string().max(2_000).optional(),
    limit: pageLimitSchema,
  })
  .strict();

/**
 * Which runbooks the library shows: `GET /runbooks/library`.
 *
 * @public
 */
export type RunbookLibraryRequest = z.input<typeof runbookLibraryQuerySchema>;

/**
 * Path and query of `GET /runbooks/by-alert/:alertname?entityRef=`: the
 * runbooks whose `alerts` name the alert, those of `entityRef` first.
 *
 * @public
 */
export const runbooksForAlertQuerySchema = z
  .object({
    alertname: z.string().trim().min(1).max(255),
    entityRef: entityRefSchema.optional(),
  })
  .strict();

/**
 * Which runbooks answer an alert: the query of
 * `GET /runbooks/by-alert/:alertname`.
 *
 * @public
 */
export type RunbooksForAlertRequest = Omit<
  z.input<typeof runbooksForAlertQuerySchema>,
  'alertname'
>;

/**
 * Path of `GET /runbooks/:id`: ids contain slashes
 * (`component:default/checkout/db-pool`).
 *
 * @public
 */
export const runbookIdParamsSchema = z.object({
  id: z.string().min(1).max(600),
});

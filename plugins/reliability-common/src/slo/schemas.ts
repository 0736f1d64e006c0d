/**
 * The requests of the SLO routes: each schema parses what arrives on the
 * wire, and its `z.input` is the request type clients send.
 */
import { z } from 'zod';
import {
  entityRefSchema,
  instantSchema,
  isoDate,
  pageLimitSchema,
} from '../requestFields';
import { SLO_EVALUATION_STATES } from './api';

/** How far ahead of the server clock a bucket may start (clock skew). */
const MAX_FUTURE_MS = 5 * 60 * 1000;

/**
 * Query of `GET /slos/overview`. Every filter is optional; `tier` is a
 * policy tier's name. `limit` (20 by default, at most 100) SLOs are
 * answered worst first, after `cursor` (a previous page's `nextCursor`).
 *
 * @public
 */
export const sloOverviewQuerySchema = z
  .object({
    owner: entityRefSchema.optional(),
    system: entityRefSchema.optional(),
    tier: z.string().trim().min(1).max(255).optional(),
    state: z.enum(SLO_EVALUATION_STATES).optional(),
    limit: pageLimitSchema,
    cursor: z.string().max(4_000).optional(),
  })
  .strict();

/**
 * Which SLOs the overview lists: `GET /slos/overview`.
 *
 * @public
 */
export type SloOverviewRequest = z.input<typeof sloOverviewQuerySchema>;

/**
 * Query of `GET /slos/:id/history`: which stretch to chart (ISO instants);
 * the backend defaults to the current SLO window.
 *
 * @public
 */
export const sloHistoryQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

/**
 * Which stretch of an SLO's history to chart: `GET /slos/:id/history`.
 *
 * @public
 */
export type SloHistoryRequest = z.input<typeof sloHistoryQuerySchema>;

/**
 * One bucket of the built-in push source: good and total events for a ratio
 * SLI, or the measured `value` (a p95 latency in seconds, say) for a
 * threshold SLI. Posting the same bucket again replaces it (idempotent per
 * bucket). `bucketStart` is aligned to `bucketSeconds` (60 by default).
 *
 * @public
 */
export const sliSampleSchema = z
  .object({
    bucketStart: instantSchema,
    bucketSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 60 * 60)
      .optional(),
    good: z.number().finite().nonnegative().optional(),
    total: z.number().finite().nonnegative().optional(),
    value: z.number().finite().optional(),
  })
  .strict()
  .superRefine((sample, ctx) => {
    const counts = sample.good !== undefined || sample.total !== undefined;
    if (sample.value !== undefined && counts) {
      ctx.addIssue({
        code: 'custom',
        message:
          'give either value (threshold SLIs) or good and total (ratio SLIs), not both',
        path: ['value'],
      });
    } else if (sample.value === undefined && !counts) {
      ctx.addIssue({
        code: 'custom',
        message:
          'missing: good and total (ratio SLIs) or value (threshold SLIs)',
        path: ['total'],
      });
    } else if (counts) {
      for (const field of ['good', 'total'] as const) {
        if (sample[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `missing: a ratio sample needs both good and total`,
            path: [field],
          });
        }
      }
      if (
        sample.good !== undefined &&
        sample.total !== undefined &&
        sample.good > sample.total
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'must not be greater than total',
          path: ['good'],
        });
      }
    }
  })
  .refine(
    sample =>
      Date.parse(sample.bucketStart) % ((sample.bucketSeconds ?? 60) * 1000) ===
      0,
    {
      message:
        'must be aligned to bucketSeconds (a whole multiple of it since 1970-01-01T00:00:00Z; 60 s by default)',
      path: ['bucketStart'],
    },
  )
  .refine(
    sample => Date.parse(sample.bucketStart) <= Date.now() + MAX_FUTURE_MS,
    {
      message: 'must not be in the future',
      path: ['bucketStart'],
    },
  );

/**
 * One bucket of the push source: good and total events, or a measured value.
 *
 * @public
 */
export type SliSample = z.input<typeof sliSampleSchema>;

/**
 * Body of `POST /sli-samples`: samples for one SLO (its `metadata.name`)
 * whose indicator uses the push source (`metricSource.type: push`). At most
 * 1,000 samples per request, each bucket once.
 *
 * @public
 */
export const sliSamplesRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    sloName: z.string().trim().min(1).max(255),
    samples: z.array(sliSampleSchema).min(1).max(1000),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<number>();
    body.samples.forEach((sample, index) => {
      const start = Date.parse(sample.bucketStart);
      if (seen.has(start)) {
        ctx.addIssue({
          code: 'custom',
          message: 'the same bucket appears twice in the request',
          path: ['samples', index, 'bucketStart'],
        });
      }
      seen.add(start);
    });
  });

/**
 * Body of `POST /sli-samples`.
 *
 * @public
 */
export type SliSamplesRequest = z.input<typeof sliSamplesRequestSchema>;

/**
 * Answer of `POST /sli-samples`: how many samples were stored.
 *
 * @public
 */
export interface SliSamplesResponse {
  stored: number;
}

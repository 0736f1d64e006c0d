import { z } from 'zod';
import { entityRefSchema } from '../requestFields';

/**
 * The ranges a reliability timeline covers, in days back from now.
 *
 * @public
 */
export const TIMELINE_DAYS = [7, 30, 90] as const;

/**
 * The query of `GET /timeline`: whose timeline and over how many days.
 *
 * @public
 */
export const timelineQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    days: z
      .enum(['7', '30', '90'], { message: 'must be 7, 30 or 90' })
      .default('30')
      .transform(Number),
  })
  .strict();

/**
 * What a client asks `GET /timeline` (see {@link timelineQuerySchema}).
 *
 * @public
 */
export type TimelineRequest = {
  entityRef: string;
  days?: (typeof TIMELINE_DAYS)[number];
};

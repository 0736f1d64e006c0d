/**
 * The requests of the on-call routes: each schema parses what arrives on
 * the wire, and its `z.input` is the request type clients send. The rotation
 * part of a schedule (`schedule`) is checked by {@link validateSchedule},
 * which names every problem, after the schema.
 */
import { z } from 'zod';
import {
  entityRefSchema,
  groupRefSchema,
  instantSchema,
  isoDate,
  textSchema,
  userRefSchema,
  versionSchema,
} from '../requestFields';
import { SCHEDULE_LIMITS } from './limits';
import { Schedule, Shift } from './types';

/**
 * How an incident escalates: levels of a schedule's on-call (by name) or a
 * user, each `delayMinutes` after the one before (0 for the first) without
 * acknowledgement; the whole chain repeats `repeat` more times.
 *
 * @public
 */
export const escalationPolicySchema = z
  .object({
    levels: z
      .array(
        z
          .object({
            delayMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60),
            target: z.union([
              z.object({ schedule: z.string().trim().min(1) }).strict(),
              z.object({ user: userRefSchema }).strict(),
            ]),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    repeat: z.number().int().min(0).max(10).default(0),
  })
  .strict();

/**
 * How an incident escalates, as stored and answered.
 *
 * @public
 */
export type EscalationPolicy = z.output<typeof escalationPolicySchema>;

/**
 * One level of an escalation policy: who is paged (the on-call of a stored
 * schedule, by name, or a user ref), and after how many minutes without
 * acknowledgement.
 *
 * @public
 */
export type EscalationLevel = EscalationPolicy['levels'][number];

/**
 * Body of `POST /schedules` (and, with `version`, of `PUT /schedules/:id`):
 * a schedule named uniquely within its owner group.
 *
 * @public
 */
export const scheduleRequestSchema = z
  .object({
    name: textSchema(255),
    ownerRef: groupRefSchema,
    schedule: z.looseObject({
      overrides: z
        .array(
          z.looseObject({
            id: z.uuid().optional(),
            user: userRefSchema,
            start: instantSchema,
            end: instantSchema,
          }),
        )
        .max(SCHEDULE_LIMITS.overrides, {
          message: `at most ${SCHEDULE_LIMITS.overrides}; remove past ones first`,
        })
        .default([]),
    }),
    escalationPolicy: escalationPolicySchema.nullable().optional(),
  })
  .strict();

/**
 * Body of `PUT /schedules/:id`: the whole schedule, at the version its
 * writer saw.
 *
 * @public
 */
export const updateScheduleRequestSchema = scheduleRequestSchema.extend({
  version: versionSchema,
});

/**
 * A schedule as a YAML (or JSON) document: what `GET /schedules/:id/export`
 * answers and `POST /schedules/import` takes.
 *
 * @public
 */
export const scheduleDocumentSchema = scheduleRequestSchema.extend({
  apiVersion: z.literal('reliability-hub.io/v1alpha1'),
  kind: z.literal('Schedule'),
});

/**
 * The rotation part of a schedule request; its name, if given, is replaced
 * by the request's.
 *
 * @public
 */
export type ScheduleRequestBody = Omit<Schedule, 'name' | 'overrides'> &
  Partial<Pick<Schedule, 'name' | 'overrides'>>;

/**
 * Body of `POST /schedules`.
 *
 * @public
 */
export type ScheduleRequest = Omit<
  z.input<typeof scheduleRequestSchema>,
  'schedule'
> & { schedule: ScheduleRequestBody };

/**
 * Body of `PUT /schedules/:id`.
 *
 * @public
 */
export type UpdateScheduleRequest = ScheduleRequest & { version: number };

/**
 * Body of `POST /schedules/:id/overrides`: `user` covers `[start, end)`;
 * `version` is the schedule's version the user saw.
 *
 * @public
 */
export const addOverrideRequestSchema = z
  .object({
    version: versionSchema,
    user: userRefSchema,
    start: instantSchema,
    end: instantSchema,
    reason: z.string().trim().max(1_000).optional(),
  })
  .strict()
  .refine(o => Date.parse(o.end) > Date.parse(o.start), {
    message: 'must be after start',
    path: ['end'],
  });

/**
 * Body of `POST /schedules/:id/overrides`.
 *
 * @public
 */
export type AddScheduleOverrideRequest = z.input<
  typeof addOverrideRequestSchema
>;

/**
 * Path of `DELETE /schedules/:id/overrides/:overrideId`.
 *
 * @public
 */
export const overrideIdParamsSchema = z.object({
  id: z.uuid(),
  overrideId: z.uuid(),
});

/**
 * Query of `DELETE /schedules/:id/overrides/:overrideId`: the schedule's
 * version the user saw.
 *
 * @public
 */
export const versionQuerySchema = z
  .object({ version: z.coerce.number<number>().int().min(1) })
  .strict();

/**
 * Query of `GET /schedules/:id/final`: the range, at most 93 days.
 *
 * @public
 */
export const finalScheduleQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .strict();

/**
 * Answer of `GET /schedules/:id/final`: the shifts after layers and
 * overrides.
 *
 * @public
 */
export interface FinalSchedule {
  scheduleId: string;
  from: string;
  to: string;
  shifts: Shift[];
}

/**
 * Query of `GET /oncall`: for an entity's schedules, else every schedule;
 * at an instant, else now.
 *
 * @public
 */
export const onCallQuerySchema = z
  .object({ entityRef: entityRefSchema.optional(), at: isoDate.optional() })
  .strict();

/**
 * Which on-call answer to get: `GET /oncall`.
 *
 * @public
 */
export type OnCallRequest = z.input<typeof onCallQuerySchema>;

/**
 * Query of the iCalendar feeds: the feed's secret.
 *
 * @public
 */
export const feedQuerySchema = z.object({ token: z.string().min(1).max(200) });

/**
 * Path of `GET /ical/users/:namespace/:name.ics`.
 *
 * @public
 */
export const userFeedParamsSchema = z.object({
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(255),
});

/**
 * Answer of `GET` and `POST /feed-token/me` (the current address and a new
 * one): the feed's path below the plugin's base URL, with its token.
 *
 * @public
 */
export interface FeedTokenResponse {
  path: string;
}

/**
 * Answer of `GET /schedules/:id/feed` (the current address, the same on
 * every ask) and `POST /schedules/:id/feed-token` (a new one): the path, and
 * the users who have been shown this address, whose subscriptions stop when
 * it is rotated.
 *
 * @public
 */
export interface ScheduleFeedResponse extends FeedTokenResponse {
  holders: string[];
}

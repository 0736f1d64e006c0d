/**
 * Swap requests: someone on call asks a teammate to cover a shift (or to
 * trade it for one of the teammate's); the teammate accepts or declines,
 * and an accepted request becomes overrides.
 */
import { z } from 'zod';
import { instantSchema, userRefSchema, versionSchema } from '../requestFields';

/** A half-open range of instants, ending after it starts. */
const shiftRangeSchema = z
  .object({ start: instantSchema, end: instantSchema })
  .strict()
  .refine(range => Date.parse(range.end) > Date.parse(range.start), {
    message: 'must be after start',
    path: ['end'],
  });

/**
 * Body of `POST /schedules/:id/swaps`: the caller, on call for all of
 * `shift`, asks `recipient` to cover it; with `returnShift` (one of the
 * recipient's shifts) the two trade.
 *
 * @public
 */
export const swapRequestSchema = z
  .object({
    recipient: userRefSchema,
    shift: shiftRangeSchema,
    returnShift: shiftRangeSchema.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

/**
 * Body of `POST /schedules/:id/swaps`.
 *
 * @public
 */
export type CreateSwapRequest = z.input<typeof swapRequestSchema>;

/**
 * Body of `POST /swaps/:swapId/accept`, `/decline` and `/cancel`: the
 * request's version the user saw.
 *
 * @public
 */
export const swapAnswerSchema = z.object({ version: versionSchema }).strict();

/**
 * Path of the swap request routes.
 *
 * @public
 */
export const swapIdParamsSchema = z.object({ swapId: z.uuid() });

/**
 * Where a swap request stands. A pending request whose shift has begun is
 * `expired`.
 *
 * @public
 */
export type SwapState =
  | 'pending'
  | 'accepted'
  | 'declined'
  | 'cancelled'
  | 'expired';

/**
 * A swap request as the API answers it.
 *
 * @public
 */
export interface SwapRequest {
  id: string;
  scheduleId: string;
  scheduleName: string;
  ownerRef: string;
  /** Who asked: on call for `shift` when asking. */
  requester: string;
  /** Who is asked to cover `shift`. */
  recipient: string;
  shift: { start: string; end: string };
  /** The recipient's shift the requester covers in return, for a trade. */
  returnShift?: { start: string; end: string };
  note?: string;
  state: SwapState;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  version: number;
}

/**
 * Answer of `GET /swaps`: the caller's open requests, those asked of them
 * and those they asked, soonest shift first.
 *
 * @public
 */
export interface SwapRequestList {
  incoming: SwapRequest[];
  outgoing: SwapRequest[];
}

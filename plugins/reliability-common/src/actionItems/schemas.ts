/**
 * The requests of the action-item routes: each schema parses what arrives on
 * the wire, and its `z.input` is the request type clients send.
 */
import { z } from 'zod';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
} from '../postmortems/types';
import {
  csv,
  daySchema,
  entityRefSchema,
  httpUrlSchema,
  ownerRefSchema,
  pageQueryFields,
  queryFlag,
  textSchema,
  versionSchema,
} from '../requestFields';

/**
 * Query of `GET /action-items`. `status=open` means open or in progress;
 * `owner` takes user or group refs.
 *
 * @public
 */
export const actionItemListQuerySchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    owner: csv(ownerRefSchema).optional(),
    status: z.enum([...ACTION_ITEM_STATUSES, 'open']).optional(),
    overdue: queryFlag().optional(),
    ...pageQueryFields,
  })
  .strict();

/**
 * Which action items to list: `GET /action-items`.
 *
 * @public
 */
export type ActionItemListRequest = z.input<typeof actionItemListQuerySchema>;

/**
 * Body of `POST /postmortems/:id/action-items`. The owner (a user or group
 * ref) must be in the catalog; `dueDate` is `YYYY-MM-DD`.
 *
 * @public
 */
export const createActionItemRequestSchema = z
  .object({
    title: textSchema(255),
    description: z.string().max(20_000).optional(),
    type: z.enum(ACTION_ITEM_TYPES),
    priority: z.enum(ACTION_ITEM_PRIORITIES),
    owner: ownerRefSchema,
    dueDate: daySchema.optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    ticketUrl: httpUrlSchema.optional(),
  })
  .strict();

/**
 * Body of `POST /postmortems/:id/action-items`.
 *
 * @public
 */
export type CreateActionItemRequest = z.input<
  typeof createActionItemRequestSchema
>;

/**
 * Body of `PATCH /action-items/:id`: the fields of a create, each optional,
 * and `version` as the writer saw it; `null` clears the due date or the
 * ticket.
 *
 * @public
 */
export const updateActionItemRequestSchema = createActionItemRequestSchema
  .partial()
  .extend({
    version: versionSchema,
    dueDate: daySchema.nullable().optional(),
    ticketUrl: httpUrlSchema.nullable().optional(),
  });

/**
 * Body of `PATCH /action-items/:id`.
 *
 * @public
 */
export type UpdateActionItemRequest = z.input<
  typeof updateActionItemRequestSchema
>;

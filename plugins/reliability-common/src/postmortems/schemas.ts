/**
 * The requests of the postmortem routes: each schema parses what arrives on
 * the wire, and its `z.input` is the request type clients send.
 */
import { z } from 'zod';
import {
  csv,
  entityRefSchema,
  ownerRefSchema,
  pageQueryFields,
  textSchema,
  userRefSchema,
  versionSchema,
} from '../requestFields';
import { POSTMORTEM_STATUSES } from './types';

const markdown = z.string().max(100_000);

/** The Markdown sections of the template, each optional. */
const sections = {
  summary: markdown.optional(),
  impact: markdown.optional(),
  timeline: markdown.optional(),
  rootCause: markdown.optional(),
  contributingFactors: markdown.optional(),
  wentWell: markdown.optional(),
  toImprove: markdown.optional(),
  lessonsLearned: markdown.optional(),
};

const incidentIds = z.array(z.uuid()).min(1).max(20);
const impactText = z.string().max(2_000);
const impactMinutes = z.number().int().min(0).max(1_000_000);
/** Catalog users or groups, as the people picker gives them: never free text. */
const reviewers = z.array(ownerRefSchema).max(20);

/**
 * Query of `GET /postmortems`.
 *
 * @public
 */
export const postmortemListQuerySchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    status: z.enum(POSTMORTEM_STATUSES).optional(),
    /** Only postmortems this user writes. */
    author: userRefSchema.optional(),
    /**
     * Only postmortems that ask any of these users or groups to review them
     * (a person and their groups: the reviews that are theirs to do).
     */
    reviewer: csv(ownerRefSchema).optional(),
    ...pageQueryFields,
  })
  .strict();

/**
 * Which postmortems to list: `GET /postmortems`.
 *
 * @public
 */
export type PostmortemListRequest = z.input<typeof postmortemListQuerySchema>;

/**
 * Body of `POST /postmortems`. Without a timeline, the incidents' timelines
 * fill it.
 *
 * @public
 */
export const createPostmortemRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    incidentIds,
    title: textSchema(255).optional(),
    impactUsersAffected: impactText.optional(),
    impactDurationMinutes: impactMinutes.optional(),
    impactErrorBudget: impactText.optional(),
    reviewers: reviewers.optional(),
    ...sections,
  })
  .strict();

/**
 * Body of `POST /postmortems`.
 *
 * @public
 */
export type CreatePostmortemRequest = z.input<
  typeof createPostmortemRequestSchema
>;

/**
 * Body of `PATCH /postmortems/:id`: the fields of a create but the entity,
 * each optional, the status, and `version` as the writer saw it; `null`
 * clears an impact field.
 *
 * @public
 */
// Written out rather than derived with omit/partial, whose key order the
// compiler may print differently from one build to the next.
export const updatePostmortemRequestSchema = z
  .object({
    incidentIds: incidentIds.optional(),
    title: textSchema(255).optional(),
    impactUsersAffected: impactText.nullable().optional(),
    impactDurationMinutes: impactMinutes.nullable().optional(),
    impactErrorBudget: impactText.nullable().optional(),
    reviewers: reviewers.optional(),
    ...sections,
    version: versionSchema,
    status: z.enum(POSTMORTEM_STATUSES).optional(),
  })
  .strict();

/**
 * Body of `PATCH /postmortems/:id`.
 *
 * @public
 */
export type UpdatePostmortemRequest = z.input<
  typeof updatePostmortemRequestSchema
>;

/**
 * Body of `POST /postmortems/:id/approve`: a reviewer's approval, made on the
 * version they read. It publishes the postmortem.
 *
 * @public
 */
export const approvePostmortemRequestSchema = z
  .object({ version: versionSchema })
  .strict();

/**
 * Body of `POST /postmortems/:id/approve`.
 *
 * @public
 */
export type ApprovePostmortemRequest = z.input<
  typeof approvePostmortemRequestSchema
>;

/**
 * Query of `DELETE /postmortems/:id`: the version of the draft being
 * discarded, as its writer saw it.
 *
 * @public
 */
export const discardPostmortemQuerySchema = z
  .object({ version: z.coerce.number().pipe(versionSchema) })
  .strict();

/**
 * The requests of the incident routes: each schema parses what arrives on
 * the wire, and its `z.input` is the request type clients send.
 */
import { z } from 'zod';
import {
  csv,
  entityRefSchema,
  instantSchema,
  isoDate,
  pageQueryFields,
  queryFlag,
  textSchema,
  userRefSchema,
  versionSchema,
} from '../requestFields';
import { INCIDENT_HUMAN_ID_PATTERN } from './lifecycle';
import {
  INCIDENT_DRILL_KINDS,
  INCIDENT_STATUSES,
  IncidentStatus,
} from './types';

/**
 * The `:id` of an incident route: its UUID or its `INC-YYYYMMDD-NNN` id.
 *
 * @public
 */
export const incidentIdParamsSchema = z.object({
  id: z.union([z.uuid(), z.string().regex(INCIDENT_HUMAN_ID_PATTERN)], {
    error: 'must be an incident UUID or an id such as INC-20261207-001',
  }),
});

/**
 * The statuses `GET /incidents` filters by: each status, and `open` for every
 * one but resolved. An object, not a list: its key order is the one written
 * here in every build of the declarations.
 */
const STATUS_FILTERS = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  open: 'open',
} as const satisfies Record<IncidentStatus | 'open', string>;

/**
 * Query of `GET /incidents`. `status=open` means every status but resolved;
 * `entityRef` and `severity` take lists; `commander` narrows to one user's
 * incidents.
 *
 * @public
 */
export const incidentListQuerySchema = z
  .object({
    entityRef: csv(entityRefSchema).optional(),
    status: z.enum(STATUS_FILTERS).optional(),
    // The client passes a list of severities, as it shows them.
    severity: z
      .preprocess(
        (severities: string[]) => severities,
        csv(z.string().min(1).max(32)),
      )
      .optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    /** Only incidents with an overdue clock (acknowledge, update, escalate, mitigate, postmortem). */
    needsAttention: queryFlag('must be true or false').optional(),
    /** Only incidents this user commands. */
    commander: userRefSchema.optional(),
    /** `true`: only drills; `false`: only real incidents. */
    drill: queryFlag('must be true or false').optional(),
    ...pageQueryFields,
  })
  .strict();

/**
 * Which incidents to list: `GET /incidents`.
 *
 * @public
 */
export type IncidentListRequest = z.input<typeof incidentListQuerySchema>;

/**
 * Body of `POST /incidents`: declare an incident. Times default to now.
 *
 * @public
 */
export const createIncidentRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    title: textSchema(255),
    severity: textSchema(32),
    summary: z.string().max(20_000).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    commander: userRefSchema.optional(),
    communications: userRefSchema.optional(),
    scribe: userRefSchema.optional(),
    startedAt: isoDate.optional(),
    detectedAt: isoDate.optional(),
    /**
     * A runbook of the component the incident follows (a drill: the one it
     * exercises); linked as the incident's runbook.
     */
    runbookId: z.string().trim().min(1).max(600).optional(),
    /** Declares an exercise of this kind instead of a real incident. */
    drill: z
      .enum(INCIDENT_DRILL_KINDS, {
        error: `must be one of ${INCIDENT_DRILL_KINDS.join(', ')}`,
      })
      .optional(),
  })
  .strict();

/**
 * Body of `POST /incidents`.
 *
 * @public
 */
export type CreateIncidentRequest = z.input<typeof createIncidentRequestSchema>;

/**
 * Body of `PATCH /incidents/:id`: the fields of a declaration but the entity,
 * each optional, and the later times. `version` is the version the change was
 * made on; a stale one gets 409. `null` clears a field; `note` says why the
 * change, on the timeline with it.
 *
 * @public
 */
// Written out rather than derived with omit/partial, whose key order the
// compiler may print differently from one build to the next.
export const updateIncidentRequestSchema = z
  .object({
    title: textSchema(255).optional(),
    severity: textSchema(32).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    startedAt: isoDate.optional(),
    version: versionSchema,
    // A drill stays a drill and a real incident stays real: turning one into
    // the other would rewrite the figures it was (or was not) counted in.
    drill: z
      .never({ error: 'cannot be changed after the incident is declared' })
      .optional(),
    summary: z.string().max(20_000).nullable().optional(),
    commander: userRefSchema.nullable().optional(),
    communications: userRefSchema.nullable().optional(),
    scribe: userRefSchema.nullable().optional(),
    detectedAt: isoDate.nullable().optional(),
    acknowledgedAt: isoDate.nullable().optional(),
    mitigatedAt: isoDate.nullable().optional(),
    resolvedAt: isoDate.nullable().optional(),
    note: textSchema(5_000).optional(),
  })
  .strict();

/**
 * Body of `PATCH /incidents/:id`.
 *
 * @public
 */
export type UpdateIncidentRequest = z.input<typeof updateIncidentRequestSchema>;

/**
 * Body of `POST /incidents/:id/acknowledge`: the version the responder saw.
 *
 * @public
 */
export const acknowledgeIncidentRequestSchema = z
  .object({ version: versionSchema })
  .strict();

/**
 * Body of `POST /incidents/:id/acknowledge`.
 *
 * @public
 */
export type AcknowledgeIncidentRequest = z.input<
  typeof acknowledgeIncidentRequestSchema
>;

/**
 * Body of `POST /incidents/:id/escalate`: engages the next escalation level.
 *
 * @public
 */
export const escalateIncidentRequestSchema = z
  .object({ version: versionSchema })
  .strict();

/**
 * Body of `POST /incidents/:id/escalate`.
 *
 * @public
 */
export type EscalateIncidentRequest = z.input<
  typeof escalateIncidentRequestSchema
>;

/**
 * Body of `POST /incidents/:id/updates`: a numbered status update for the
 * timeline and for stakeholders. It resets the update clock.
 *
 * @public
 */
export const postIncidentUpdateRequestSchema = z
  .object({
    version: versionSchema,
    impact: textSchema(2_000),
    progress: textSchema(5_000),
    nextSteps: z.string().trim().max(2_000).optional(),
    nextUpdateAt: isoDate.optional(),
  })
  .strict();

/**
 * Body of `POST /incidents/:id/updates`.
 *
 * @public
 */
export type PostIncidentUpdateRequest = z.input<
  typeof postIncidentUpdateRequestSchema
>;

/**
 * Body of `POST /incidents/:id/notes`: a note on the timeline.
 *
 * @public
 */
export const incidentNoteRequestSchema = z
  .object({ message: textSchema(5_000) })
  .strict();

/**
 * Body of `POST /incidents/:id/notes`.
 *
 * @public
 */
export type IncidentNoteRequest = z.input<typeof incidentNoteRequestSchema>;

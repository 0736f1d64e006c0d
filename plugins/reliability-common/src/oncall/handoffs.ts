/**
 * Hand-offs: where one person's shift ends and another's begins, with the
 * note the outgoing person leaves and the checklist the next one works
 * through.
 */
import { z } from 'zod';
import { csv, isoDate, versionSchema, instantSchema } from '../requestFields';

/**
 * Body of `PUT /schedules/:id/handoff-note`: the note for the hand-off at
 * `at`; `version` of the note seen, absent for a new note.
 *
 * @public
 */
export const handoffNoteRequestSchema = z
  .object({
    at: instantSchema,
    note: z.string().trim().min(1).max(4_000),
    version: versionSchema.optional(),
  })
  .strict();

/**
 * Body of `PUT /schedules/:id/handoff-note`.
 *
 * @public
 */
export type HandoffNoteRequest = z.input<typeof handoffNoteRequestSchema>;

/**
 * Query of `GET /handoff-notes`: the notes of hand-offs in `[from, to]` of
 * these schedules (else of every schedule the caller may see).
 *
 * @public
 */
export const handoffNotesQuerySchema = z
  .object({
    scheduleId: csv(z.uuid()).optional(),
    from: isoDate,
    to: isoDate,
  })
  .strict();

/**
 * Query of `GET /handoff-notes`.
 *
 * @public
 */
export type HandoffNotesRequest = {
  scheduleId?: string[];
  from: string;
  to: string;
};

/**
 * Query of `GET /schedules/:id/handoff`: the hand-off at `at`.
 *
 * @public
 */
export const handoffQuerySchema = z.object({ at: isoDate }).strict();

/**
 * What the outgoing person left for the next one at a hand-off.
 *
 * @public
 */
export interface HandoffNote {
  scheduleId: string;
  /** The hand-off's instant: when the next shift begins. */
  at: string;
  note: string;
  author: string;
  updatedAt: string;
  version: number;
}

/**
 * Answer of `GET /handoff-notes`.
 *
 * @public
 */
export interface HandoffNoteList {
  notes: HandoffNote[];
}

/**
 * The hand-off checklist of a schedule's owning team: its open incidents and
 * open action items, most recent first; `more` when there are others.
 *
 * @public
 */
export interface HandoffChecklist {
  incidents: Array<{
    id: string;
    humanId?: string;
    title: string;
    severity: string;
    status: string;
    entityRef: string;
  }>;
  actionItems: Array<{
    id: string;
    title: string;
    owner?: string;
    dueDate?: string;
    entityRef: string;
    postmortemId: string;
  }>;
  moreIncidents: boolean;
  moreActionItems: boolean;
}

/**
 * Answer of `GET /schedules/:id/handoff?at=`: who hands off to whom, the
 * note, and the checklist.
 *
 * @public
 */
export interface ShiftHandoff {
  scheduleId: string;
  at: string;
  /** Who was on call just before, null after a gap. */
  outgoing: string | null;
  /** Who is on call from `at`, null for a gap. */
  incoming: string | null;
  note: HandoffNote | null;
  checklist: HandoffChecklist;
}

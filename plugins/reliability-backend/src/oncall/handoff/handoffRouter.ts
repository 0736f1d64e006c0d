import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  handoffNoteRequestSchema,
  handoffNotesQuerySchema,
  handoffQuerySchema,
  HandoffNoteList,
  ShiftHandoff,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { EntityAccess } from '../../access/EntityAccess';
import { EntityVisibility } from '../../access/EntityVisibility';
import { parseInput } from '../../validation';
import { ScheduleStore } from '../ScheduleStore';
import { ScheduleWrites } from '../ScheduleWrites';
import { DatabaseHandoffNoteStore } from './DatabaseHandoffNoteStore';
import { HandoffService } from './HandoffService';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The widest range of notes one request reads, and how many. */
const MAX_NOTES_DAYS = 93;
const MAX_NOTES = 200;
/** How far from now a note may be written. */
const NOTE_DAYS_BACK = 31;
const NOTE_DAYS_AHEAD = 93;

/**
 * Hand-offs: the notes of hand-offs over a range (`GET /handoff-notes`),
 * one hand-off with its note and checklist
 * (`GET /schedules/:id/handoff?at=`), and writing a note
 * (`PUT /schedules/:id/handoff-note`), which the outgoing person and the
 * owning group's members may.
 *
 * @internal
 */
export function createHandoffRouter(options: {
  handoffs: HandoffService;
  notes: DatabaseHandoffNoteStore;
  store: ScheduleStore;
  writes: ScheduleWrites;
  access: EntityAccess;
  visibility: EntityVisibility;
  httpAuth: HttpAuthService;
}) {
  const { handoffs, notes, store, writes, access, visibility, httpAuth } =
    options;
  const router = Router();

  router.get('/handoff-notes', async (req, res) => {
    const query = parseInput(handoffNotesQuerySchema, req.query, 'query');
    if (query.to.getTime() - query.from.getTime() > MAX_NOTES_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid query: to: at most ${MAX_NOTES_DAYS} days after from`,
      );
    }
    const visible = await visibility.of(req);
    const schedules = await visible.filter(
      await store.listSchedules(),
      s => s.ownerRef,
    );
    const ids = new Set(schedules.map(s => s.id));
    const wanted = (query.scheduleId ?? [...ids]).filter(id => ids.has(id));
    const answer: HandoffNoteList = {
      notes: wanted.length
        ? await notes.list({
            scheduleIds: wanted,
            from: query.from,
            to: query.to,
            limit: MAX_NOTES,
          })
        : [],
    };
    res.json(answer);
  });

  router.get('/schedules/:id/handoff', async (req, res) => {
    const record = await writes.load(req);
    const { at } = parseInput(handoffQuerySchema, req.query, 'query');
    const handoff = handoffs.handoffAt(record, at);
    const credentials = await httpAuth.credentials(req);
    const answer: ShiftHandoff = {
      scheduleId: record.id,
      at: at.toISOString(),
      outgoing: handoff?.outgoing ?? null,
      incoming: handoff?.incoming ?? null,
      note: (await notes.get(record.id, at)) ?? null,
      checklist: await handoffs.checklist(record.ownerRef, credentials),
    };
    res.json(answer);
  });

  router.put('/schedules/:id/handoff-note', async (req, res) => {
    const record = await writes.load(req);
    const body = parseInput(
      handoffNoteRequestSchema,
      req.body,
      'hand-off note',
    );
    const at = new Date(body.at);
    const now = Date.now();
    if (
      at.getTime() < now - NOTE_DAYS_BACK * DAY_MS ||
      at.getTime() > now + NOTE_DAYS_AHEAD * DAY_MS
    ) {
      throw new InputError(
        `Invalid hand-off note: at: within ${NOTE_DAYS_BACK} days back and ${NOTE_DAYS_AHEAD} days ahead`,
      );
    }
    const handoff = handoffs.handoffAt(record, at);
    if (!handoff) {
      throw new InputError(
        `Invalid hand-off note: at: ${record.name} has no hand-off at ${body.at}`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const caller =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef.toLocaleLowerCase('en-US')
        : undefined;
    let actor: string;
    if (caller && caller === handoff.outgoing) {
      actor = caller;
    } else {
      try {
        ({ actor } = await writes.authorizeUpdate(req, record));
      } catch (error) {
        if (error instanceof NotAllowedError) {
          throw new NotAllowedError(
            `Only the person handing off and members of ${record.ownerRef} may write this hand-off note`,
          );
        }
        throw error;
      }
    }
    const note = await access.audited(
      req,
      'schedule-handoff-note-write',
      { id: record.id, ownerRef: record.ownerRef, at: at.toISOString() },
      () =>
        notes.save({
          scheduleId: record.id,
          ownerRef: record.ownerRef,
          at,
          note: body.note,
          version: body.version,
          actor,
        }),
    );
    res.json(note);
  });

  return router;
}

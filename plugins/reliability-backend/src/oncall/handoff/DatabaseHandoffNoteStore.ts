import { ConflictError } from '@backstage/errors';
import { HandoffNote } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../audit/AuditLog';
import { toIso, toNumber } from '../../database/sql';
import { staleVersionError } from '../../database/versionedRecords';

interface NoteRow {
  id: string;
  schedule_id: string;
  handoff_at: Date | string | number;
  note: string;
  author: string;
  updated_at: Date | string | number;
  version: number;
}

function toNote(row: NoteRow): HandoffNote {
  return {
    scheduleId: row.schedule_id,
    at: toIso(row.handoff_at),
    note: row.note,
    author: row.author,
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
}

/** Inserts a note; a note written meanwhile by someone else is a 409. */
async function insertOnce(tx: Knex.Transaction, row: Record<string, unknown>) {
  const inserted = await tx('schedule_handoff_notes')
    .insert(row)
    .onConflict(['schedule_id', 'handoff_at'])
    .ignore()
    .returning('id');
  if (!inserted.length) {
    throw new ConflictError(
      'Someone wrote this hand-off note meanwhile; reload and try again',
    );
  }
}

/**
 * Hand-off notes in the plugin's database: one per schedule and hand-off,
 * written against the version its writer saw and recorded in the change
 * history.
 *
 * @internal
 */
export class DatabaseHandoffNoteStore {
  static create(options: { knex: Knex }) {
    return new DatabaseHandoffNoteStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async get(scheduleId: string, at: Date): Promise<HandoffNote | undefined> {
    const row = await this.knex<NoteRow>('schedule_handoff_notes')
      .where({ schedule_id: scheduleId, handoff_at: at })
      .first();
    return row && toNote(row);
  }

  /** The notes of hand-offs in `[from, to]`, soonest first, at most `limit`. */
  async list(filter: {
    scheduleIds?: string[];
    from: Date;
    to: Date;
    limit: number;
  }): Promise<HandoffNote[]> {
    const query = this.knex<NoteRow>('schedule_handoff_notes')
      .where('handoff_at', '>=', filter.from)
      .where('handoff_at', '<=', filter.to)
      .orderBy([
        { column: 'handoff_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit);
    if (filter.scheduleIds) {
      query.whereIn('schedule_id', filter.scheduleIds);
    }
    return (await query).map(toNote);
  }

  /**
   * Writes the note of a hand-off: a new one without `version`, else a
   * change of the one at `version` (409 when stale or when one was written
   * meanwhile).
   */
  async save(options: {
    scheduleId: string;
    ownerRef: string;
    at: Date;
    note: string;
    version?: number;
    actor: string;
  }): Promise<HandoffNote> {
    const { scheduleId, ownerRef, at, note, version, actor } = options;
    const now = new Date();
    return this.knex.transaction(async tx => {
      const before = await tx<NoteRow>('schedule_handoff_notes')
        .where({ schedule_id: scheduleId, handoff_at: at })
        .first();
      const resourceId = `${scheduleId}@${at.toISOString()}`;
      if (!before && version !== undefined) {
        throw new ConflictError(
          `The hand-off note at ${at.toISOString()} was removed; reload and try again`,
        );
      }
      if (before && version === undefined) {
        throw new ConflictError(
          `Someone wrote the hand-off note at ${at.toISOString()} meanwhile; reload and try again`,
        );
      }
      if (before) {
        if (toNumber(before.version) !== version) {
          throw staleVersionError(
            'Hand-off note',
            resourceId,
            version!,
            toNumber(before.version),
          );
        }
        const updated = await tx('schedule_handoff_notes')
          .where({ id: before.id, version })
          .update({
            note,
            author: actor,
            updated_at: now,
            version: version! + 1,
          });
        if (updated !== 1) {
          throw staleVersionError('Hand-off note', resourceId, version!, -1);
        }
      } else {
        await insertOnce(tx, {
          id: randomUUID(),
          schedule_id: scheduleId,
          handoff_at: at,
          note,
          author: actor,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
      const after = toNote(
        (await tx<NoteRow>('schedule_handoff_notes')
          .where({ schedule_id: scheduleId, handoff_at: at })
          .first())!,
      );
      await recordAudit(tx, {
        actor,
        action: 'schedule.handoff-note.write',
        resourceType: 'schedule-handoff-note',
        resourceId,
        entityRef: ownerRef,
        ...(before ? { before: toNote(before) } : {}),
        after,
        at: now,
      });
      return after;
    });
  }
}

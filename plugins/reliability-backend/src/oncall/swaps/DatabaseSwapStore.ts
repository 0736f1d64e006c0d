import { ConflictError } from '@backstage/errors';
import {
  Override,
  ScheduleRecord,
  SwapRequest,
  SwapState,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { toIso, toNumber } from '../../database/sql';
import {
  inTransaction,
  VersionedRecords,
} from '../../database/versionedRecords';
import { DatabaseScheduleStore } from '../DatabaseScheduleStore';

type Db = Knex | Knex.Transaction;
type Timestamp = Date | string | number;

/** A row of `schedule_swap_requests`, with its schedule's name and owner. */
interface SwapRow {
  id: string;
  schedule_id: string;
  requester: string;
  recipient: string;
  shift_start: Timestamp;
  shift_end: Timestamp;
  return_start: Timestamp | null;
  return_end: Timestamp | null;
  note: string | null;
  state: string;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  version: number;
  schedule_name?: string;
  owner_ref?: string;
}

/** Reads the request with its schedule's name and owner. */
function withSchedule(db: Db) {
  return db('schedule_swap_requests as r')
    .join('schedules as s', 's.id', 'r.schedule_id')
    .select('r.*', 's.name as schedule_name', 's.owner_ref as owner_ref');
}

/**
 * The request as the API answers it; a pending one whose first shift has
 * begun by `now` is expired (computed, so nothing has to sweep).
 */
function toSwap(row: SwapRow, now = new Date()): SwapRequest {
  const shift = { start: toIso(row.shift_start), end: toIso(row.shift_end) };
  const returnShift =
    row.return_start !== null && row.return_end !== null
      ? { start: toIso(row.return_start), end: toIso(row.return_end) }
      : undefined;
  const firstStart = Math.min(
    Date.parse(shift.start),
    returnShift ? Date.parse(returnShift.start) : Infinity,
  );
  const state =
    row.state === 'pending' && firstStart <= now.getTime()
      ? 'expired'
      : (row.state as SwapState);
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    scheduleName: row.schedule_name ?? '',
    ownerRef: row.owner_ref ?? '',
    requester: row.requester,
    recipient: row.recipient,
    shift,
    ...(returnShift ? { returnShift } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    state,
    createdAt: toIso(row.created_at),
    ...(row.decided_at !== null ? { decidedAt: toIso(row.decided_at) } : {}),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
    version: toNumber(row.version),
  };
}

const records = VersionedRecords.create<SwapRequest>({
  table: 'schedule_swap_requests',
  thing: 'Swap request',
  resourceType: 'schedule-swap',
  fromRow: async (row: SwapRow, db) =>
    toSwap((await withSchedule(db).where('r.id', row.id).first()) ?? row),
  entityRefOf: swap => swap.ownerRef,
});

/**
 * A new swap request, as the service checked it.
 *
 * @internal
 */
export interface NewSwap {
  scheduleId: string;
  requester: string;
  recipient: string;
  shift: { start: string; end: string };
  returnShift?: { start: string; end: string };
  note?: string;
}

/**
 * Swap requests in the plugin's database. Each change is a versioned write
 * recorded in the change history; accepting one adds its overrides to the
 * schedule in the same transaction, recorded as every override is.
 *
 * @internal
 */
export class DatabaseSwapStore {
  static create(options: { knex: Knex }) {
    return new DatabaseSwapStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async create(swap: NewSwap): Promise<SwapRequest> {
    const id = randomUUID();
    return records.create(
      this.knex,
      id,
      { actor: swap.requester, action: 'schedule-swap.request' },
      async (tx, now) => {
        await tx('schedule_swap_requests').insert({
          id,
          schedule_id: swap.scheduleId,
          requester: swap.requester,
          recipient: swap.recipient,
          shift_start: new Date(swap.shift.start),
          shift_end: new Date(swap.shift.end),
          return_start: swap.returnShift
            ? new Date(swap.returnShift.start)
            : null,
          return_end: swap.returnShift ? new Date(swap.returnShift.end) : null,
          note: swap.note ?? null,
          state: 'pending',
          created_at: now,
          updated_at: now,
          version: 1,
        });
      },
    );
  }

  async get(id: string, now = new Date()): Promise<SwapRequest | undefined> {
    const row = await withSchedule(this.knex).where('r.id', id).first();
    return row && toSwap(row, now);
  }

  /** Open requests of one person, asked of them or by them, soonest first. */
  async listPending(
    who: { recipient: string } | { requester: string },
    now: Date,
    limit: number,
  ): Promise<SwapRequest[]> {
    const query = withSchedule(this.knex)
      .where('r.state', 'pending')
      .where('r.shift_start', '>', now)
      .where(q =>
        q.whereNull('r.return_start').orWhere('r.return_start', '>', now),
      )
      .orderBy([
        { column: 'r.shift_start', order: 'asc' },
        { column: 'r.id', order: 'asc' },
      ])
      .limit(limit);
    if ('recipient' in who) {
      query.where('r.recipient', who.recipient);
    } else {
      query.where('r.requester', who.requester);
    }
    return (await query).map((row: SwapRow) => toSwap(row, now));
  }

  /** How many open requests someone has asked on a schedule. */
  async countPending(
    scheduleId: string,
    requester: string,
    now: Date,
  ): Promise<number> {
    const [row] = await this.knex('schedule_swap_requests')
      .where({ schedule_id: scheduleId, requester, state: 'pending' })
      .where('shift_start', '>', now)
      .count({ count: '*' });
    return toNumber(row.count);
  }

  /**
   * Moves a pending request to `state` at `version`, as `actor`. For an
   * acceptance, `overridesOf` answers the overrides to add to the current
   * schedule (it may refuse), and they are added in the same transaction.
   */
  async decide(
    id: string,
    options: {
      version: number;
      state: Exclude<SwapState, 'pending' | 'expired'>;
      actor: string;
      overridesOf?: (schedule: ScheduleRecord) => Override[];
    },
  ): Promise<{ swap: SwapRequest; schedule?: ScheduleRecord }> {
    const { version, state, actor, overridesOf } = options;
    return inTransaction(this.knex, async tx => {
      let schedule: ScheduleRecord | undefined;
      const swap = await records.update(
        tx,
        id,
        { actor, expectedVersion: version, action: `schedule-swap.${state}` },
        async (inner, current, now) => {
          if (current.state !== 'pending') {
            throw new ConflictError(
              `This swap request is ${current.state}; it can no longer be answered`,
            );
          }
          if (overridesOf) {
            // The overrides go through the schedule's own versioned writes,
            // in this transaction, so they are recorded as any other.
            const schedules = DatabaseScheduleStore.create({ knex: inner });
            schedule = await schedules.getSchedule(current.scheduleId);
            if (!schedule) {
              throw new ConflictError('The schedule of this swap is gone');
            }
            for (const override of overridesOf(schedule)) {
              schedule = await schedules.addOverride(
                schedule.id,
                schedule.version,
                override,
                actor,
              );
            }
          }
          return { state, decided_at: now, decided_by: actor };
        },
      );
      return { swap, schedule };
    });
  }
}

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  EscalationPolicy,
  Layer,
  Override,
  SCHEDULE_LIMITS,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { toIso, toNumber } from '../database/sql';
import { feedTokenMatches, hashFeedToken, newFeedToken } from './feedTokens';

type Timestamp = Date | number | string;

interface ScheduleRow {
  id: string;
  name: string;
  owner_ref: string;
  definition: string;
  escalation_policy: string | null;
  /** SHA-256 of the feed's secret; the secret itself is never stored. */
  feed_token_sha256: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

interface OverrideRow {
  id: string;
  schedule_id: string;
  user_ref: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string | null;
  created_by: string;
  created_at: Timestamp;
}

interface Definition {
  timeZone: string;
  description?: string;
  layers: Layer[];
}

/**
 * A schedule to store: overrides are instants with an offset; an override
 * with an id keeps it.
 *
 * @internal
 */
export interface NewSchedule {
  id?: string;
  name: string;
  ownerRef: string;
  timeZone: string;
  description?: string;
  layers: Layer[];
  overrides: Array<Override & { id?: string }>;
  escalationPolicy: EscalationPolicy | null;
}

/**
 * An override to add to a schedule.
 *
 * @internal
 */
export interface NewOverride {
  user: string;
  start: string;
  end: string;
  reason?: string;
}

/**
 * On-call schedules and their overrides.
 *
 * @internal
 */
export interface ScheduleStore {
  listSchedules(filter?: {
    ownerRefs?: string[];
    names?: string[];
  }): Promise<ScheduleRecord[]>;
  getSchedule(id: string): Promise<ScheduleRecord | undefined>;
  createSchedule(schedule: NewSchedule, actor: string): Promise<ScheduleRecord>;
  updateSchedule(
    id: string,
    version: number,
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord>;
  addOverride(
    id: string,
    version: number,
    override: NewOverride,
    actor: string,
  ): Promise<ScheduleRecord>;
  removeOverride(
    id: string,
    version: number,
    overrideId: string,
    actor: string,
  ): Promise<ScheduleRecord>;
  /** Whether `token` opens the schedule's feed (false for an unknown one). */
  feedTokenMatches(id: string, token: string): Promise<boolean>;
  /**
   * Replaces the feed secret (the old URL stops working); answers the new
   * one, the only time it is told: only its hash is stored.
   */
  rotateFeedToken(id: string, actor: string): Promise<string>;
  /** Whether `token` opens the user's "my shifts" feed, if they made one. */
  userFeedTokenMatches(userRef: string, token: string): Promise<boolean>;
  /** Makes or replaces a user's "my shifts" feed secret, as above. */
  rotateUserFeedToken(userRef: string): Promise<string>;
}

function toRecord(row: ScheduleRow, overrides: OverrideRow[]): ScheduleRecord {
  const definition: Definition = JSON.parse(row.definition);
  return {
    id: row.id,
    name: row.name,
    ownerRef: row.owner_ref,
    schedule: {
      name: row.name,
      ...(definition.description !== undefined
        ? { description: definition.description }
        : {}),
      timeZone: definition.timeZone,
      layers: definition.layers,
      overrides: overrides.map(o => ({
        id: o.id,
        user: o.user_ref,
        start: toIso(o.starts_at),
        end: toIso(o.ends_at),
        ...(o.reason !== null ? { reason: o.reason } : {}),
      })),
    },
    escalationPolicy: row.escalation_policy
      ? JSON.parse(row.escalation_policy)
      : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
}

function overrideRow(
  scheduleId: string,
  override: NewOverride & { id?: string },
  actor: string,
  now: Date,
): OverrideRow {
  return {
    id: override.id ?? randomUUID(),
    schedule_id: scheduleId,
    user_ref: override.user,
    starts_at: new Date(override.start),
    ends_at: new Date(override.end),
    reason: override.reason ?? null,
    created_by: actor,
    created_at: now,
  };
}

function definitionOf(schedule: NewSchedule): string {
  const definition: Definition = {
    timeZone: schedule.timeZone,
    ...(schedule.description !== undefined
      ? { description: schedule.description }
      : {}),
    layers: schedule.layers,
  };
  return JSON.stringify(definition);
}

/**
 * Makes room for one more override in a full schedule: drops those that
 * ended longest ago (the audit record of the change keeps them); refuses
 * when not enough have ended.
 */
async function makeRoomForOverride(
  tx: Knex.Transaction,
  scheduleId: string,
  count: number,
  now: Date,
) {
  const excess = count - SCHEDULE_LIMITS.overrides + 1;
  if (excess <= 0) {
    return;
  }
  const oldest = await tx<OverrideRow>('schedule_overrides')
    .where({ schedule_id: scheduleId })
    .where('ends_at', '<', now)
    .orderBy([
      { column: 'ends_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(excess)
    .pluck('id');
  if (oldest.length < excess) {
    throw new InputError(
      `Invalid override: a schedule keeps at most ${SCHEDULE_LIMITS.overrides} overrides and too few of this one's have ended; remove some first`,
    );
  }
  await tx('schedule_overrides').whereIn('id', oldest).delete();
}

/**
 * Schedules in the plugin's database (SQLite or PostgreSQL), with optimistic
 * concurrency on `version` and the audit record in the same transaction.
 *
 * @internal
 */
export class DatabaseScheduleStore implements ScheduleStore {
  static create(options: { knex: Knex }): DatabaseScheduleStore {
    return new DatabaseScheduleStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  private async records(
    tx: Knex | Knex.Transaction,
    rows: ScheduleRow[],
  ): Promise<ScheduleRecord[]> {
    if (!rows.length) {
      return [];
    }
    const overrides = await tx<OverrideRow>('schedule_overrides')
      .whereIn(
        'schedule_id',
        rows.map(r => r.id),
      )
      .orderBy([
        { column: 'starts_at', order: 'asc' },
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row =>
      toRecord(
        row,
        overrides.filter(o => o.schedule_id === row.id),
      ),
    );
  }

  private async read(
    tx: Knex | Knex.Transaction,
    id: string,
  ): Promise<ScheduleRecord | undefined> {
    const row = await tx<ScheduleRow>('schedules').where({ id }).first();
    return row ? (await this.records(tx, [row]))[0] : undefined;
  }

  async listSchedules(
    filter: { ownerRefs?: string[]; names?: string[] } = {},
  ): Promise<ScheduleRecord[]> {
    const query = this.knex<ScheduleRow>('schedules').orderBy('name', 'asc');
    if (filter.ownerRefs) {
      query.whereIn('owner_ref', filter.ownerRefs);
    }
    if (filter.names) {
      query.whereIn('name', filter.names);
    }
    return this.records(this.knex, await query);
  }

  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    return this.read(this.knex, id);
  }

  async createSchedule(
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord> {
    const id = schedule.id ?? randomUUID();
    const now = new Date();
    return this.knex.transaction(async tx => {
      const existing = await tx<ScheduleRow>('schedules')
        .where({ id })
        .orWhere({ owner_ref: schedule.ownerRef, name: schedule.name })
        .first('id', 'name');
      if (existing) {
        throw new ConflictError(
          existing.id === id
            ? `Schedule ${id} already exists`
            : `${schedule.ownerRef} already has a schedule named ${schedule.name}`,
        );
      }
      await tx('schedules').insert({
        id,
        name: schedule.name,
        owner_ref: schedule.ownerRef,
        definition: definitionOf(schedule),
        escalation_policy: schedule.escalationPolicy
          ? JSON.stringify(schedule.escalationPolicy)
          : null,
        // A secret nobody is told: the feed opens once it is rotated.
        feed_token_sha256: hashFeedToken(newFeedToken()),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      if (schedule.overrides.length) {
        await tx('schedule_overrides').insert(
          schedule.overrides.map(o => overrideRow(id, o, actor, now)),
        );
      }
      const created = (await this.read(tx, id))!;
      await recordAudit(tx, {
        actor,
        action: 'schedule.create',
        resourceType: 'schedule',
        resourceId: id,
        entityRef: schedule.ownerRef,
        after: created,
        at: now,
      });
      return created;
    });
  }

  /**
   * Runs `change` on the schedule at `version`, bumps the version and
   * records before and after; 404 for an unknown schedule, 409 for a stale
   * version.
   */
  private async change(
    id: string,
    version: number,
    action: string,
    actor: string,
    change: (
      tx: Knex.Transaction,
      current: ScheduleRecord,
      now: Date,
    ) => Promise<Record<string, unknown>>,
  ): Promise<ScheduleRecord> {
    const now = new Date();
    return this.knex.transaction(async tx => {
      const before = await this.read(tx, id);
      if (!before) {
        throw new NotFoundError(`No schedule with id ${id}`);
      }
      if (before.version !== version) {
        throw new ConflictError(
          `Schedule ${id} was changed by someone else (version ${before.version}, not ${version}); reload and try again`,
        );
      }
      const columns = await change(tx, before, now);
      const updated = await tx('schedules')
        .where({ id, version })
        .update({ ...columns, updated_at: now, version: version + 1 });
      if (updated !== 1) {
        throw new ConflictError(
          `Schedule ${id} was changed by someone else; reload and try again`,
        );
      }
      const after = (await this.read(tx, id))!;
      await recordAudit(tx, {
        actor,
        action,
        resourceType: 'schedule',
        resourceId: id,
        entityRef: after.ownerRef,
        before,
        after,
        at: now,
      });
      return after;
    });
  }

  async updateSchedule(
    id: string,
    version: number,
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord> {
    return this.change(
      id,
      version,
      'schedule.update',
      actor,
      async (tx, _current, now) => {
        const clash = await tx<ScheduleRow>('schedules')
          .where({ owner_ref: schedule.ownerRef, name: schedule.name })
          .whereNot({ id })
          .first('id');
        if (clash) {
          throw new ConflictError(
            `${schedule.ownerRef} already has a schedule named ${schedule.name}`,
          );
        }
        await tx('schedule_overrides').where({ schedule_id: id }).delete();
        if (schedule.overrides.length) {
          await tx('schedule_overrides').insert(
            schedule.overrides.map(o => overrideRow(id, o, actor, now)),
          );
        }
        return {
          name: schedule.name,
          owner_ref: schedule.ownerRef,
          definition: definitionOf(schedule),
          escalation_policy: schedule.escalationPolicy
            ? JSON.stringify(schedule.escalationPolicy)
            : null,
        };
      },
    );
  }

  async addOverride(
    id: string,
    version: number,
    override: NewOverride,
    actor: string,
  ): Promise<ScheduleRecord> {
    return this.change(
      id,
      version,
      'schedule.override.add',
      actor,
      async (tx, current, now) => {
        await makeRoomForOverride(
          tx,
          id,
          current.schedule.overrides.length,
          now,
        );
        await tx('schedule_overrides').insert(
          overrideRow(id, override, actor, now),
        );
        return {};
      },
    );
  }

  async removeOverride(
    id: string,
    version: number,
    overrideId: string,
    actor: string,
  ): Promise<ScheduleRecord> {
    return this.change(
      id,
      version,
      'schedule.override.remove',
      actor,
      async tx => {
        const removed = await tx('schedule_overrides')
          .where({ id: overrideId, schedule_id: id })
          .delete();
        if (!removed) {
          throw new NotFoundError(
            `Schedule ${id} has no override with id ${overrideId}`,
          );
        }
        return {};
      },
    );
  }

  async feedTokenMatches(id: string, token: string): Promise<boolean> {
    const row = await this.knex<ScheduleRow>('schedules')
      .where({ id })
      .first('feed_token_sha256');
    return feedTokenMatches(row?.feed_token_sha256, token);
  }

  async rotateFeedToken(id: string, actor: string): Promise<string> {
    const token = newFeedToken();
    const now = new Date();
    await this.knex.transaction(async tx => {
      const row = await tx<ScheduleRow>('schedules')
        .where({ id })
        .first('owner_ref');
      if (!row) {
        throw new NotFoundError(`No schedule with id ${id}`);
      }
      // Not a change of the schedule itself: the version stays, so editors
      // working on it do not get a conflict.
      await tx('schedules')
        .where({ id })
        .update({ feed_token_sha256: hashFeedToken(token) });
      await recordAudit(tx, {
        actor,
        action: 'schedule.feed-token.rotate',
        resourceType: 'schedule',
        resourceId: id,
        entityRef: row.owner_ref,
        // The secret itself never goes into the audit trail.
        after: { feedToken: 'rotated' },
        at: now,
      });
    });
    return token;
  }

  async userFeedTokenMatches(userRef: string, token: string): Promise<boolean> {
    const row = await this.knex('user_feed_tokens')
      .where({ user_ref: userRef })
      .first('token_sha256');
    return feedTokenMatches(row?.token_sha256, token);
  }

  async rotateUserFeedToken(userRef: string): Promise<string> {
    const token = newFeedToken();
    await this.knex.transaction(async tx => {
      await tx('user_feed_tokens')
        .insert({ user_ref: userRef, token_sha256: hashFeedToken(token) })
        .onConflict('user_ref')
        .merge(['token_sha256']);
      await recordAudit(tx, {
        actor: userRef,
        action: 'user.feed-token.rotate',
        resourceType: 'user-feed',
        resourceId: userRef,
        after: { feedToken: 'rotated' },
      });
    });
    return token;
  }
}

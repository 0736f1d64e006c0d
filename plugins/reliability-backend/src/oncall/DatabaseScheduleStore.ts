import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Override,
  SCHEDULE_LIMITS,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { readChangeStamp } from '../database/changeStamps';
import { toIso, toNumber } from '../database/sql';
import {
  staleVersionError,
  VersionedRecords,
} from '../database/versionedRecords';
import {
  deriveFeedToken,
  derivedTokenMatches,
  feedTokenMatches,
  hashFeedToken,
  newFeedToken,
} from './feedTokens';
import {
  OverrideRow,
  overrideRow,
  scheduleColumns,
  ScheduleRow,
  toRecords,
} from './scheduleRows';
import { NewSchedule, ScheduleStore } from './ScheduleStore';

const records = VersionedRecords.create<ScheduleRecord>({
  table: 'schedules',
  thing: 'Schedule',
  resourceType: 'schedule',
  fromRow: async (row, db) => (await toRecords(db, [row]))[0],
  // A schedule belongs to its owner group.
  entityRefOf: record => record.ownerRef,
});

async function insertOverrides(
  tx: Knex.Transaction,
  scheduleId: string,
  overrides: Array<Override & { id?: string }>,
  actor: string,
  now: Date,
) {
  if (overrides.length) {
    await tx('schedule_overrides').insert(
      overrides.map(o => overrideRow(scheduleId, o, actor, now)),
    );
  }
}

/** Refuses a name the owner group gives another of its schedules. */
async function assertNameFree(
  tx: Knex.Transaction,
  schedule: NewSchedule,
  id: string,
) {
  const clash = await tx<ScheduleRow>('schedules')
    .where({ owner_ref: schedule.ownerRef, name: schedule.name })
    .whereNot({ id })
    .first('id');
  if (clash) {
    throw new ConflictError(
      `${schedule.ownerRef} already has a schedule named ${schedule.name}`,
    );
  }
}

/**
 * Makes room for one more override in a full schedule: drops those that
 * ended longest ago (the change history's record of the change keeps them);
 * refuses when not enough have ended.
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
 * Schedules in the plugin's database (SQLite or PostgreSQL). Changes are
 * versioned writes ({@link VersionedRecords}), recorded in the change
 * history in the same transaction.
 *
 * @internal
 */
export class DatabaseScheduleStore implements ScheduleStore {
  /**
   * `feedSecret` is the key feed secrets are derived from; without it the
   * store makes one and keeps it in the database (shared by replicas).
   */
  static create(options: {
    knex: Knex;
    feedSecret?: string;
  }): DatabaseScheduleStore {
    return new DatabaseScheduleStore(options.knex, options.feedSecret);
  }

  private feedKey?: Promise<string>;

  private constructor(
    private readonly knex: Knex,
    private readonly feedSecret?: string,
  ) {}

  private key(): Promise<string> {
    if (this.feedSecret) {
      return Promise.resolve(this.feedSecret);
    }
    this.feedKey ??= (async () => {
      // Two replicas may start at once: the first key stored wins.
      await this.knex('feed_keys')
        .insert({ id: 'default', key: randomBytes(32).toString('hex') })
        .onConflict('id')
        .ignore();
      const row = await this.knex('feed_keys')
        .where({ id: 'default' })
        .first('key');
      return row.key as string;
    })();
    this.feedKey.catch(() => {
      this.feedKey = undefined;
    });
    return this.feedKey;
  }

  private async scheduleToken(id: string, nonce: string): Promise<string> {
    return deriveFeedToken(await this.key(), {
      kind: 'schedule',
      subject: id,
      nonce,
    });
  }

  private async userToken(userRef: string, nonce: string): Promise<string> {
    return deriveFeedToken(await this.key(), {
      kind: 'user',
      subject: userRef,
      nonce,
    });
  }

  async listSchedules(
    filter: {
      ids?: string[];
      ownerRefs?: string[];
      names?: string[];
      after?: { name: string; id: string };
      limit?: number;
    } = {},
  ): Promise<ScheduleRecord[]> {
    const query = this.knex<ScheduleRow>('schedules').orderBy([
      { column: 'name', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.ids) {
      query.whereIn('id', filter.ids);
    }
    if (filter.ownerRefs) {
      query.whereIn('owner_ref', filter.ownerRefs);
    }
    if (filter.names) {
      query.whereIn('name', filter.names);
    }
    const { after, limit } = filter;
    if (after) {
      query.where(q =>
        q
          .where('name', '>', after.name)
          .orWhere(q2 =>
            q2.where('name', after.name).where('id', '>', after.id),
          ),
      );
    }
    if (limit !== undefined) {
      query.limit(limit);
    }
    return toRecords(this.knex, await query);
  }

  async listVersions(): Promise<
    Array<{ id: string; version: number; updatedAt: string }>
  > {
    const rows = await this.knex<ScheduleRow>('schedules')
      .orderBy([
        { column: 'name', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .select('id', 'version', 'updated_at');
    return rows.map(row => ({
      id: row.id,
      version: toNumber(row.version),
      updatedAt: toIso(row.updated_at),
    }));
  }

  async changeStamp(): Promise<number> {
    return readChangeStamp(this.knex, 'schedules');
  }

  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    return records.read(this.knex, id);
  }

  async createSchedule(
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord> {
    const id = schedule.id ?? randomUUID();
    return records.create(this.knex, id, { actor }, async (tx, now) => {
      if (await tx('schedules').where({ id }).first('id')) {
        throw new ConflictError(`Schedule ${id} already exists`);
      }
      await assertNameFree(tx, schedule, id);
      await tx('schedules').insert({
        id,
        ...scheduleColumns(schedule),
        // No secret from before addresses were derived.
        feed_token_sha256: hashFeedToken(newFeedToken()),
        feed_nonce: newFeedToken(),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await insertOverrides(tx, id, schedule.overrides, actor, now);
    });
  }

  async updateSchedule(
    id: string,
    version: number,
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord> {
    const writer = { actor, expectedVersion: version };
    return records.update(this.knex, id, writer, async (tx, _current, now) => {
      await assertNameFree(tx, schedule, id);
      await tx('schedule_overrides').where({ schedule_id: id }).delete();
      await insertOverrides(tx, id, schedule.overrides, actor, now);
      return scheduleColumns(schedule);
    });
  }

  async deleteSchedule(
    id: string,
    version: number,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    await this.knex.transaction(async tx => {
      const before = await records.read(tx, id);
      if (!before) {
        throw new NotFoundError(`No schedule with id ${id}`);
      }
      if (before.version !== version) {
        throw staleVersionError('Schedule', id, version, before.version);
      }
      // Its overrides and feed holders go with it (not every database
      // enforces the foreign keys' cascade).
      await tx('schedule_overrides').where({ schedule_id: id }).delete();
      await tx('schedule_feed_holders').where({ schedule_id: id }).delete();
      await tx('schedules').where({ id }).delete();
      await recordAudit(tx, {
        actor,
        action: 'schedule.delete',
        resourceType: 'schedule',
        resourceId: id,
        entityRef: before.ownerRef,
        before,
        at: now,
      });
    });
  }

  async addOverride(
    id: string,
    version: number,
    override: Override,
    actor: string,
  ): Promise<ScheduleRecord> {
    const writer = {
      actor,
      expectedVersion: version,
      action: 'schedule.override.add',
    };
    return records.update(this.knex, id, writer, async (tx, current, now) => {
      await makeRoomForOverride(tx, id, current.schedule.overrides.length, now);
      await insertOverrides(tx, id, [override], actor, now);
      return {};
    });
  }

  async removeOverride(
    id: string,
    version: number,
    overrideId: string,
    actor: string,
  ): Promise<ScheduleRecord> {
    const writer = {
      actor,
      expectedVersion: version,
      action: 'schedule.override.remove',
    };
    return records.update(this.knex, id, writer, async tx => {
      const removed = await tx('schedule_overrides')
        .where({ id: overrideId, schedule_id: id })
        .delete();
      if (!removed) {
        throw new NotFoundError(
          `Schedule ${id} has no override with id ${overrideId}`,
        );
      }
      return {};
    });
  }

  async feedToken(
    id: string,
    viewer: string,
  ): Promise<{ token: string; holders: string[] }> {
    const now = new Date();
    // Only the first ask makes a nonce; every later one answers the same.
    await this.knex('schedules')
      .where({ id })
      .whereNull('feed_nonce')
      .update({ feed_nonce: newFeedToken() });
    const row = await this.knex<ScheduleRow>('schedules')
      .where({ id })
      .first('feed_nonce');
    if (!row?.feed_nonce) {
      throw new NotFoundError(`No schedule with id ${id}`);
    }
    await this.knex('schedule_feed_holders')
      .insert({ schedule_id: id, user_ref: viewer, first_seen_at: now })
      .onConflict(['schedule_id', 'user_ref'])
      .ignore();
    const holders: string[] = await this.knex('schedule_feed_holders')
      .where({ schedule_id: id })
      .orderBy([
        { column: 'first_seen_at', order: 'asc' },
        { column: 'user_ref', order: 'asc' },
      ])
      .pluck('user_ref');
    return { token: await this.scheduleToken(id, row.feed_nonce), holders };
  }

  async feedTokenMatches(id: string, token: string): Promise<boolean> {
    const row = await this.knex<ScheduleRow>('schedules')
      .where({ id })
      .first('feed_token_sha256', 'feed_nonce');
    if (!row) {
      return false;
    }
    if (
      row.feed_nonce &&
      derivedTokenMatches(await this.scheduleToken(id, row.feed_nonce), token)
    ) {
      return true;
    }
    // A secret handed out before addresses were derived, until rotated.
    return feedTokenMatches(row.feed_token_sha256, token);
  }

  async rotateFeedToken(id: string, actor: string): Promise<string> {
    const nonce = newFeedToken();
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
        .update({
          feed_nonce: nonce,
          // An older secret, if any, stops too.
          feed_token_sha256: hashFeedToken(newFeedToken()),
        });
      // Nobody holds the new address but whoever made it.
      await tx('schedule_feed_holders').where({ schedule_id: id }).delete();
      await tx('schedule_feed_holders').insert({
        schedule_id: id,
        user_ref: actor,
        first_seen_at: now,
      });
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
    return this.scheduleToken(id, nonce);
  }

  async userFeedToken(userRef: string): Promise<string> {
    await this.knex('user_feed_tokens')
      .insert({
        user_ref: userRef,
        nonce: newFeedToken(),
        // No secret from before addresses were derived.
        token_sha256: hashFeedToken(newFeedToken()),
      })
      .onConflict('user_ref')
      .ignore();
    await this.knex('user_feed_tokens')
      .where({ user_ref: userRef })
      .whereNull('nonce')
      .update({ nonce: newFeedToken() });
    const row = await this.knex('user_feed_tokens')
      .where({ user_ref: userRef })
      .first('nonce');
    return this.userToken(userRef, row.nonce);
  }

  async userFeedTokenMatches(userRef: string, token: string): Promise<boolean> {
    const row = await this.knex('user_feed_tokens')
      .where({ user_ref: userRef })
      .first('token_sha256', 'nonce');
    if (!row) {
      return false;
    }
    if (
      row.nonce &&
      derivedTokenMatches(await this.userToken(userRef, row.nonce), token)
    ) {
      return true;
    }
    return feedTokenMatches(row.token_sha256, token);
  }

  async rotateUserFeedToken(userRef: string): Promise<string> {
    const nonce = newFeedToken();
    await this.knex.transaction(async tx => {
      await tx('user_feed_tokens')
        .insert({
          user_ref: userRef,
          nonce,
          token_sha256: hashFeedToken(newFeedToken()),
        })
        .onConflict('user_ref')
        .merge(['nonce', 'token_sha256']);
      await recordAudit(tx, {
        actor: userRef,
        action: 'user.feed-token.rotate',
        resourceType: 'user-feed',
        resourceId: userRef,
        after: { feedToken: 'rotated' },
      });
    });
    return this.userToken(userRef, nonce);
  }
}

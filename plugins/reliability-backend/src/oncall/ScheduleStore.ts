import {
  Override,
  Schedule,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';

/**
 * A schedule to store: its rotation beside its name and owner, overrides as
 * instants with an offset; an override with an id keeps it.
 *
 * @internal
 */
export type NewSchedule = Pick<
  ScheduleRecord,
  'name' | 'ownerRef' | 'escalationPolicy'
> &
  Omit<Schedule, 'name' | 'overrides'> & {
    id?: string;
    overrides: Array<Override & { id?: string }>;
  };

/**
 * On-call schedules and their overrides. Changes are made against the
 * version their writer saw: NotFoundError for an unknown schedule,
 * ConflictError for a stale version.
 *
 * @internal
 */
export interface ScheduleStore {
  /**
   * Schedules by name (then id), with their overrides; at most `limit` of
   * them, those after `after` in that order.
   */
  listSchedules(filter?: {
    ids?: string[];
    ownerRefs?: string[];
    names?: string[];
    after?: { name: string; id: string };
    limit?: number;
  }): Promise<ScheduleRecord[]>;
  /**
   * Changes whenever a schedule or one of its overrides is created,
   * changed or deleted, by any backend instance: cheap to ask on every
   * request, so that what is remembered of the stored schedules is read
   * again only when they changed.
   */
  changeStamp(): Promise<number>;
  /**
   * Every schedule's id, version and last change, in the order of
   * `listSchedules`: what tells which schedules changed since they were
   * read.
   */
  listVersions(): Promise<
    Array<{ id: string; version: number; updatedAt: string }>
  >;
  getSchedule(id: string): Promise<ScheduleRecord | undefined>;
  createSchedule(schedule: NewSchedule, actor: string): Promise<ScheduleRecord>;
  updateSchedule(
    id: string,
    version: number,
    schedule: NewSchedule,
    actor: string,
  ): Promise<ScheduleRecord>;
  /** Deletes a schedule with its overrides, recording what it was. */
  deleteSchedule(id: string, version: number, actor: string): Promise<void>;
  addOverride(
    id: string,
    version: number,
    override: Override,
    actor: string,
  ): Promise<ScheduleRecord>;
  removeOverride(
    id: string,
    version: number,
    overrideId: string,
    actor: string,
  ): Promise<ScheduleRecord>;
  /**
   * The schedule feed's current secret, made on the first ask and the same on
   * every later one, and who has been shown it (`viewer` now among them),
   * first first.
   */
  feedToken(
    id: string,
    viewer: string,
  ): Promise<{ token: string; holders: string[] }>;
  /** Whether `token` opens the schedule's feed (false for an unknown one). */
  feedTokenMatches(id: string, token: string): Promise<boolean>;
  /**
   * Replaces the feed secret (the old URL stops working, and nobody but
   * `actor` holds the new one); answers the new one.
   */
  rotateFeedToken(id: string, actor: string): Promise<string>;
  /** The user's "my shifts" feed secret, made on the first ask. */
  userFeedToken(userRef: string): Promise<string>;
  /** Whether `token` opens the user's "my shifts" feed, if they made one. */
  userFeedTokenMatches(userRef: string, token: string): Promise<boolean>;
  /** Makes or replaces a user's "my shifts" feed secret, as above. */
  rotateUserFeedToken(userRef: string): Promise<string>;
}

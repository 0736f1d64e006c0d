import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ONCALL_SCHEDULE,
  finalSchedule,
  onCallAt,
  OnCallNow,
  Schedule,
  ScheduleLimitError,
  ScheduleOnCall,
  ScheduleRecord,
  Shift,
} from '@reliability-hub/plugin-reliability-common';
import { AnswerCache } from '../caching/AnswerCache';
import { yieldToLoop } from '../database/yieldToLoop';
import { OnCallCache } from './OnCallCache';
import { directOwnersOf, scheduleOwnersOf } from './scheduleOwners';
import { ScheduleStore } from './ScheduleStore';
import { ScheduleSnapshot, StoredSchedules } from './StoredSchedules';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest range `GET /schedules/:id/final` expands. */
export const MAX_FINAL_RANGE_DAYS = 93;

/** How far ahead the "next" shift is looked for. */
const NEXT_HORIZON_MS = 93 * DAY_MS;

/**
 * The schedule the rotation math works on, from a stored record.
 *
 * @internal
 */
export function scheduleOf(record: ScheduleRecord): Schedule {
  return record.schedule;
}

/**
 * How long the answer for every schedule is kept at most: exactly until the
 * first hand-off in it, but a shift longer than `onCallAt` looks (cut 400
 * days from the instant) or a gap without a next shift within 93 days has
 * no end to wait for.
 */
const MAX_ANSWER_AGE_MS = 60_000;

/**
 * How long the answer for every schedule is computed before other requests
 * get a turn: at a hand-off shared by many schedules, every one of them is
 * computed again.
 */
const SLICE_MS = 5;

/**
 * Who is on call, with the owners of the schedules its escalation levels
 * name, for {@link visibleOnCall} to tell which levels reach a team the
 * caller may not see.
 *
 * @internal
 */
export interface OnCallAnswer {
  onCall: OnCallNow;
  /** Of each schedule name an escalation level names, its owner groups. */
  targetOwners: ReadonlyMap<string, readonly string[]>;
}

/** How many schedules `reliability-hub.io/oncall-schedule` may name. */
const MAX_ANNOTATED_SCHEDULES = 10;

const normalise = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Who is on call: schedules of entities, now and next, escalation chains,
 * final schedules over a range.
 *
 * @internal
 */
export class ScheduleService {
  static create(options: {
    store: ScheduleStore;
    catalog: CatalogService;
    auth: AuthService;
  }) {
    return new ScheduleService(options);
  }

  private constructor(
    private readonly options: {
      store: ScheduleStore;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {
    this.stored = new StoredSchedules(options.store);
  }

  private readonly answers = new OnCallCache();
  private readonly stored: StoredSchedules;
  /**
   * Who is on call in every schedule, shared by the requests that ask it
   * until the first hand-off in it or until the schedules change (its key
   * is the schedules' change stamp).
   */
  private readonly everyone = new AnswerCache<{
    answer: OnCallAnswer;
    until: number;
  }>({
    ttlMs: MAX_ANSWER_AGE_MS,
    maxEntries: 1,
    holdsUntil: answer => answer.until,
  });

  /** The shifts of `record` over `[from, to)`; at most 93 days. */
  finalOf(record: ScheduleRecord, from: Date, to: Date): Shift[] {
    if (to.getTime() <= from.getTime()) {
      throw new InputError('Invalid range: to must be after from');
    }
    if (to.getTime() - from.getTime() > MAX_FINAL_RANGE_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid range: at most ${MAX_FINAL_RANGE_DAYS} days at a time`,
      );
    }
    try {
      return finalSchedule(scheduleOf(record), {
        start: from.toISOString(),
        end: to.toISOString(),
      });
    } catch (error) {
      if (error instanceof ScheduleLimitError) {
        throw new InputError(
          `Schedule ${record.name} cannot be computed: ${problemOf(error)}`,
        );
      }
      throw error;
    }
  }

  /**
   * The shifts of one user across every schedule over `[from, to)`, in
   * order; schedules that cannot be computed are left out.
   */
  async shiftsOfUser(
    userRef: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ record: ScheduleRecord; shift: Shift }>> {
    return (await this.stored.current()).all
      .flatMap(record =>
        (computed(() => this.finalOf(record, from, to)) ?? [])
          .filter(shift => shift.user === userRef)
          .map(shift => ({ record, shift })),
      )
      .sort((a, b) => a.shift.start.localeCompare(b.shift.start));
  }

  /**
   * The schedules of an entity: those its `reliability-hub.io/oncall-schedule`
   * annotation names (comma-separated), else those of its owner group(s); for
   * a group, its own. Unknown entities have none.
   *
   * A name means a schedule of the entity's own team: of its owner, of a
   * group an owning user belongs to, or of a group above those, nearest
   * first (see {@link scheduleOwnersOf}); never another team's schedule of
   * the same name. A name no such schedule has is a problem to show.
   *
   * Pass `entity` when the request has read it already: the catalog is not
   * asked for it again.
   */
  async schedulesOfEntity(
    entityRef: string,
    known?: Entity,
  ): Promise<{ schedules: ScheduleRecord[]; problems: string[] }> {
    return this.schedulesOf(entityRef, known, await this.stored.current());
  }

  private async schedulesOf(
    entityRef: string,
    known: Entity | undefined,
    stored: ScheduleSnapshot,
  ): Promise<{ schedules: ScheduleRecord[]; problems: string[] }> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity =
      known ??
      (await this.options.catalog.getEntityByRef(entityRef, {
        credentials,
      }));
    if (!entity) {
      return { schedules: [], problems: [] };
    }
    const annotation =
      entity.metadata.annotations?.[ANNOTATION_ONCALL_SCHEDULE];
    const names = [
      ...new Set(
        (annotation ?? '')
          .split(',')
          .map(name => name.trim())
          .filter(Boolean),
      ),
    ];
    if (names.length) {
      const owners = await scheduleOwnersOf(
        entity,
        this.options.catalog,
        credentials,
      );
      return this.schedulesNamed(names, owners, stored);
    }
    const owners =
      entity.kind.toLocaleLowerCase('en-US') === 'group'
        ? [normalise(stringifyEntityRef(entity))]
        : directOwnersOf(entity).filter(ref => ref.startsWith('group:'));
    return {
      schedules: owners.length ? stored.list({ ownerRefs: owners }) : [],
      problems: [],
    };
  }

  /** The schedules `names` mean among those of `owners` (nearest first). */
  private schedulesNamed(
    names: string[],
    owners: string[],
    stored: ScheduleSnapshot,
  ): { schedules: ScheduleRecord[]; problems: string[] } {
    const problems: string[] = [];
    if (names.length > MAX_ANNOTATED_SCHEDULES) {
      problems.push(
        `${ANNOTATION_ONCALL_SCHEDULE} names ${names.length} schedules; only the first ${MAX_ANNOTATED_SCHEDULES} are shown`,
      );
    }
    const wanted = names.slice(0, MAX_ANNOTATED_SCHEDULES);
    const found = owners.length
      ? stored.list({ names: wanted, ownerRefs: owners })
      : [];
    const schedules: ScheduleRecord[] = [];
    for (const name of wanted) {
      const nearest = owners
        .map(owner => found.find(s => s.name === name && s.ownerRef === owner))
        .find(Boolean);
      if (nearest) {
        schedules.push(nearest);
      } else {
        problems.push(
          `No schedule named ${JSON.stringify(name.slice(0, 255))} belongs to ${
            owners[0] ?? 'the owner'
          } or a group it belongs to or is part of`,
        );
      }
    }
    return { schedules, problems };
  }

  /**
   * Who is on call for the entity, or for the schedules of these names (of
   * whichever teams have one), or without either for every schedule, at `at`.
   */
  async onCallNow(options: {
    entityRef?: string;
    /** The entity of `entityRef`, when the request has read it already. */
    entity?: Entity;
    scheduleNames?: string[];
    at?: Date;
  }): Promise<OnCallNow> {
    return (await this.onCallAnswer(options)).onCall;
  }

  /**
   * {@link ScheduleService.onCallNow}, with the owners of the schedules
   * its escalation levels name. The answer for every schedule now is
   * shared by every request until the first hand-off in it (at most a
   * minute) or until a schedule is written: its `schedules` are the same
   * objects for each of them, which must not be modified.
   */
  async onCallAnswer(options: {
    entityRef?: string;
    entity?: Entity;
    scheduleNames?: string[];
    at?: Date;
  }): Promise<OnCallAnswer> {
    const stored = await this.stored.current();
    if (options.entityRef) {
      const at = options.at ?? new Date();
      const { schedules, problems } = await this.schedulesOf(
        options.entityRef,
        options.entity,
        stored,
      );
      return (await this.compute(schedules, stored, at, problems)).answer;
    }
    if (options.scheduleNames || options.at) {
      const schedules = stored.list(
        options.scheduleNames ? { names: options.scheduleNames } : undefined,
      );
      const at = options.at ?? new Date();
      return (await this.compute(schedules, stored, at, [])).answer;
    }
    return this.everyoneNow(stored);
  }

  /** Who is on call in every schedule now, computed once per hand-off. */
  private async everyoneNow(stored: ScheduleSnapshot): Promise<OnCallAnswer> {
    const at = new Date();
    const { answer } = await this.everyone.get(String(stored.stamp), () =>
      this.compute(stored.all, stored, at, []),
    );
    // The shared answer may have been computed for an instant a request
    // earlier.
    return { ...answer, onCall: { ...answer.onCall, at: at.toISOString() } };
  }

  /**
   * Who is on call in `schedules` at `at`, and until when that answer
   * holds: the first hand-off in it, at most a minute later. Gives other
   * requests a turn every few milliseconds.
   */
  private async compute(
    schedules: readonly ScheduleRecord[],
    stored: ScheduleSnapshot,
    at: Date,
    problems: string[],
  ): Promise<{ answer: OnCallAnswer; until: number }> {
    const targets = new Set(
      schedules.flatMap(s =>
        (s.escalationPolicy?.levels ?? []).flatMap(level =>
          'schedule' in level.target ? [level.target.schedule] : [],
        ),
      ),
    );
    const candidates = targets.size ? stored.list({ names: [...targets] }) : [];
    const targetOwners = new Map<string, string[]>();
    for (const candidate of candidates) {
      targetOwners.set(candidate.name, [
        ...(targetOwners.get(candidate.name) ?? []),
        candidate.ownerRef,
      ]);
    }
    // A level names a schedule of its own team first, else the only one of
    // that name; when several other teams have one, it reaches nobody.
    const target = (from: ScheduleRecord, name: string) => {
      const named = candidates.filter(s => s.name === name);
      return (
        named.find(s => s.ownerRef === from.ownerRef) ??
        (named.length === 1 ? named[0] : undefined)
      );
    };
    let until = at.getTime() + MAX_ANSWER_AGE_MS;
    // Each schedule is computed once, however many chains name it.
    const shifts = new Map<string, Shift | undefined>();
    const currentOf = (record: ScheduleRecord) => {
      if (!shifts.has(record.id)) {
        const current = this.answers.current(record, at, () =>
          onCallAt(scheduleOf(record), at.toISOString()),
        );
        shifts.set(record.id, current);
        if (current) {
          until = Math.min(until, Date.parse(current.end));
        }
      }
      return shifts.get(record.id);
    };
    const answered: ScheduleOnCall[] = [];
    let slice = performance.now();
    for (const record of schedules) {
      const onCall = this.onCallOf(record, at, target, currentOf);
      if (!onCall.current && onCall.next) {
        // In a gap, the answer holds until the next shift starts.
        until = Math.min(until, Date.parse(onCall.next.start));
      }
      answered.push(onCall);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
    return {
      answer: {
        onCall: {
          at: at.toISOString(),
          schedules: answered,
          ...(problems.length ? { problems } : {}),
        },
        targetOwners,
      },
      until,
    };
  }

  /**
   * Who is on call for one schedule at `at`; levels resolved by `target`. A
   * schedule that cannot be computed (one stored beyond the limits) answers
   * its problem instead, and a level naming it reaches nobody.
   */
  onCallOf(
    record: ScheduleRecord,
    at: Date,
    target: (from: ScheduleRecord, name: string) => ScheduleRecord | undefined,
    currentOf: (record: ScheduleRecord) => Shift | undefined,
  ): ScheduleOnCall {
    const base = {
      scheduleId: record.id,
      name: record.name,
      ownerRef: record.ownerRef,
      timeZone: record.schedule.timeZone,
    };
    const escalation = (record.escalationPolicy?.levels ?? []).map(level => {
      if ('user' in level.target) {
        return { delayMinutes: level.delayMinutes, user: level.target.user };
      }
      const named = target(record, level.target.schedule);
      return {
        delayMinutes: level.delayMinutes,
        schedule: level.target.schedule,
        user: (named && computed(() => currentOf(named))?.user) ?? null,
      };
    });
    try {
      const current = currentOf(record) ?? null;
      return {
        ...base,
        current,
        next: this.answers.next(record, at, current ?? undefined, () =>
          nextAfter(scheduleOf(record), current, at),
        ),
        escalation,
      };
    } catch (error) {
      return {
        ...base,
        current: null,
        next: null,
        escalation,
        problem: problemOf(error),
      };
    }
  }
}

/** What went wrong computing a schedule, as the card shows it. */
function problemOf(error: unknown): string {
  if (error instanceof ScheduleLimitError) {
    return `${error.message}. Edit the schedule to bring it within the limits.`;
  }
  return `This schedule cannot be computed: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

/** The result of `compute`, or undefined when the schedule cannot be computed. */
function computed<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

/**
 * The shift after `current` (another person, or after a gap) within 93 days,
 * looking a week ahead first: most schedules hand off within it.
 */
function nextAfter(
  schedule: Schedule,
  current: Shift | null,
  at: Date,
): Shift | null {
  const from = current ? Date.parse(current.end) : at.getTime();
  for (const horizon of [8 * DAY_MS, NEXT_HORIZON_MS]) {
    const end = new Date(from + horizon).toISOString();
    const next = finalSchedule(schedule, {
      start: new Date(from).toISOString(),
      end,
    }).find(
      shift =>
        !current || shift.user !== current.user || shift.start !== current.end,
    );
    // A shift cut at the first horizon may go on: look further.
    if (next && (next.end !== end || horizon === NEXT_HORIZON_MS)) {
      return next;
    }
  }
  return null;
}

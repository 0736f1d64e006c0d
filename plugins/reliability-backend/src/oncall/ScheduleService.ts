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
import { OnCallCache } from './OnCallCache';
import { directOwnersOf, scheduleOwnersOf } from './scheduleOwners';
import { ScheduleStore } from './ScheduleStore';

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
  ) {}

  private readonly answers = new OnCallCache();

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
    return (await this.options.store.listSchedules())
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
      return this.schedulesNamed(
        names,
        await scheduleOwnersOf(entity, this.options.catalog, credentials),
      );
    }
    const owners =
      entity.kind.toLocaleLowerCase('en-US') === 'group'
        ? [normalise(stringifyEntityRef(entity))]
        : directOwnersOf(entity).filter(ref => ref.startsWith('group:'));
    return {
      schedules: owners.length
        ? await this.options.store.listSchedules({ ownerRefs: owners })
        : [],
      problems: [],
    };
  }

  /** The schedules `names` mean among those of `owners` (nearest first). */
  private async schedulesNamed(
    names: string[],
    owners: string[],
  ): Promise<{ schedules: ScheduleRecord[]; problems: string[] }> {
    const problems: string[] = [];
    if (names.length > MAX_ANNOTATED_SCHEDULES) {
      problems.push(
        `${ANNOTATION_ONCALL_SCHEDULE} names ${names.length} schedules; only the first ${MAX_ANNOTATED_SCHEDULES} are shown`,
      );
    }
    const wanted = names.slice(0, MAX_ANNOTATED_SCHEDULES);
    const found = owners.length
      ? await this.options.store.listSchedules({
          names: wanted,
          ownerRefs: owners,
        })
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
    const at = options.at ?? new Date();
    const { schedules, problems } = options.entityRef
      ? await this.schedulesOfEntity(options.entityRef, options.entity)
      : {
          schedules: await this.options.store.listSchedules(
            options.scheduleNames
              ? { names: options.scheduleNames }
              : undefined,
          ),
          problems: [],
        };
    const targets = new Set(
      schedules.flatMap(s =>
        (s.escalationPolicy?.levels ?? []).flatMap(level =>
          'schedule' in level.target ? [level.target.schedule] : [],
        ),
      ),
    );
    const candidates = targets.size
      ? await this.options.store.listSchedules({ names: [...targets] })
      : [];
    // A level names a schedule of its own team first, else the only one of
    // that name; when several other teams have one, it reaches nobody.
    const target = (from: ScheduleRecord, name: string) => {
      const named = candidates.filter(s => s.name === name);
      return (
        named.find(s => s.ownerRef === from.ownerRef) ??
        (named.length === 1 ? named[0] : undefined)
      );
    };
    // Each schedule is computed once, however many chains name it.
    const shifts = new Map<string, Shift | undefined>();
    const currentOf = (record: ScheduleRecord) => {
      if (!shifts.has(record.id)) {
        shifts.set(
          record.id,
          this.answers.current(record, at, () =>
            onCallAt(scheduleOf(record), at.toISOString()),
          ),
        );
      }
      return shifts.get(record.id);
    };
    return {
      at: at.toISOString(),
      schedules: schedules.map(s => this.onCallOf(s, at, target, currentOf)),
      ...(problems.length ? { problems } : {}),
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

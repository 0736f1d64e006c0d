import {
  ScheduleRecord,
  Shift,
} from '@reliability-hub/plugin-reliability-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far from the asked instant a remembered shift may end: `onCallAt`
 * finds a shift's true ends up to 400 days either side and cuts it there,
 * so the answer for a longer shift depends on the instant asked.
 */
const EXACT_WITHIN_MS = 400 * DAY_MS;

interface Entry {
  /** The stored schedule the answer is for; any write changes it. */
  version: string;
  /** The answer holds for instants in `[from, until)`. */
  from: number;
  until: number;
  current: Shift | undefined;
  /** Not yet computed when undefined. */
  next?: Shift | null;
}

/**
 * Who is on call in each schedule, remembered until the next hand-off.
 *
 * Every entity page, calendar poll and `GET /oncall` asks who is on call
 * now, and the answer only changes at a hand-off or when the schedule is
 * written: the shift covering an instant covers every instant up to its end,
 * and the one after it does not depend on the instant either. So each
 * schedule's answer is computed once per shift. Each answer belongs to the
 * schedule's stored version (every write, on any backend instance, makes a
 * new one), so a write is seen by the next request with nothing to clear.
 * Bounded: at most `maxSchedules` answers, the oldest dropped first.
 *
 * @internal
 */
export class OnCallCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxSchedules = 10_000) {}

  /** The shift covering `at`, from `compute` unless remembered. */
  current(
    record: ScheduleRecord,
    at: Date,
    compute: () => Shift | undefined,
  ): Shift | undefined {
    const remembered = this.entryAt(record, at);
    if (remembered) {
      return remembered.current;
    }
    const current = compute();
    const ms = at.getTime();
    const entry: Entry = {
      version: versionOf(record),
      from: current ? Date.parse(current.start) : ms,
      // In a gap the answer holds until the next shift starts: known once
      // `next` has been asked for.
      until: current ? Date.parse(current.end) : ms,
      current,
    };
    if (
      current &&
      (entry.until - ms >= EXACT_WITHIN_MS ||
        ms - entry.from >= EXACT_WITHIN_MS)
    ) {
      return current;
    }
    this.remember(record.id, entry);
    return current;
  }

  /**
   * The shift after `current` (the answer of {@link OnCallCache.current} for
   * the same `at`), from `compute` unless remembered.
   */
  next(
    record: ScheduleRecord,
    at: Date,
    current: Shift | undefined,
    compute: () => Shift | null,
  ): Shift | null {
    const entry = this.entries.get(record.id);
    const ms = at.getTime();
    const mine =
      entry &&
      entry.version === versionOf(record) &&
      entry.current === current &&
      entry.from <= ms;
    if (mine && entry.next !== undefined && ms < entry.until) {
      return entry.next;
    }
    const next = compute();
    if (mine) {
      entry.next = next;
      if (!current) {
        // Nothing within the horizon: a later instant may see further.
        entry.until = next ? Date.parse(next.start) : ms;
      }
    }
    return next;
  }

  private entryAt(record: ScheduleRecord, at: Date): Entry | undefined {
    const entry = this.entries.get(record.id);
    const ms = at.getTime();
    if (
      entry &&
      entry.version === versionOf(record) &&
      entry.from <= ms &&
      ms < entry.until
    ) {
      return entry;
    }
    return undefined;
  }

  private remember(id: string, entry: Entry) {
    this.entries.delete(id);
    if (this.entries.size >= this.maxSchedules) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(id, entry);
  }
}

function versionOf(record: ScheduleRecord): string {
  return `${record.version} ${record.updatedAt}`;
}

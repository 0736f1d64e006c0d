/* eslint-disable */
// The rotation math as it was before it was rewritten for speed, kept only
// as the oracle the property test compares the fast implementation with.
// One change: strings without an offset (a layer's start, an override) are
// read as RFC 5545 §3.3.5 says, with an implementation of its own
// (`parseInstantOrNaN` below) rather than luxon's default, which depends on
// the offset the zone has on the day the code runs.
import { DateTime, IANAZone } from 'luxon';
import { Layer, Schedule, Shift, TimeRange, Restriction } from '../types';
import { assertWithinLimits } from '../limits';

// ---- time.ts ----

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of `HH:mm` (or `24:00`), or undefined. */
function parseTimeOfDay(
  value: unknown,
  allowEndOfDay = false,
): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  if (allowEndOfDay && value === '24:00') {
    return 24 * 60;
  }
  const match = HH_MM.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * Epoch milliseconds of an ISO date or date-time; strings without an offset
 * are read in `zone`. NaN when unparseable.
 */
function parseInstantOrNaN(value: unknown, zone: string): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  const parsed = DateTime.fromISO(value, { zone, setZone: true });
  if (!parsed.isValid) {
    return NaN;
  }
  if (parsed.zone.type !== 'iana') {
    return parsed.toMillis();
  }
  // The wall-clock time as if it were UTC, and the offsets the zone has
  // within two days of it (instants showing it lie within 14 h, and the
  // zones' transitions are days apart): the instants showing that time are
  // those of the offsets that hold at their own instant; the first of them
  // wins. None (a gap): read with the offset in force before the gap.
  const local = Date.UTC(
    parsed.year,
    parsed.month - 1,
    parsed.day,
    parsed.hour,
    parsed.minute,
    parsed.second,
    parsed.millisecond,
  );
  const rules = IANAZone.create(zone);
  const offsets = new Set<number>();
  for (const h of [-48, -24, -14, -7, 0, 7, 14, 24, 48]) {
    offsets.add(rules.offset(local + h * HOUR_MS));
  }
  const shown = [...offsets]
    .map(offset => local - offset * 60_000)
    .filter(ms => local - rules.offset(ms) * 60_000 === ms);
  if (shown.length) {
    return Math.min(...shown);
  }
  const earliest = local - Math.max(...offsets) * 60_000;
  return local - rules.offset(earliest) * 60_000;
}

/** Like {@link parseInstantOrNaN} but throws on bad input. */
function parseInstant(value: string, zone: string): number {
  const ms = parseInstantOrNaN(value, zone);
  if (Number.isNaN(ms)) {
    throw new Error(`Not an ISO date-time in ${zone}: ${value}`);
  }
  return ms;
}

/** What `Date.prototype.toISOString` writes, the form instants are stored in. */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Like {@link parseInstant}, fast for instants in their stored form (what
 * `toISOString` writes), which need no zone rules.
 */
function parseStoredInstant(value: string, zone: string): number {
  if (STORED_INSTANT.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === value) {
      return ms;
    }
  }
  return parseInstant(value, zone);
}

/** ISO string in UTC with milliseconds, like `Date.prototype.toISOString`. */
function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds per day of 24 hours. */
const DAY_MS = 86_400_000;

/**
 * A calendar date without a zone, as the number of days since 1970-01-01,
 * so that day arithmetic is plain arithmetic, free of daylight-saving
 * effects.
 */
type LocalDay = number;

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day. */
function weekdayOf(day: LocalDay): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Milliseconds per hour. */
const HOUR_MS = 3_600_000;

// ---- zoneClock.ts ----

const MINUTE_MS = 60_000;

/** Offsets and transitions remembered, across all zones, before starting over. */
const MAX_CACHED = 200_000;
let cached = 0;
const clocks = new Map<string, ZoneClock>();

/** A change of offset: `before` until just before `at`, `after` from `at`. */
interface Transition {
  at: number;
  before: number;
  after: number;
}

/**
 * Wall-clock times of one IANA zone, fast and the same on every machine.
 *
 * Asking a zone for its offset costs microseconds (luxon asks `Intl`), and
 * the rotation math needs a wall-clock time for every hand-off and for every
 * restriction window on every day. So the offset is looked up once per
 * local day and remembered (for all computations, up to a bound): a day is
 * "plain" when the offset is the same one day before it, at its start and
 * one and two days after, and then every wall-clock time of the day is the
 * local time minus that offset. Near a transition its instant is found once
 * (a binary search on the offset) and the local time resolved as RFC 5545
 * §3.3.5 and Temporal's `compatible` do: a time that occurs twice means its
 * first occurrence, one that does not occur is read with the offset before
 * the gap (so it moves forward by the gap). This relies on a zone never
 * changing its offset twice within a day (in the time zone database the
 * closest transitions are 7 days apart).
 */
class ZoneClock {
  /** One shared clock per zone, so offsets are looked up once. */
  static of(zone: string): ZoneClock {
    let clock = clocks.get(zone);
    if (!clock) {
      if (!IANAZone.isValidZone(zone)) {
        throw new Error(`Unknown time zone: ${zone}`);
      }
      // Zone names are case-insensitive: bound what spellings can fill.
      if (clocks.size >= 2_000) {
        clocks.clear();
        cached = 0;
      }
      clock = new ZoneClock(zone);
      clocks.set(zone, clock);
    }
    return clock;
  }

  private readonly rules: IANAZone;
  /** Offset in minutes at the instant `day * DAY_MS`, by day. */
  private readonly offsets = new Map<LocalDay, number>();
  /** The transition between the instants `day * DAY_MS` and the next day's. */
  private readonly transitions = new Map<LocalDay, Transition>();
  /** See {@link ZoneClock.dayRules}. */
  private readonly days = new Map<LocalDay, number | Transition[]>();

  private constructor(readonly zone: string) {
    this.rules = IANAZone.create(zone);
  }

  private remember() {
    if (++cached > MAX_CACHED) {
      for (const clock of clocks.values()) {
        clock.offsets.clear();
        clock.transitions.clear();
        clock.days.clear();
      }
      cached = 1;
    }
  }

  private probe(day: LocalDay): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      this.remember();
      offset = this.rules.offset(day * DAY_MS);
      this.offsets.set(day, offset);
    }
    return offset;
  }

  /** The transition after the instant `day * DAY_MS`, within a day. */
  private transitionAfter(day: LocalDay): Transition {
    let transition = this.transitions.get(day);
    if (!transition) {
      this.remember();
      const before = this.probe(day);
      // The last instant with the old offset, to the second.
      let low = day * DAY_MS;
      let high = low + DAY_MS;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (this.rules.offset(middle) === before) {
          low = middle;
        } else {
          high = middle;
        }
      }
      transition = { at: high, before, after: this.probe(day + 1) };
      this.transitions.set(day, transition);
    }
    return transition;
  }

  /**
   * The offset of every instant that can show a time of local `day`, or the
   * transitions among them (offsets are within ±14 h, so such instants lie
   * within a day of `day * DAY_MS`).
   */
  private dayRules(day: LocalDay): number | Transition[] {
    let rules = this.days.get(day);
    if (rules === undefined) {
      this.remember();
      const transitions: Transition[] = [];
      for (let d = day - 1; d <= day + 1; d++) {
        if (this.probe(d) !== this.probe(d + 1)) {
          transitions.push(this.transitionAfter(d));
        }
      }
      rules = transitions.length ? transitions : this.probe(day);
      this.days.set(day, rules);
    }
    return rules;
  }

  /**
   * The instant at which the wall clock shows `minutes` after midnight on
   * `day` (1440 is the next midnight).
   */
  at(day: LocalDay, minutes: number): number {
    const whole = day + Math.floor(minutes / 1440);
    const local = whole * DAY_MS + (minutes - (whole - day) * 1440) * MINUTE_MS;
    const rules = this.dayRules(whole);
    if (typeof rules === 'number') {
      return local - rules * MINUTE_MS;
    }
    // Each span between transitions has one offset; the instants that show
    // `local` are those where `local - offset` falls in its own span.
    let first = NaN;
    for (let i = 0; i <= rules.length; i++) {
      const offset = i < rules.length ? rules[i].before : rules[i - 1].after;
      const candidate = local - offset * MINUTE_MS;
      if (
        (i === 0 || candidate >= rules[i - 1].at) &&
        (i === rules.length || candidate < rules[i].at) &&
        !(candidate >= first)
      ) {
        first = candidate;
      }
    }
    if (!Number.isNaN(first)) {
      return first;
    }
    // Skipped by a gap: read with the offset before it.
    const gap = rules.find(
      t =>
        local >= t.at + t.before * MINUTE_MS &&
        local < t.at + t.after * MINUTE_MS,
    );
    return local - (gap ?? rules[0]).before * MINUTE_MS;
  }

  /** The local day of an instant. */
  dayOf(ms: number): LocalDay {
    // From the days already looked up, where the offset is plain.
    const guess = Math.floor(ms / DAY_MS);
    for (const day of [guess, guess - 1, guess + 1]) {
      const rules = this.dayRules(day);
      if (typeof rules === 'number') {
        const local = ms + rules * MINUTE_MS;
        if (local >= day * DAY_MS && local < (day + 1) * DAY_MS) {
          return day;
        }
      }
    }
    return Math.floor((ms + this.rules.offset(ms) * MINUTE_MS) / DAY_MS);
  }
}

// ---- restrictions.ts ----

/** A half-open interval of epoch milliseconds. */
interface Interval {
  start: number;
  end: number;
}

/** A restriction read once: its clock, minutes and weekdays. */
interface RestrictionRule {
  clock: ZoneClock;
  fromMin: number;
  /** After `fromMin`; beyond 1440 for a window past midnight. */
  endMin: number;
  /** Bit `w` set for each ISO weekday `w` the window starts on. */
  weekdays: number;
}

/**
 * Reads restrictions once for many ranges, each in its own zone or
 * `defaultZone`; throws on invalid ones.
 */
function restrictionRules(
  restrictions: Restriction[],
  defaultZone: string,
): RestrictionRule[] {
  return restrictions.map(restriction => {
    const clock = ZoneClock.of(restriction.timeZone ?? defaultZone);
    const fromMin = parseTimeOfDay(restriction.from);
    const toMin = parseTimeOfDay(restriction.to, true);
    if (fromMin === undefined || toMin === undefined) {
      throw new Error(
        `Bad restriction times: ${restriction.from}–${restriction.to}`,
      );
    }
    let weekdays = restriction.weekdays ? 0 : 0b11111110;
    for (const weekday of restriction.weekdays ?? []) {
      weekdays |= 1 << weekday;
    }
    return {
      clock,
      fromMin,
      endMin: toMin <= fromMin ? toMin + 1440 : toMin,
      weekdays,
    };
  });
}

/**
 * The union of the restriction windows that touch `[from, to)`, sorted and
 * non-overlapping. Each window's times are read in the restriction's own
 * zone (see {@link restrictionRules}), so a 09:00–17:00 window is
 * 09:00–17:00 local on a daylight-saving day too. Windows are whole (not cut
 * at the range's ends), but only those touching the range are made: the work
 * grows with the range's days times the restrictions, whatever the layer's
 * turns.
 */
function restrictionWindows(
  rules: RestrictionRule[],
  from: number,
  to: number,
): Interval[] {
  if (to <= from) {
    return [];
  }
  const spans = rules.map(rule => ({
    rule,
    // A window starting the day before may run past midnight into the range.
    first: rule.clock.dayOf(from) - 1,
    last: rule.clock.dayOf(to),
  }));
  const first = Math.min(...spans.map(span => span.first));
  const last = Math.max(...spans.map(span => span.last));
  // Starts and ends apart, in typed arrays: a long range makes many windows,
  // and objects would keep the garbage collector busy.
  let starts = new Float64Array(64);
  let ends = new Float64Array(64);
  let count = 0;
  for (let day = first; day <= last; day++) {
    const weekday = 1 << weekdayOf(day);
    for (const span of spans) {
      const { clock, fromMin, endMin, weekdays } = span.rule;
      if (day < span.first || day > span.last || !(weekdays & weekday)) {
        continue;
      }
      const start = clock.at(day, fromMin);
      const end = clock.at(day, endMin);
      if (end > from && start < to && end > start) {
        if (count === starts.length) {
          starts = grow(starts);
          ends = grow(ends);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
      }
    }
  }
  return unionOfBounds(starts.subarray(0, count), ends.subarray(0, count));
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The union of intervals given as their starts and their ends (each list in
 * any order): sorted, touching intervals joined.
 */
function unionOfBounds(starts: Float64Array, ends: Float64Array): Interval[] {
  starts.sort();
  ends.sort();
  const result: Interval[] = [];
  let open = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    // Close what ends before this start; an interval ending exactly where
    // the next one starts is joined to it.
    while (ends[j] < starts[i]) {
      open--;
      if (open === 0) {
        result[result.length - 1].end = ends[j];
      }
      j++;
    }
    if (open === 0) {
      result.push({ start: starts[i], end: starts[i] });
    }
    open++;
  }
  if (j < ends.length) {
    result[result.length - 1].end = ends[ends.length - 1];
  }
  return result;
}

// ---- rotation.ts ----

const NOMINAL_MS = { hours: HOUR_MS, days: 24 * HOUR_MS, weeks: 168 * HOUR_MS };

/**
 * A layer's hand-off instants: `at(n)` is when the n-th turn (0-based)
 * begins, in epoch milliseconds.
 */
interface HandoffClock {
  at(n: number): number;
  /** Index of the turn covering `ms` (0 when `ms` is before the first). */
  indexAt(ms: number): number;
}

function handoffClock(layer: Layer, zone: string): HandoffClock {
  const minutes = parseTimeOfDay(layer.handoff.time);
  if (minutes === undefined) {
    throw new Error(`Bad hand-off time: ${layer.handoff.time}`);
  }
  const { length, unit } = layer.rotation;
  if (!(length >= 1) || !(unit in NOMINAL_MS)) {
    throw new Error(`Bad rotation: ${length} ${unit}`);
  }
  const weekday = layer.handoff.weekday;
  if (weekday !== undefined && !(weekday >= 1 && weekday <= 7)) {
    throw new Error(`Bad hand-off weekday: ${weekday}`);
  }
  const clock = ZoneClock.of(zone);
  // The first hand-off: the first day at or after `start` whose hand-off
  // time is not before `start` and whose weekday matches.
  // A bare date is read as local midnight.
  const startMs = parseInstant(layer.start, zone);
  let firstDay = clock.dayOf(startMs);
  while (
    clock.at(firstDay, minutes) < startMs ||
    (weekday !== undefined && weekdayOf(firstDay) !== weekday)
  ) {
    firstDay++;
  }
  const anchor = clock.at(firstDay, minutes);

  const stepDays = unit === 'weeks' ? 7 * length : length;
  const at =
    unit === 'hours'
      ? (n: number) => anchor + n * length * HOUR_MS
      : // Calendar days: same wall-clock time, whatever the offset does.
        (n: number) => clock.at(firstDay + n * stepDays, minutes);

  const period = length * NOMINAL_MS[unit];
  const indexAt = (ms: number) => {
    if (!(ms >= anchor)) {
      return 0;
    }
    // The estimate is off by at most one turn (DST moves by an hour).
    let n = Math.max(0, Math.floor((ms - anchor) / period));
    while (n > 0 && at(n) > ms) {
      n--;
    }
    while (at(n + 1) <= ms) {
      n++;
    }
    return n;
  };
  return { at, indexAt };
}

/**
 * A layer read once, to be expanded over many ranges (a widening search asks
 * for several).
 */
interface LayerPlan {
  layer: Layer;
  clock: HandoffClock;
  /** Undefined for a layer that covers around the clock. */
  rules?: RestrictionRule[];
}

/** Reads a layer of a schedule in `zone`; throws on an invalid layer. */
function planLayer(layer: Layer, zone: string): LayerPlan {
  return {
    layer,
    clock: handoffClock(layer, zone),
    rules: layer.restrictions
      ? restrictionRules(layer.restrictions, zone)
      : undefined,
  };
}

/**
 * Layer shifts in epoch milliseconds; see {@link layerShifts}. The work grows
 * with the turns and the days of the range (times the layer's restrictions),
 * never with the length of a turn. With `joinTurns`, consecutive turns of the
 * same person come as one.
 */
function layerIntervals(
  plan: LayerPlan,
  from: number,
  to: number,
  joinTurns = false,
): Array<Interval & { user: string }> {
  const { participants } = plan.layer;
  if (participants.length === 0 || !(to > from)) {
    return [];
  }
  const turns: Array<Interval & { user: string }> = [];
  for (let n = plan.clock.indexAt(from); ; n++) {
    const start = plan.clock.at(n);
    if (!(start < to)) {
      break;
    }
    const end = plan.clock.at(n + 1);
    const user = participants[n % participants.length];
    const previous = turns[turns.length - 1];
    if (joinTurns && previous?.user === user && previous.end === start) {
      previous.end = end;
    } else if (end > from) {
      turns.push({ start, end, user });
    }
  }
  if (!plan.rules || turns.length === 0) {
    return turns;
  }
  // Only the windows touching the range: a turn may last 1000 weeks.
  const windows = restrictionWindows(
    plan.rules,
    Math.max(from, turns[0].start),
    Math.min(to, turns[turns.length - 1].end),
  );
  const pieces: Array<Interval & { user: string }> = [];
  // Turns and windows are both sorted: walk them together.
  let w = 0;
  for (const turn of turns) {
    while (w < windows.length && windows[w].end <= turn.start) {
      w++;
    }
    for (let v = w; v < windows.length && windows[v].start < turn.end; v++) {
      const start = Math.max(turn.start, windows[v].start);
      const end = Math.min(turn.end, windows[v].end);
      if (end > start && end > from && start < to) {
        pieces.push({ start, end, user: turn.user });
      }
    }
  }
  return pieces;
}

/**
 * The shifts of one layer that overlap `range`, in order.
 *
 * Shifts are returned whole (not cut at the range's ends) so that a caller
 * can tell when the current shift began and ends; restrictions do cut them
 * into the pieces inside the allowed windows that touch the range (pieces
 * outside the range are dropped). Times without an offset are read in the
 * schedule's zone.
 *
 * Hand-offs of `days` and `weeks` rotations happen at `handoff.time` on the
 * wall clock of the schedule's zone on both sides of a daylight-saving
 * change: a one-day shift across spring-forward lasts 23 h of real time and
 * one across fall-back 25 h; a weekly Monday 09:00 hand-off stays Monday
 * 09:00 local (167 h or 169 h). `hours` rotations count real hours.
 *
 * Throws a {@link ScheduleLimitError} for a layer beyond the
 * {@link SCHEDULE_LIMITS}.
 *
 * @public
 */
export function referenceLayerShifts(
  schedule: Schedule,
  layer: Layer,
  range: TimeRange,
): Shift[] {
  const zone = schedule.timeZone;
  assertWithinLimits({ ...schedule, layers: [layer], overrides: [] });
  return layerIntervals(
    planLayer(layer, zone),
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
  ).map(({ start, end, user }) => ({
    start: toIso(start),
    end: toIso(end),
    user,
    layer: layer.name,
  }));
}

// ---- finalSchedule.ts ----

/** How far {@link onCallAt} and {@link nextShiftFor} look at most. */
const MAX_SEARCH_MS = 400 * DAY_MS;

interface Piece extends Interval {
  user: string;
  /** Layer index, or -1 for overrides. */
  layer: number;
}

/** A schedule read once, to be expanded over one or more ranges. */
interface SchedulePlan {
  schedule: Schedule;
  layers: LayerPlan[];
  /** The overrides resolved into ordered, non-overlapping pieces. */
  overrides: Piece[];
}

/**
 * Reads a schedule once; throws a ScheduleLimitError for one beyond the
 * limits, so that no computation's work outgrows them.
 */
function planSchedule(schedule: Schedule): SchedulePlan {
  assertWithinLimits(schedule);
  const zone = schedule.timeZone;
  ZoneClock.of(zone);
  return {
    schedule,
    layers: schedule.layers.map(layer => planLayer(layer, zone)),
    overrides: resolveOverrides(
      schedule.overrides.map(override => ({
        start: parseStoredInstant(override.start, zone),
        end: parseStoredInstant(override.end, zone),
        user: override.user,
      })),
    ),
  };
}

/**
 * The overrides as one source: ordered, non-overlapping pieces, a later
 * override winning where two overlap, touching pieces of the same user
 * joined. At most 500 overrides: the quadratic walk is cheap.
 */
function resolveOverrides(overrides: Array<Interval & { user: string }>) {
  const active = overrides.filter(o => o.end > o.start);
  const boundaries = [...new Set(active.flatMap(o => [o.start, o.end]))].sort(
    (a, b) => a - b,
  );
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    let owner: (typeof active)[number] | undefined;
    for (let k = active.length - 1; k >= 0 && !owner; k--) {
      if (active[k].start <= start && start < active[k].end) {
        owner = active[k];
      }
    }
    if (!owner) {
      continue;
    }
    const previous = pieces[pieces.length - 1];
    if (previous && previous.end === start && previous.user === owner.user) {
      previous.end = end;
    } else {
      pieces.push({ start, end, user: owner.user, layer: -1 });
    }
  }
  return pieces;
}

/** The override pieces touching `[from, to)`, cut at its ends. */
function overridePieces(plan: SchedulePlan, from: number, to: number) {
  return plan.overrides
    .filter(piece => piece.end > from && piece.start < to)
    .map(piece => ({
      ...piece,
      start: Math.max(from, piece.start),
      end: Math.min(to, piece.end),
    }));
}

/** Every start and end of the pieces, and the range's ends: sorted, unique. */
function sortedBoundaries(sources: Piece[][], from: number, to: number) {
  let count = 2;
  for (const source of sources) {
    count += 2 * source.length;
  }
  const all = new Float64Array(count);
  let i = 0;
  all[i++] = from;
  all[i++] = to;
  for (const source of sources) {
    for (const piece of source) {
      all[i++] = piece.start;
      all[i++] = piece.end;
    }
  }
  all.sort();
  const unique: number[] = [];
  for (const ms of all) {
    if (ms >= from && ms <= to && ms !== unique[unique.length - 1]) {
      unique.push(ms);
    }
  }
  return unique;
}

/**
 * The final schedule over `[from, to)` in epoch milliseconds: ordered,
 * non-overlapping, cut at the range's ends. Layers below `lowest` are left
 * out (they cannot change where a shift of layer `lowest` or above ends).
 */
function finalPieces(
  plan: SchedulePlan,
  from: number,
  to: number,
  lowest = 0,
): Piece[] {
  if (!(to > from)) {
    return [];
  }
  // Sources in rising precedence: layers in order, then the overrides; in
  // each, touching pieces of the same person joined (as in the result).
  const sources: Piece[][] = [];
  plan.layers.forEach((layer, index) => {
    if (index < lowest) {
      return;
    }
    const pieces: Piece[] = [];
    for (const turn of layerIntervals(layer, from, to, true)) {
      const start = Math.max(from, turn.start);
      const end = Math.min(to, turn.end);
      const previous = pieces[pieces.length - 1];
      if (previous?.end === start && previous.user === turn.user) {
        previous.end = end;
      } else {
        pieces.push({ start, end, user: turn.user, layer: index });
      }
    }
    sources.push(pieces);
  });
  sources.push(overridePieces(plan, from, to));

  const boundaries = sortedBoundaries(sources, from, to);
  const cursors = sources.map(() => 0);
  const result: Piece[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    // No source starts or ends inside (start, end): who covers `start`
    // covers the whole elementary interval.
    let owner: Piece | undefined;
    for (let s = sources.length - 1; s >= 0 && !owner; s--) {
      const list = sources[s];
      while (cursors[s] < list.length && list[cursors[s]].end <= start) {
        cursors[s]++;
      }
      const candidate = list[cursors[s]];
      if (candidate && candidate.start <= start) {
        owner = candidate;
      }
    }
    if (!owner) {
      continue;
    }
    const previous = result[result.length - 1];
    if (
      previous &&
      previous.end === start &&
      previous.user === owner.user &&
      previous.layer === owner.layer
    ) {
      previous.end = end;
    } else {
      result.push({ start, end, user: owner.user, layer: owner.layer });
    }
  }
  return result;
}

function toShift(schedule: Schedule, piece: Piece): Shift {
  const shift: Shift = {
    start: toIso(piece.start),
    end: toIso(piece.end),
    user: piece.user,
  };
  if (piece.layer < 0) {
    shift.override = true;
  } else {
    shift.layer = schedule.layers[piece.layer].name;
  }
  return shift;
}

/**
 * Who is on call over `range`: ordered, non-overlapping shifts, cut at the
 * range's ends. A later layer wins over earlier ones wherever it has someone
 * (outside its restrictions it leaves earlier layers showing); overrides win
 * over every layer, a later override over an earlier one. Adjacent pieces of
 * the same user from the same layer (or both from overrides) are merged into
 * one shift. Times without an offset are read in the schedule's zone.
 *
 * The work grows with the days of the range and the size of the schedule,
 * which {@link SCHEDULE_LIMITS} bound; a schedule beyond them throws a
 * {@link ScheduleLimitError} (as every function here does) instead of
 * being computed at any cost.
 *
 * @public
 */
export function referenceFinalSchedule(
  schedule: Schedule,
  range: TimeRange,
): Shift[] {
  const zone = schedule.timeZone;
  return finalPieces(
    planSchedule(schedule),
    parseInstant(range.start, zone),
    parseInstant(range.end, zone),
  ).map(piece => toShift(schedule, piece));
}

/**
 * The parts of `range` where nobody is on call, in order.
 *
 * @public
 */
export function referenceGaps(
  schedule: Schedule,
  range: TimeRange,
): TimeRange[] {
  const zone = schedule.timeZone;
  const from = parseInstant(range.start, zone);
  const to = parseInstant(range.end, zone);
  const result: TimeRange[] = [];
  let covered = from;
  for (const piece of finalPieces(planSchedule(schedule), from, to)) {
    if (piece.start > covered) {
      result.push({ start: toIso(covered), end: toIso(piece.start) });
    }
    covered = piece.end;
  }
  if (covered < to) {
    result.push({ start: toIso(covered), end: toIso(to) });
  }
  return result;
}

/**
 * The final-schedule shift covering `instant`, or undefined when nobody is on
 * call then. Shifts are half-open, `[start, end)`: an instant exactly at a
 * hand-off belongs to the NEW shift.
 *
 * The shift's start and end are its true ends (found by widening the search)
 * up to 400 days either side; a shift longer than that, e.g. a layer with a
 * single participant, is cut there.
 *
 * @public
 */
export function referenceOnCallAt(
  schedule: Schedule,
  instant: string,
): Shift | undefined {
  const plan = planSchedule(schedule);
  const at = parseInstant(instant, schedule.timeZone);
  let lowest = 0;
  for (let margin = 8 * DAY_MS; ; margin *= 4) {
    const pieces = finalPieces(plan, at - margin, at + margin, lowest);
    const covering = pieces.find(p => p.start <= at && at < p.end);
    if (!covering) {
      return undefined;
    }
    const cut = covering.start === at - margin || covering.end === at + margin;
    if (!cut || margin >= MAX_SEARCH_MS) {
      return toShift(schedule, covering);
    }
    // Where this shift ends depends only on its own source and those above
    // it: the wider search leaves the layers below out.
    lowest = covering.layer < 0 ? plan.layers.length : covering.layer;
  }
}

/**
 * The first final-schedule shift of `user` that starts at or after `from`
 * (a shift already under way at `from` is not "next"), or undefined when
 * there is none within 400 days. Its end is its true end, up to that
 * horizon.
 *
 * @public
 */
export function referenceNextShiftFor(
  schedule: Schedule,
  user: string,
  from: string,
): Shift | undefined {
  const plan = planSchedule(schedule);
  const at = parseInstant(from, schedule.timeZone);
  // Starting the window before `at` keeps a shift under way at `at` from
  // looking as if it started there.
  const windowStart = at - DAY_MS;
  for (let ahead = 16 * DAY_MS; ; ahead *= 2) {
    const windowEnd = at + Math.min(ahead, MAX_SEARCH_MS);
    const next = finalPieces(plan, windowStart, windowEnd).find(
      p => p.user === user && p.start >= at,
    );
    if (ahead >= MAX_SEARCH_MS || (next && next.end < windowEnd)) {
      return next && toShift(schedule, next);
    }
  }
}

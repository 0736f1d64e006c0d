import { IANAZone } from 'luxon';
import { DAY_MS, LocalDay } from './time';

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
export class ZoneClock {
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

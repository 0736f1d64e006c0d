/**
 * Unit of a layer's rotation length.
 *
 * `days` and `weeks` are calendar units in the schedule's time zone: the
 * hand-off stays at the same wall-clock time, so a one-day shift that spans a
 * daylight-saving change lasts 23 or 25 hours of real time. `hours` are real
 * (elapsed) hours, e.g. an 8 h follow-the-sun rotation is always 8 h long.
 *
 * @public
 */
export type RotationUnit = 'hours' | 'days' | 'weeks';

/**
 * How long each participant of a layer stays on call before handing off.
 *
 * @public
 */
export interface Rotation {
  /** Whole number of units, at least 1. */
  length: number;
  unit: RotationUnit;
}

/**
 * When a layer hands off, as wall-clock time in the schedule's time zone.
 *
 * @public
 */
export interface Handoff {
  /** Local time of day, `HH:mm` (24 h clock). */
  time: string;
  /**
   * ISO weekday of the first hand-off (1 = Monday … 7 = Sunday), typically
   * used with weekly rotations. Later hand-offs follow from the rotation
   * length.
   */
  weekday?: number;
}

/**
 * A window of local time in which a restricted layer covers; outside all of
 * its layer's windows the layer has nobody on call.
 *
 * A window with `to` earlier than or equal to `from` runs past midnight into
 * the next day (`22:00`–`06:00`); `to` may be `24:00` for the end of the day.
 *
 * @public
 */
export interface Restriction {
  /**
   * ISO weekdays (1 = Monday … 7 = Sunday) on which the window *starts*;
   * every day when absent.
   */
  weekdays?: number[];
  /** Local start time, `HH:mm`. */
  from: string;
  /** Local end time, `HH:mm` or `24:00`. */
  to: string;
  /**
   * IANA time zone the window's times are read in; the schedule's zone when
   * absent. This is how a follow-the-sun schedule is modelled in ONE
   * schedule: one layer per region, each restricted to office hours in its
   * own zone (e.g. 08:00–16:00 `Asia/Tokyo`).
   */
  timeZone?: string;
}

/**
 * One layer of a schedule: participants taking turns.
 *
 * @public
 */
export interface Layer {
  /** Unique within the schedule; shifts name the layer they come from. */
  name: string;
  /** User entity refs, in rotation order. */
  participants: string[];
  rotation: Rotation;
  handoff: Handoff;
  /**
   * When the rotation begins: a local date (`2026-03-02`) or a date-time
   * (`2026-03-02T09:00`, read in the schedule's zone when it has no offset).
   * The first participant takes over at the first hand-off (at
   * `handoff.time`, on `handoff.weekday` if given) at or after this moment;
   * the layer covers nothing before that.
   */
  start: string;
  /** When present, the layer only covers inside these windows. */
  restrictions?: Restriction[];
}

/**
 * A user covering a time range, whatever the layers say (a swap, a holiday).
 *
 * @public
 */
export interface Override {
  /** User entity ref. */
  user: string;
  /** ISO instant; read in the schedule's zone when it has no offset. */
  start: string;
  /** ISO instant, after `start`. */
  end: string;
  reason?: string;
}

/**
 * An on-call schedule.
 *
 * @public
 */
export interface Schedule {
  name: string;
  description?: string;
  /** IANA time zone of hand-offs and restrictions, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Ordered; a later layer overrides earlier ones wherever it has someone. */
  layers: Layer[];
  /** Win over every layer; of two overlapping overrides the later one wins. */
  overrides: Override[];
}

/**
 * A half-open interval `[start, end)` of ISO instants.
 *
 * @public
 */
export interface TimeRange {
  start: string;
  end: string;
}

/**
 * Someone on call over a half-open interval `[start, end)`.
 *
 * @public
 */
export interface Shift {
  /** ISO instant in UTC (`2026-03-29T07:00:00.000Z`), inclusive. */
  start: string;
  /** ISO instant in UTC, exclusive. */
  end: string;
  /** User entity ref. */
  user: string;
  /** Name of the layer the shift comes from, unless it is an override. */
  layer?: string;
  /** True when the shift comes from an override. */
  override?: boolean;
}

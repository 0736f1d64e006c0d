import { finalSchedule, gaps } from './finalSchedule';
import { parseInstant, parseInstantOrNaN } from './instant';
import { Interval, restrictionRules, restrictionWindows } from './restrictions';
import { HOUR_MS } from './time';
import { Restriction, Schedule, TimeRange } from './types';
import { ZoneClock } from './zoneClock';

/**
 * Working hours, in each person's own time zone: Monday to Friday,
 * 08:00–18:00, as the reliability review counts pages outside working hours.
 * Everything else is out of hours, weekends included.
 *
 * @public
 */
export const ONCALL_WORKING_HOURS = {
  weekdays: [1, 2, 3, 4, 5],
  from: '08:00',
  to: '18:00',
} as const;

/** Saturday and Sunday, midnight to midnight, as a restriction reads them. */
const WEEKEND: Restriction = { weekdays: [6, 7], from: '00:00', to: '24:00' };

/**
 * An incident of the schedule owner's components, as the health figures
 * count it: it concerns whoever was on call at any instant from `start`
 * until `end` (still open when `end` is absent).
 *
 * @public
 */
export interface HealthIncident {
  /** When it started, an ISO instant. */
  start: string;
  /** When it was resolved; null or absent while it is open. */
  end?: string | null;
}

/**
 * One person's on-call load over a period, each figure counted in the
 * person's own time zone.
 *
 * @public
 */
export interface OnCallHealthPerson {
  /** User entity ref. */
  user: string;
  /** The zone working hours and weekends were read in. */
  timeZone: string;
  /**
   * `person`: the person's own zone (their catalog entry's
   * `reliability-hub.io/timezone`); `schedule`: the schedule's zone, for a
   * person without a (valid) zone of their own.
   */
  timeZoneSource: 'person' | 'schedule';
  /** A participant of one of the schedule's layers (fairness compares them). */
  inRotation: boolean;
  /** Shifts of the final schedule, cut at the period's ends. */
  shifts: number;
  /** Hours on call in the period. */
  onCallHours: number;
  /** On call outside Monday–Friday 08:00–18:00 (weekends included). */
  outOfHoursHours: number;
  /** On call on Saturdays and Sundays. */
  weekendHours: number;
  /** Incidents open at some instant of the person's shifts. */
  incidents: number;
  /** The longest time on call without a break, shifts that touch joined. */
  longestStretchHours: number;
}

/**
 * How sustainable a schedule was (or will be) over a period: the load on
 * each person, the spread between the most and least loaded, and the gaps.
 *
 * @public
 */
export interface OnCallHealth {
  /** Start of the period, `[from, to)`, an ISO instant in UTC. */
  from: string;
  /** End of the period (exclusive), an ISO instant in UTC. */
  to: string;
  /** Hours the period lasts (a daylight-saving change makes it 1 h more or less). */
  hours: number;
  /** The schedule's zone, where a person without their own zone is counted. */
  timeZone: string;
  /** Everyone in the rotation or with a shift, the most hours on call first. */
  people: OnCallHealthPerson[];
  /** The schedule's figures: the people's added up, incidents counted once. */
  totals: {
    shifts: number;
    onCallHours: number;
    outOfHoursHours: number;
    weekendHours: number;
    /** Incidents open during some shift (each counted once). */
    incidents: number;
    /** Incidents open at some time nobody was on call. */
    incidentsInGaps: number;
    longestStretchHours: number;
  };
  /**
   * Spread between the most and the least loaded person in the rotation;
   * null with fewer than two people in it.
   */
  fairness: {
    mostLoaded: string;
    leastLoaded: string;
    onCallHoursSpread: number;
    outOfHoursSpread: number;
  } | null;
  /** The times nobody was on call, in order. */
  gaps: TimeRange[];
  /** Hours nobody was on call. */
  gapHours: number;
}

interface Span extends Interval {
  user: string;
}

const hours = (ms: number) => ms / HOUR_MS;

/** Milliseconds of `spans` inside `windows`; both sorted and disjoint. */
function overlapMs(spans: Interval[], windows: Interval[]): number {
  let total = 0;
  let w = 0;
  for (const span of spans) {
    while (w < windows.length && windows[w].end <= span.start) {
      w++;
    }
    for (let v = w; v < windows.length && windows[v].start < span.end; v++) {
      total +=
        Math.min(span.end, windows[v].end) -
        Math.max(span.start, windows[v].start);
    }
  }
  return total;
}

/** The zone to count a person in: their own when it is a real one. */
function zoneOf(
  user: string,
  scheduleZone: string,
  timeZones: Record<string, string | undefined>,
): { timeZone: string; timeZoneSource: 'person' | 'schedule' } {
  const own = timeZones[user];
  if (typeof own === 'string' && own.length <= 64) {
    try {
      ZoneClock.of(own);
      return { timeZone: own, timeZoneSource: 'person' };
    } catch {
      // Not an IANA zone: counted in the schedule's zone, as without one.
    }
  }
  return { timeZone: scheduleZone, timeZoneSource: 'schedule' };
}

/** The index of the first of the sorted, disjoint `spans` ending after `at`. */
function firstEndingAfter(spans: Interval[], at: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].end <= at) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * The incidents each person had on their shifts, those during any shift,
 * and those during a gap. An incident is counted once per person however
 * many of their shifts it spans; one across a hand-off counts for both.
 */
function countIncidents(
  shifts: Span[],
  gapSpans: Interval[],
  incidents: HealthIncident[],
  zone: string,
) {
  const byUser = new Map<string, number>();
  const everyone = new Set(shifts.map(s => s.user)).size;
  let during = 0;
  let inGaps = 0;
  for (const incident of incidents) {
    const start = parseInstantOrNaN(incident.start, zone);
    const resolved = incident.end
      ? parseInstantOrNaN(incident.end, zone)
      : Infinity;
    if (Number.isNaN(start) || Number.isNaN(resolved)) {
      continue;
    }
    // An incident resolved the instant it started still happened then.
    const end = Math.max(resolved, start + 1);
    const seen = new Set<string>();
    for (
      let i = firstEndingAfter(shifts, start);
      i < shifts.length && shifts[i].start < end && seen.size < everyone;
      i++
    ) {
      seen.add(shifts[i].user);
    }
    for (const user of seen) {
      byUser.set(user, (byUser.get(user) ?? 0) + 1);
    }
    if (seen.size) {
      during++;
    }
    const g = firstEndingAfter(gapSpans, start);
    if (g < gapSpans.length && gapSpans[g].start < end) {
      inGaps++;
    }
  }
  return { byUser, during, inGaps };
}

/** The longest run of `spans` (sorted) where each starts as the one before ends. */
function longestStretchMs(spans: Interval[]): number {
  let longest = 0;
  let runStart = NaN;
  let runEnd = NaN;
  for (const span of spans) {
    if (span.start !== runEnd) {
      runStart = span.start;
    }
    runEnd = span.end;
    longest = Math.max(longest, runEnd - runStart);
  }
  return longest;
}

/**
 * The on-call health of a schedule over `range` (bare dates and times are
 * read in the schedule's zone): per person the shifts, hours on call, hours
 * out of hours ({@link ONCALL_WORKING_HOURS}) and on weekends in the
 * person's own zone (`timeZones`, by user ref; the schedule's zone for
 * people without one), the incidents during their shifts and their longest
 * stretch; the spread between the most and least loaded person in the
 * rotation; and the gaps.
 *
 * The shifts and gaps are those of {@link finalSchedule} and {@link gaps},
 * so the figures agree with the timeline, the cards and the feeds. The work
 * grows with the range, the schedule's size (bounded by
 * {@link SCHEDULE_LIMITS}) and the incidents given; a schedule beyond the
 * limits throws a {@link ScheduleLimitError}.
 *
 * @public
 */
export function onCallHealth(
  schedule: Schedule,
  range: TimeRange,
  options: {
    timeZones?: Record<string, string | undefined>;
    incidents?: HealthIncident[];
  } = {},
): OnCallHealth {
  const zone = schedule.timeZone;
  const from = parseInstant(range.start, zone);
  const to = parseInstant(range.end, zone);
  const shifts: Span[] = finalSchedule(schedule, range).map(shift => ({
    start: Date.parse(shift.start),
    end: Date.parse(shift.end),
    user: shift.user,
  }));
  const gapRanges = gaps(schedule, range);
  const gapSpans = gapRanges.map(gap => ({
    start: Date.parse(gap.start),
    end: Date.parse(gap.end),
  }));
  const incidents = countIncidents(
    shifts,
    gapSpans,
    options.incidents ?? [],
    zone,
  );

  const rotation = new Set(schedule.layers.flatMap(l => l.participants));
  const shiftsOf = new Map<string, Span[]>();
  for (const user of rotation) {
    shiftsOf.set(user, []);
  }
  for (const shift of shifts) {
    const own = shiftsOf.get(shift.user);
    if (own) {
      own.push(shift);
    } else {
      shiftsOf.set(shift.user, [shift]);
    }
  }

  const people: OnCallHealthPerson[] = [...shiftsOf].map(([user, own]) => {
    const where = zoneOf(user, zone, options.timeZones ?? {});
    const person: OnCallHealthPerson = {
      user,
      ...where,
      inRotation: rotation.has(user),
      shifts: own.length,
      onCallHours: hours(own.reduce((sum, s) => sum + s.end - s.start, 0)),
      outOfHoursHours: 0,
      weekendHours: 0,
      incidents: incidents.byUser.get(user) ?? 0,
      longestStretchHours: hours(longestStretchMs(own)),
    };
    if (own.length) {
      // Working hours and weekends as restriction windows in the person's
      // zone, so they are DST-correct the way layer restrictions are.
      const first = own[0].start;
      const last = own[own.length - 1].end;
      const windowsOf = (restriction: Restriction) =>
        restrictionWindows(
          restrictionRules([restriction], where.timeZone),
          first,
          last,
        );
      const working = overlapMs(
        own,
        windowsOf({
          ...ONCALL_WORKING_HOURS,
          weekdays: [...ONCALL_WORKING_HOURS.weekdays],
        }),
      );
      person.outOfHoursHours = person.onCallHours - hours(working);
      person.weekendHours = hours(overlapMs(own, windowsOf(WEEKEND)));
    }
    return person;
  });
  people.sort(
    (a, b) => b.onCallHours - a.onCallHours || a.user.localeCompare(b.user),
  );

  const rotating = people.filter(p => p.inRotation);
  const sum = (of: (p: OnCallHealthPerson) => number) =>
    people.reduce((total, p) => total + of(p), 0);
  const outOfHours = rotating.map(p => p.outOfHoursHours);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    hours: hours(Math.max(0, to - from)),
    timeZone: zone,
    people,
    totals: {
      shifts: shifts.length,
      onCallHours: sum(p => p.onCallHours),
      outOfHoursHours: sum(p => p.outOfHoursHours),
      weekendHours: sum(p => p.weekendHours),
      incidents: incidents.during,
      incidentsInGaps: incidents.inGaps,
      longestStretchHours: Math.max(
        0,
        ...people.map(p => p.longestStretchHours),
      ),
    },
    fairness:
      rotating.length < 2
        ? null
        : {
            // `people` is sorted by hours on call, most first.
            mostLoaded: rotating[0].user,
            leastLoaded: rotating[rotating.length - 1].user,
            onCallHoursSpread:
              rotating[0].onCallHours -
              rotating[rotating.length - 1].onCallHours,
            outOfHoursSpread: Math.max(...outOfHours) - Math.min(...outOfHours),
          },
    gaps: gapRanges,
    gapHours: hours(gapSpans.reduce((total, g) => total + g.end - g.start, 0)),
  };
}

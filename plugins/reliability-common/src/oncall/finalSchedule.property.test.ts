import { IANAZone } from 'luxon';
import { finalSchedule, gaps, nextShiftFor, onCallAt } from './finalSchedule';
import { Layer, Override, Restriction, Schedule } from './types';
import {
  referenceFinalSchedule,
  referenceGaps,
  referenceNextShiftFor,
  referenceOnCallAt,
} from './__testUtils__/referenceSchedule';

// The fast rotation math against the reference implementation (the math as
// it was before it was made fast, see __testUtils__/referenceSchedule.ts)
// over random schedules in every zone whose offset changes in 2020–2035:
// every shift of a range, who is on call at instants in it, the gaps, and
// a participant's next shift must be the same.
//
// Reproducible: schedule `i` comes from seed `SEED + i`. The unit run checks
// 10,000 schedules (about 30 s on one core); `ONCALL_PROPERTY_RUNS` checks
// more or fewer, and `ONCALL_PROPERTY_SEED` starts elsewhere.
const RUNS = Number(process.env.ONCALL_PROPERTY_RUNS ?? 10_000);
const SEED = Number(process.env.ONCALL_PROPERTY_SEED ?? 20_261_207);

// Ten thousand schedules take minutes on a busy two-core machine.
jest.setTimeout(600_000);

const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2036, 0, 1);

/** Every canonical zone whose offset changes at least once in 2020–2035. */
function zonesWithTransitions(): string[] {
  return Intl.supportedValuesOf('timeZone').filter(zone => {
    if (!IANAZone.isValidZone(zone)) {
      return false;
    }
    const rules = IANAZone.create(zone);
    const first = rules.offset(FIRST);
    for (let ms = FIRST; ms < LAST; ms += 7 * DAY) {
      if (rules.offset(ms) !== first) {
        return true;
      }
    }
    return false;
  });
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return { next, int, pick };
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const localDateTime = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** Times near the usual transitions are the interesting ones. */
const TIMES = ['00:00', '00:30', '01:00', '01:30', '02:00', '02:15', '02:30'];

function randomSchedule(seed: number, zone: string, zones: string[]) {
  const r = random(seed);
  const time = () =>
    r.next() < 0.5
      ? r.pick(TIMES)
      : `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}`;
  // Half of the ranges in the months where most zones change their clocks.
  const rangeStart =
    r.next() < 0.5
      ? Date.UTC(r.int(2020, 2035), r.pick([2, 3, 8, 9, 10]), r.int(1, 28))
      : FIRST + r.int(0, (LAST - FIRST) / DAY - 60) * DAY;
  const rangeEnd = rangeStart + r.int(1, 45) * DAY + r.int(0, 23) * 3_600_000;
  const people = Array.from(
    { length: r.int(2, 5) },
    (_, i) => `user:default/p${i}`,
  );

  const layers: Layer[] = Array.from({ length: r.int(1, 3) }, (_, i) => {
    const unit = r.pick(['hours', 'days', 'weeks'] as const);
    const length =
      unit === 'hours'
        ? r.pick([1, 2, 3, 5, 8, 12, 24, 36, 100])
        : r.pick([1, 1, 2, 3, 7, unit === 'days' ? 30 : 4]);
    const startMs = rangeStart - r.int(0, 200) * DAY;
    const start = r.pick([
      () => localDate(startMs),
      () => `${localDate(startMs)}T${time()}`,
      () => new Date(startMs + r.int(0, 1439) * 60_000).toISOString(),
    ])();
    const restrictions: Restriction[] | undefined =
      r.next() < 0.5
        ? Array.from({ length: r.int(1, 3) }, () => {
            const restriction: Restriction = {
              from: time(),
              to: r.next() < 0.1 ? '24:00' : time(),
            };
            if (r.next() < 0.4) {
              restriction.weekdays = [1, 2, 3, 4, 5, 6, 7].filter(
                () => r.next() < 0.5,
              );
            }
            if (r.next() < 0.5) {
              restriction.timeZone = r.pick(zones);
            }
            return restriction;
          })
        : undefined;
    return {
      name: `layer-${i}`,
      participants: people.filter(() => r.next() < 0.7).concat(people[0]),
      rotation: { length, unit },
      handoff:
        unit === 'weeks' && r.next() < 0.7
          ? { time: time(), weekday: r.int(1, 7) }
          : { time: time() },
      start,
      ...(restrictions ? { restrictions } : {}),
    };
  });

  const overrides: Override[] = Array.from({ length: r.int(0, 4) }, () => {
    const startMs =
      rangeStart +
      r.int(-2 * 24, ((rangeEnd - rangeStart) / DAY) * 24) * 3_600_000;
    const endMs = startMs + r.int(1, 72) * 1_800_000;
    return r.next() < 0.5
      ? {
          user: r.pick(people),
          start: new Date(startMs).toISOString(),
          end: new Date(endMs).toISOString(),
        }
      : {
          user: r.pick(people),
          start: localDateTime(startMs),
          end: localDateTime(endMs),
        };
  });

  const schedule: Schedule = {
    name: 'random',
    timeZone: zone,
    layers,
    overrides,
  };
  const range = {
    start: new Date(rangeStart).toISOString(),
    end: new Date(rangeEnd).toISOString(),
  };
  const instants = Array.from({ length: 2 }, () =>
    new Date(
      rangeStart + Math.floor(r.next() * (rangeEnd - rangeStart)),
    ).toISOString(),
  );
  return { schedule, range, instants, user: r.pick(people) };
}

/** The answer, or the error it throws, so that both must fail alike. */
function outcome<T>(work: () => T): T | { error: string } {
  try {
    return work();
  } catch (error) {
    return { error: String(error) };
  }
}

describe('the rotation math against its reference', () => {
  const zones = zonesWithTransitions();

  it('knows the zones with daylight saving', () => {
    expect(zones).toEqual(
      expect.arrayContaining([
        'Europe/Berlin',
        'America/New_York',
        'Australia/Lord_Howe',
        'America/Santiago',
      ]),
    );
    expect(zones.length).toBeGreaterThan(100);
  });

  it(`gives the same shifts for ${RUNS} random schedules`, () => {
    let shifts = 0;
    const mismatches: unknown[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { schedule, range, instants, user } = randomSchedule(
        SEED + i,
        zones[i % zones.length],
        zones,
      );
      const fast = outcome(() => ({
        final: finalSchedule(schedule, range),
        gaps: gaps(schedule, range),
        onCall: instants.map(at => onCallAt(schedule, at)),
        // Searching up to 400 days ahead in every zone is the slow part.
        next: i % 10 ? null : nextShiftFor(schedule, user, instants[0]),
      }));
      const reference = outcome(() => ({
        final: referenceFinalSchedule(schedule, range),
        gaps: referenceGaps(schedule, range),
        onCall: instants.map(at => referenceOnCallAt(schedule, at)),
        next:
          i % 10 ? null : referenceNextShiftFor(schedule, user, instants[0]),
      }));
      if (JSON.stringify(fast) !== JSON.stringify(reference)) {
        // The seed and the schedule, to reproduce it alone.
        mismatches.push({ seed: SEED + i, schedule, range, fast, reference });
      }
      if ('final' in fast) {
        shifts += fast.final.length;
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    // A generator that made only empty schedules would prove nothing.
    expect(shifts).toBeGreaterThan(RUNS * 5);
  });
});

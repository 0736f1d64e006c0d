import { IANAZone } from 'luxon';
import { finalSchedule, gaps, nextShiftFor, onCallAt } from './finalSchedule';
import { ScheduleLimitError, scheduleLimitProblems } from './limits';
import { layerShifts } from './rotation';
import {
  ADVERSARIAL_AT,
  FRANK,
  GRACE,
  scheduleAtLimits,
  twentyRestrictions,
} from './__testUtils__/testSchedules';
import { Schedule } from './types';
import { validateSchedule } from './validation';

const DAY_MS = 86_400_000;

/**
 * Runs `work` twice and answers how often a time zone was asked for an
 * offset the first time, what made the old code take seconds (luxon asks
 * `Intl` each time, in microseconds), and how long the second time took:
 * the first also pays for compiling the code and loading each zone's rules.
 */
function measure<T>(work: () => T) {
  const offset = IANAZone.prototype.offset;
  let lookups = 0;
  IANAZone.prototype.offset = function count(this: IANAZone, ts: number) {
    lookups++;
    return offset.call(this, ts);
  };
  let result: T;
  try {
    result = work();
  } finally {
    IANAZone.prototype.offset = offset;
  }
  const started = performance.now();
  work();
  return { result, lookups, ms: performance.now() - started };
}

/**
 * Generous, as a backstop to the count of look-ups, for a busy machine. The
 * old code took 3-7 s for one question on the 20-restriction schedule.
 */
const QUICK_MS = 1_000;

describe('bounded work', () => {
  it('answers on the 20-restriction schedule without walking its 1000-week turns', () => {
    const at = '2026-12-07T13:30:00.000Z'; // Monday 14:30 in Berlin
    const now = measure(() => onCallAt(twentyRestrictions, at));
    expect(now.result).toMatchObject({
      start: '2026-12-07T13:00:00.000Z',
      end: '2026-12-07T13:59:00.000Z',
      layer: 'long-0',
    });
    expect(now.lookups).toBeLessThan(500);
    expect(now.ms).toBeLessThan(QUICK_MS);

    const range = {
      start: at,
      end: new Date(Date.parse(at) + 60 * DAY_MS).toISOString(),
    };
    const feed = measure(() => finalSchedule(twentyRestrictions, range));
    // 20 windows a week in each of three zones, some joined.
    expect(feed.result.length).toBeGreaterThan(400);
    expect(feed.lookups).toBeLessThan(1_000);
    expect(feed.ms).toBeLessThan(QUICK_MS);

    const next = measure(() =>
      nextShiftFor(twentyRestrictions, 'user:default/nobody', at),
    );
    expect(next.result).toBeUndefined();
    expect(next.ms).toBeLessThan(QUICK_MS);
  });

  it('answers on a schedule at every limit, even where it is hardest', () => {
    const schedule = scheduleAtLimits();
    expect(validateSchedule(schedule)).toEqual([]);
    const now = measure(() => onCallAt(schedule, ADVERSARIAL_AT));
    // One shift of the top layer's only person until the overrides begin.
    expect(now.result).toMatchObject({
      user: GRACE,
      layer: 'layer-9',
      end: new Date(Date.parse(ADVERSARIAL_AT) + 300 * DAY_MS).toISOString(),
    });
    expect(now.lookups).toBeLessThan(5_000);
    expect(now.ms).toBeLessThan(QUICK_MS);

    const at = Date.parse(ADVERSARIAL_AT) + 300 * DAY_MS;
    const range = {
      start: new Date(at - 30 * DAY_MS).toISOString(),
      end: new Date(at + 63 * DAY_MS).toISOString(),
    };
    const final = measure(() => finalSchedule(schedule, range));
    expect(final.result.filter(s => s.override)).toHaveLength(500);
    expect(final.result.every(s => [GRACE, FRANK].includes(s.user))).toBe(true);
    expect(final.ms).toBeLessThan(QUICK_MS);
    expect(measure(() => gaps(schedule, range)).result).toEqual([]);
  });

  it.each<[string, (schedule: Schedule) => void, string]>([
    [
      '1,000 layers',
      s => {
        s.layers = Array.from({ length: 1_000 }, () => s.layers[0]);
      },
      'layers',
    ],
    [
      '10,000 restrictions',
      s => {
        s.layers[0].restrictions = Array.from({ length: 10_000 }, () => ({
          from: '09:00',
          to: '10:00',
        }));
      },
      'layers[0].restrictions',
    ],
    [
      '10,000 participants',
      s => {
        s.layers[0].participants = Array.from(
          { length: 10_000 },
          (_, i) => `user:default/u${i}`,
        );
      },
      'layers[0].participants',
    ],
    [
      '10,000 overrides',
      s => {
        s.overrides = Array.from({ length: 10_000 }, () => ({
          user: FRANK,
          start: '2026-12-01T00:00:00.000Z',
          end: '2026-12-02T00:00:00.000Z',
        }));
      },
      'overrides',
    ],
    [
      'a rotation of 1e9 weeks',
      s => {
        s.layers[0].rotation = { length: 1e9, unit: 'weeks' };
      },
      'layers[0].rotation.length',
    ],
    [
      'a weekday listed a million times',
      s => {
        s.layers[0].restrictions = [
          { weekdays: Array(1_000_000).fill(1), from: '09:00', to: '10:00' },
        ];
      },
      'layers[0].restrictions[0].weekdays',
    ],
    [
      'restrictions in 20 time zones',
      s => {
        s.layers[0].restrictions = Intl.supportedValuesOf('timeZone')
          .slice(0, 20)
          .map(timeZone => ({ from: '09:00', to: '10:00', timeZone }));
      },
      'timeZones',
    ],
  ])(
    'refuses at once to compute a stored schedule with %s',
    (_label, change, field) => {
      const schedule = structuredClone(twentyRestrictions);
      change(schedule);
      expect(scheduleLimitProblems(schedule).map(p => p.field)).toEqual([
        field,
      ]);
      const range = {
        start: '2026-12-07T00:00:00.000Z',
        end: '2026-12-08T00:00:00.000Z',
      };
      const computations = [
        () => onCallAt(schedule, range.start),
        () => finalSchedule(schedule, range),
        () => gaps(schedule, range),
        () => nextShiftFor(schedule, FRANK, range.start),
      ];
      if (field !== 'layers' && field !== 'overrides') {
        // One layer alone is as much beyond the limits.
        computations.push(() =>
          layerShifts(schedule, schedule.layers[0], range),
        );
      }
      for (const compute of computations) {
        const { ms, result } = measure(() => {
          try {
            compute();
            return undefined;
          } catch (error) {
            return error;
          }
        });
        expect(result).toBeInstanceOf(ScheduleLimitError);
        expect((result as ScheduleLimitError).problems[0].field).toBe(field);
        expect(ms).toBeLessThan(QUICK_MS);
      }
    },
  );
});

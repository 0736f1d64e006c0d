import {
  forecastRemainingBudget,
  forecastRemainingFraction,
  timeToExhaustionSeconds,
} from './forecast';

/** Rounds to `digits` decimals so that null and numbers compare with toBe. */
const approx = (value: number | null, digits = 9) =>
  value === null ? null : Number(value.toFixed(digits)) + 0;

const HOUR = 60 * 60;
const DAY = 24 * HOUR;
const PERIOD_30D = 30 * DAY;
const PERIOD_28D = 28 * DAY;

describe('timeToExhaustionSeconds', () => {
  it.each([
    // remaining, burn rate, period, seconds (null = never)
    ['a full budget at 1×', 1, 1, PERIOD_30D, PERIOD_30D],
    ['a full budget at 14.4× (30 d)', 1, 14.4, PERIOD_30D, 50 * HOUR],
    ['half a budget at 2× (28 d)', 0.5, 2, PERIOD_28D, 7 * DAY],
    ['a quarter at 0.5×', 0.25, 0.5, PERIOD_28D, 14 * DAY],
    ['no burn', 0.7, 0, PERIOD_30D, null],
    ['negative burn', 0.7, -1, PERIOD_30D, null],
    ['exactly exhausted', 0, 3, PERIOD_30D, 0],
    ['overspent', -0.4, 3, PERIOD_30D, 0],
    ['overspent and not burning', -0.4, 0, PERIOD_30D, 0],
  ])('%s', (_, remaining, rate, period, expected) => {
    expect(approx(timeToExhaustionSeconds(remaining, rate, period), 6)).toBe(
      approx(expected, 6),
    );
  });

  it.each([
    [NaN, 1, PERIOD_30D],
    [1, Infinity, PERIOD_30D],
    [1, 1, 0],
  ])('rejects remaining %p, burn %p, period %p', (r, b, p) => {
    expect(() => timeToExhaustionSeconds(r, b, p)).toThrow(RangeError);
  });
});

describe('forecastRemainingBudget', () => {
  it.each([
    // remaining, burn rate, period, in 24 h, in 7 d
    [1, 1, PERIOD_30D, 1 - 1 / 30, 1 - 7 / 30],
    [1, 1, PERIOD_28D, 1 - 1 / 28, 0.75],
    [0.5, 14.4, PERIOD_30D, 0.02, 0.5 - 3.36],
    [0.3, 0, PERIOD_30D, 0.3, 0.3],
    [0.3, -2, PERIOD_30D, 0.3, 0.3],
    [-0.2, 2, PERIOD_28D, -0.2 - 2 / 28, -0.7],
  ])(
    'remaining %p at %p× over %p s → %p in 24 h, %p in 7 d',
    (remaining, rate, period, in24h, in7d) => {
      const forecast = forecastRemainingBudget(remaining, rate, period);
      expect(forecast.in24h).toBeCloseTo(in24h, 9);
      expect(forecast.in7d).toBeCloseTo(in7d, 9);
    },
  );

  it('forecastRemainingFraction with a zero horizon is the current value', () => {
    expect(forecastRemainingFraction(0.42, 10, PERIOD_30D, 0)).toBe(0.42);
  });

  it('rejects a negative horizon', () => {
    expect(() => forecastRemainingFraction(1, 1, PERIOD_30D, -1)).toThrow(
      RangeError,
    );
  });
});

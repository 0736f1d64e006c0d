import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_SECONDS,
  burnRate,
  burnRateFromCounts,
} from './burnRate';

/** Rounds to `digits` decimals so that null and numbers compare with toBe. */
const approx = (value: number | null, digits = 9) =>
  value === null ? null : Number(value.toFixed(digits)) + 0;

describe('burnRate', () => {
  it.each([
    // error ratio, target, burn rate
    [0, 0.999, 0],
    [0.001, 0.999, 1],
    [0.0144, 0.999, 14.4],
    [0.006, 0.999, 6],
    [0.01, 0.99, 1],
    [0.5, 0.99, 50],
    [0.0005, 0.9995, 1],
    [0.001, 0.9999, 10],
    [1, 0.999, 1000],
  ])('error ratio %p at target %p → %p×', (ratio, target, expected) => {
    expect(burnRate(ratio, target)).toBeCloseTo(expected, 9);
  });

  it.each([[-0.1], [1.1], [NaN]])('rejects error ratio %p', ratio => {
    expect(() => burnRate(ratio, 0.999)).toThrow(RangeError);
  });

  it('rejects an invalid target', () => {
    expect(() => burnRate(0.01, 1)).toThrow('got 1');
  });
});

describe('burnRateFromCounts', () => {
  it.each([
    [999, 1000, 0.999, 1],
    [9856, 10_000, 0.999, 14.4],
    [1000, 1000, 0.999, 0],
    [0, 0, 0.999, null],
  ])('good %p of %p at %p → %p', (good, total, target, expected) => {
    expect(approx(burnRateFromCounts(good, total, target))).toBe(
      approx(expected),
    );
  });

  it.each([
    [5, 4],
    [-1, 4],
  ])('rejects good %p of %p', (good, total) => {
    expect(() => burnRateFromCounts(good, total, 0.999)).toThrow(RangeError);
  });
});

describe('BURN_RATE_WINDOWS', () => {
  it('lists the standard windows shortest first with their lengths', () => {
    expect(BURN_RATE_WINDOWS).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    const seconds = BURN_RATE_WINDOWS.map(w => BURN_RATE_WINDOW_SECONDS[w]);
    expect(seconds).toEqual([300, 1800, 3600, 7200, 21600, 86400, 259200]);
  });
});

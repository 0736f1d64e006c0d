import {
  budgetConsumedFraction,
  budgetRemainingFraction,
  errorBudgetEvents,
  errorBudgetFraction,
  errorBudgetMinutes,
  sliFromCounts,
} from './budget';

const MINUTES_28D = 28 * 24 * 60;
const MINUTES_30D = 30 * 24 * 60;

describe('errorBudgetFraction / Events / Minutes', () => {
  it.each([
    // target, fraction, events per 1e6, minutes in 28 d, minutes in 30 d
    [0.99, 0.01, 10_000, 403.2, 432],
    [0.999, 0.001, 1_000, 40.32, 43.2],
    [0.9995, 0.0005, 500, 20.16, 21.6],
    [0.9999, 0.0001, 100, 4.032, 4.32],
  ])(
    'target %p: fraction %p, %p events of 1e6, %p min in 28 d, %p min in 30 d',
    (target, fraction, events, minutes28, minutes30) => {
      expect(errorBudgetFraction(target)).toBeCloseTo(fraction, 12);
      expect(errorBudgetEvents(target, 1_000_000)).toBeCloseTo(events, 6);
      expect(errorBudgetMinutes(target, MINUTES_28D)).toBeCloseTo(minutes28, 9);
      expect(errorBudgetMinutes(target, MINUTES_30D)).toBeCloseTo(minutes30, 9);
    },
  );

  it('has no budget events when there were no events', () => {
    expect(errorBudgetEvents(0.999, 0)).toBe(0);
  });

  it.each([[0], [1], [-0.5], [1.5], [99.9], [NaN], [Infinity]])(
    'rejects target %p with a RangeError naming it',
    target => {
      expect(() => errorBudgetFraction(target)).toThrow(RangeError);
      expect(() => errorBudgetFraction(target)).toThrow(
        `got ${String(target)}`,
      );
      expect(() => errorBudgetMinutes(target, MINUTES_28D)).toThrow(RangeError);
    },
  );

  it.each([[-1], [NaN]])('rejects total event count %p', total => {
    expect(() => errorBudgetEvents(0.999, total)).toThrow(RangeError);
  });

  it.each([[0], [-5]])('rejects window of %p minutes', minutes => {
    expect(() => errorBudgetMinutes(0.999, minutes)).toThrow(RangeError);
  });
});

describe('sliFromCounts', () => {
  it.each([
    [999, 1000, 0.999],
    [1000, 1000, 1],
    [0, 10, 0],
    [0, 0, null],
  ])('good %p of %p → %p', (good, total, expected) => {
    expect(sliFromCounts(good, total)).toBe(expected);
  });

  it.each([
    [11, 10],
    [-1, 10],
    [1, -1],
  ])('rejects good %p of total %p', (good, total) => {
    expect(() => sliFromCounts(good, total)).toThrow(RangeError);
  });
});

describe('budgetConsumedFraction / budgetRemainingFraction', () => {
  it.each([
    // good, total, target, consumed, remaining
    [1_000_000, 1_000_000, 0.999, 0, 1],
    [999_750, 1_000_000, 0.999, 0.25, 0.75],
    [999_000, 1_000_000, 0.999, 1, 0],
    [998_500, 1_000_000, 0.999, 1.5, -0.5], // overspent: negative remaining
    [990_000, 1_000_000, 0.999, 10, -9],
    [995, 1000, 0.99, 0.5, 0.5],
    [999_800, 1_000_000, 0.9995, 0.4, 0.6],
    [999_980, 1_000_000, 0.9999, 0.2, 0.8],
    [999_800, 1_000_000, 0.9999, 2, -1],
    [0, 100, 0.99, 100, -99],
  ])(
    'good %p of %p at %p → consumed %p, remaining %p',
    (good, total, target, consumed, remaining) => {
      expect(budgetConsumedFraction(good, total, target)).toBeCloseTo(
        consumed,
        9,
      );
      expect(budgetRemainingFraction(good, total, target)).toBeCloseTo(
        remaining,
        9,
      );
    },
  );

  it('answers null, not NaN, when there were no events', () => {
    expect(budgetConsumedFraction(0, 0, 0.999)).toBeNull();
    expect(budgetRemainingFraction(0, 0, 0.999)).toBeNull();
  });

  it('rejects an invalid target even with no events', () => {
    expect(() => budgetRemainingFraction(0, 0, 1)).toThrow(RangeError);
  });
});

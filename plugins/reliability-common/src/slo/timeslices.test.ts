import {
  TimeSliceCounts,
  countGoodTimeSlices,
  isGoodTimeSlice,
  timeSliceBudget,
} from './timeslices';

/** Rounds to `digits` decimals so that null and numbers compare with toBe. */
const approx = (value: number | null, digits = 9) =>
  value === null ? null : Number(value.toFixed(digits)) + 0;

const good = (n = 1): TimeSliceCounts[] =>
  Array.from({ length: n }, () => ({ good: 100, total: 100 }));
const bad = (n = 1): TimeSliceCounts[] =>
  Array.from({ length: n }, () => ({ good: 90, total: 100 }));
const empty = (n = 1): TimeSliceCounts[] =>
  Array.from({ length: n }, () => ({ good: 0, total: 0 }));

describe('isGoodTimeSlice', () => {
  it.each([
    [{ good: 95, total: 100 }, 0.95, true], // exactly on target
    [{ good: 949, total: 1000 }, 0.95, false], // just below
    [{ good: 999, total: 1000 }, 0.999, true],
    [{ good: 0, total: 0 }, 0.95, true], // no events: good
    [{ good: 0, total: 0 }, 1, true],
    [{ good: 10, total: 10 }, 1, true],
    [{ good: 9, total: 10 }, 1, false],
    [{ good: 0, total: 5 }, 0.5, false],
  ])('%p at slice target %p → %p', (slice, sliceTarget, expected) => {
    expect(isGoodTimeSlice(slice, sliceTarget)).toBe(expected);
  });

  it.each([[0], [1.01], [NaN]])('rejects timeSliceTarget %p', sliceTarget => {
    expect(() => isGoodTimeSlice({ good: 1, total: 1 }, sliceTarget)).toThrow(
      RangeError,
    );
  });

  it('rejects good > total', () => {
    expect(() => isGoodTimeSlice({ good: 2, total: 1 }, 0.9)).toThrow(
      RangeError,
    );
  });
});

describe('countGoodTimeSlices', () => {
  it.each([
    ['no slices', [], 0, 0],
    ['all good', good(10), 10, 10],
    ['two bad of ten', [...good(8), ...bad(2)], 8, 10],
    ['empty slices are good', [...empty(5), ...bad(1)], 5, 6],
  ])('%s', (_, slices, goodSlices, totalSlices) => {
    expect(countGoodTimeSlices(slices, 0.95)).toEqual({
      goodSlices,
      totalSlices,
    });
  });
});

describe('timeSliceBudget', () => {
  // 28 days of 5-minute slices = 8064 slices; at 99 % that allows 80.64 bad slices.
  it.each([
    // label, slices, target, sli, budgetSlices, consumed, remaining
    ['all good', good(8064), 0.99, 1, 80.64, 0, 1],
    [
      'half the budget',
      [...good(8064 - 40), ...bad(40)],
      0.99,
      (8064 - 40) / 8064,
      80.64,
      40 / 80.64,
      1 - 40 / 80.64,
    ],
    [
      'overspent: negative remaining',
      [...good(900), ...bad(100)],
      0.95,
      0.9,
      50,
      2,
      -1,
    ],
    [
      'quiet slices are good',
      [...empty(990), ...bad(10)],
      0.99,
      0.99,
      10,
      1,
      0,
    ],
    ['no slices', [], 0.99, null, 0, null, null],
  ])('%s', (_, slices, target, sli, budgetSlices, consumed, remaining) => {
    const result = timeSliceBudget(slices, 0.95, target);
    expect(result.totalSlices).toBe(slices.length);
    expect(result.badSlices).toBe(result.totalSlices - result.goodSlices);
    expect(approx(result.sli)).toBe(approx(sli));
    expect(approx(result.budgetSlices)).toBe(approx(budgetSlices));
    expect(approx(result.consumedFraction)).toBe(approx(consumed));
    expect(approx(result.remainingFraction)).toBe(approx(remaining));
  });

  it('rejects an invalid objective', () => {
    expect(() => timeSliceBudget(good(3), 0.95, 1)).toThrow('got 1');
  });
});

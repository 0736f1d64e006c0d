import { budgetRecoverySeconds } from './recovery';

const DAY = 24 * 60 * 60;
const P = 28 * DAY;

describe('budgetRecoverySeconds', () => {
  it('answers 0 when the budget is already below the level', () => {
    expect(
      budgetRecoverySeconds({
        consumedFraction: 0.7,
        burnRate: 5,
        periodSeconds: P,
        below: 0.75,
        rolling: true,
      }),
    ).toBe(0);
  });

  it('lets old bad events age out of a rolling window', () => {
    // 80 % consumed, not burning: 0.8·e^(−t/P) < 0.75 after P·ln(0.8/0.75).
    const seconds = budgetRecoverySeconds({
      consumedFraction: 0.8,
      burnRate: 0,
      periodSeconds: P,
      below: 0.75,
      rolling: true,
    })!;
    expect(seconds / DAY).toBeCloseTo(28 * Math.log(0.8 / 0.75), 6);
    expect(seconds / DAY).toBeCloseTo(1.807, 2);
  });

  it('takes longer while still burning', () => {
    const seconds = budgetRecoverySeconds({
      consumedFraction: 0.8,
      burnRate: 0.5,
      periodSeconds: P,
      below: 0.75,
      rolling: true,
    })!;
    expect(seconds / DAY).toBeCloseTo(28 * Math.log(0.3 / 0.25), 6);
  });

  it('never comes back while burning at or above the level', () => {
    for (const burnRate of [0.75, 14.4]) {
      expect(
        budgetRecoverySeconds({
          consumedFraction: 0.8,
          burnRate,
          periodSeconds: P,
          below: 0.75,
          rolling: true,
        }),
      ).toBeNull();
    }
  });

  it('waits for the end of a calendar window', () => {
    expect(
      budgetRecoverySeconds({
        consumedFraction: 1.4,
        burnRate: 3,
        periodSeconds: P,
        below: 0.75,
        rolling: false,
        secondsToWindowEnd: 3 * DAY,
      }),
    ).toBe(3 * DAY);
  });

  it('refuses figures that are not numbers', () => {
    expect(() =>
      budgetRecoverySeconds({
        consumedFraction: NaN,
        burnRate: 0,
        periodSeconds: P,
        below: 0.75,
        rolling: true,
      }),
    ).toThrow(RangeError);
  });
});

/**
 * Event counts must be finite, with `good` between 0 and `total`; throws a
 * RangeError naming the count otherwise.
 */
export function assertCounts(good: number, total: number): void {
  if (!(Number.isFinite(total) && total >= 0)) {
    throw new RangeError(
      `total event count must be a finite number ≥ 0, got ${total}`,
    );
  }
  if (!(Number.isFinite(good) && good >= 0 && good <= total)) {
    throw new RangeError(
      `good event count must be a finite number between 0 and total (${total}), got ${good}`,
    );
  }
}

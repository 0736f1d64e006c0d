import { createHash } from 'node:crypto';

/**
 * Answers computed within the last `ttlMs`, shared by every caller who asks
 * for the same key: the reliability review (a pass over a period's records
 * that a room of people opening it at once should pay once) and entities
 * read from the catalog (see `CatalogEntityCache`). Callers asking for a key
 * while it is computed wait for the same computation; a failed one is not
 * remembered. Bounded: at most `maxEntries` answers, the oldest dropped first.
 * An answer that depends on the clock (what is overdue, what is within the
 * last 90 days) can say, through `holdsUntil`, when it stops holding; it is
 * forgotten then, if that comes before `ttlMs`. With `renewWithinMs`, an
 * answer past its time to live is still given while the next is computed,
 * so that no caller waits for the renewal but the first after the window.
 *
 * @internal
 */
export class AnswerCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T>; until?: number; renewing?: boolean }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
      /** The time (as `now` counts) from which `answer` no longer holds. */
      holdsUntil?: (answer: T) => number;
      /**
       * For this long after `ttlMs`, an answer is still given while one
       * caller's computation of the next runs, instead of every caller
       * waiting for it. Not for answers with `holdsUntil`.
       */
      renewWithinMs?: number;
    },
  ) {}

  /** The remembered answer for `key`, or the one `compute` gives now. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const entry = this.entries.get(key);
    const { ttlMs, renewWithinMs = 0 } = this.options;
    if (
      entry &&
      now - entry.at < ttlMs &&
      (entry.until === undefined || now < entry.until)
    ) {
      return entry.value;
    }
    if (
      entry &&
      entry.until === undefined &&
      now - entry.at < ttlMs + renewWithinMs
    ) {
      if (!entry.renewing) {
        entry.renewing = true;
        compute().then(
          answer => {
            if (this.entries.get(key) === entry) {
              this.entries.set(key, {
                at: now,
                value: Promise.resolve(answer),
              });
            }
          },
          () => {
            entry.renewing = false;
          },
        );
      }
      return entry.value;
    }
    const value = compute();
    const created: { at: number; value: Promise<T>; until?: number } = {
      at: now,
      value,
    };
    this.entries.delete(key);
    this.entries.set(key, created);
    const { holdsUntil } = this.options;
    value.then(
      answer => {
        if (holdsUntil) {
          created.until = holdsUntil(answer);
        }
      },
      () => {
        if (this.entries.get(key) === created) {
          this.entries.delete(key);
        }
      },
    );
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) {
        break;
      }
      this.entries.delete(oldest);
    }
    return value;
  }
}

/**
 * A short, stable key for a list of parts, e.g. a review's period and the
 * entities whose records it counts.
 *
 * @internal
 */
export function answerCacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * An answer that depends on the clock, and the time (epoch milliseconds)
 * from which it no longer holds even if no record changes: when an incident
 * leaves the last 90 days, or an action item becomes overdue at midnight.
 * `Infinity` when only a write can change it.
 *
 * @internal
 */
export interface TimedAnswer<T> {
  answer: T;
  holdsUntil: number;
}

import { createHash } from 'node:crypto';

/**
 * Answers computed within the last `ttlMs`, shared by every caller who asks
 * for the same key: the reliability review (a pass over a period's records
 * that a room of people opening it at once should pay once) and entities
 * read from the catalog (see `CatalogEntityCache`). Callers asking for a key
 * while it is computed wait for the same computation; a failed one is not
 * remembered. Bounded: at most `maxEntries` answers, the oldest dropped first.
 *
 * @internal
 */
export class AnswerCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /** The remembered answer for `key`, or the one `compute` gives now. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.options.ttlMs) {
      return entry.value;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) {
        this.entries.delete(key);
      }
    });
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

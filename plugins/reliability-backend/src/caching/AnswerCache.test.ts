import { AnswerCache, answerCacheKey } from './AnswerCache';

describe('AnswerCache', () => {
  function setup(maxEntries = 10) {
    let now = 0;
    const cache = new AnswerCache<string>({
      ttlMs: 60_000,
      maxEntries,
      now: () => now,
    });
    return { cache, tick: (ms: number) => (now += ms) };
  }

  it('computes once for callers asking at the same time and within the minute', async () => {
    const { cache, tick } = setup();
    const compute = jest.fn(async () => 'review');
    const [a, b] = await Promise.all([
      cache.get('org', compute),
      cache.get('org', compute),
    ]);
    tick(59_999);
    await cache.get('org', compute);
    expect([a, b]).toEqual(['review', 'review']);
    expect(compute).toHaveBeenCalledTimes(1);
    tick(1);
    await cache.get('org', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failure', async () => {
    const { cache } = setup();
    await expect(
      cache.get('org', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    await expect(cache.get('org', async () => 'review')).resolves.toBe(
      'review',
    );
  });

  it('keeps at most its bound of answers, dropping the oldest', async () => {
    const { cache } = setup(2);
    const compute = jest.fn(async () => 'review');
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('c', compute);
    await cache.get('c', compute);
    await cache.get('b', compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('forgets an answer at the time the answer itself says it stops holding', async () => {
    let now = 0;
    const cache = new AnswerCache<{ count: number; holdsUntil: number }>({
      ttlMs: 60_000,
      maxEntries: 10,
      now: () => now,
      holdsUntil: answer => answer.holdsUntil,
    });
    let count = 0;
    const compute = jest.fn(async () => ({
      count: ++count,
      holdsUntil: now + 1_000,
    }));
    expect((await cache.get('cart', compute)).count).toBe(1);
    now = 999;
    expect((await cache.get('cart', compute)).count).toBe(1);
    now = 1_000;
    expect((await cache.get('cart', compute)).count).toBe(2);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('within the renewal window, answers the last answer while one caller computes the next, and waits after it', async () => {
    let now = 0;
    const cache = new AnswerCache<string>({
      ttlMs: 10_000,
      renewWithinMs: 10_000,
      maxEntries: 10,
      now: () => now,
    });
    let finish!: (answer: string) => void;
    const compute = jest.fn(
      () =>
        new Promise<string>(resolve => {
          finish = resolve;
        }),
    );
    const first = cache.get('refs', compute);
    finish('first');
    expect(await first).toBe('first');

    now = 10_000;
    expect(await cache.get('refs', compute)).toBe('first');
    expect(await cache.get('refs', compute)).toBe('first');
    expect(compute).toHaveBeenCalledTimes(2);
    finish('second');
    await Promise.resolve();
    expect(await cache.get('refs', compute)).toBe('second');

    // A failed renewal is tried again by the next caller.
    now = 20_000;
    const failing = jest.fn(async () => {
      throw new Error('catalog unreachable');
    });
    expect(await cache.get('refs', failing)).toBe('second');
    await Promise.resolve();
    expect(await cache.get('refs', failing)).toBe('second');
    expect(failing).toHaveBeenCalledTimes(2);

    // Past the window, the caller waits for a new answer.
    now = 30_000;
    const third = cache.get('refs', compute);
    finish('third');
    expect(await third).toBe('third');
  });

  it('keys equal parts alike and different parts apart', () => {
    expect(answerCacheKey(['org', 'month'])).toBe(
      answerCacheKey(['org', 'month']),
    );
    expect(answerCacheKey(['org', 'month'])).not.toBe(
      answerCacheKey(['org', 'week']),
    );
  });
});

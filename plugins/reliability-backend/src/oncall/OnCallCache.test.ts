import {
  onCallAt,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { OnCallCache } from './OnCallCache';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/** Daily 09:00 Berlin hand-offs between alice and bob, 18:00–20:00 only on weekdays. */
function record(version = 1): ScheduleRecord {
  return {
    id: 'a0a0a0a0-0000-4000-8000-000000000001',
    name: 'primary',
    ownerRef: 'group:default/team',
    schedule: {
      name: 'primary',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'daily',
          participants: [ALICE, BOB],
          rotation: { length: 1, unit: 'days' },
          handoff: { time: '09:00' },
          start: '2026-12-01',
          restrictions:
            version === 3 ? [{ from: '18:00', to: '20:00' }] : undefined,
        },
      ],
      overrides: [],
    },
    escalationPolicy: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: `2026-12-0${version}T00:00:00.000Z`,
    version,
  };
}

/** The cache's answer at `iso`, and whether it had to compute it. */
function ask(cache: OnCallCache, stored: ScheduleRecord, iso: string) {
  let computed = 0;
  const at = new Date(iso);
  const current = cache.current(stored, at, () => {
    computed++;
    return onCallAt(stored.schedule, iso);
  });
  const next = cache.next(stored, at, current, () => {
    computed++;
    return null;
  });
  return { user: current?.user ?? null, next, computed };
}

describe('OnCallCache', () => {
  it('computes who is on call once per shift', () => {
    const cache = new OnCallCache();
    expect(ask(cache, record(), '2026-12-07T10:00:00Z')).toEqual({
      user: ALICE,
      next: null,
      computed: 2,
    });
    // Until the next hand-off (09:00 Berlin is 08:00Z), the same answer.
    expect(ask(cache, record(), '2026-12-08T07:59:59Z')).toMatchObject({
      user: ALICE,
      computed: 0,
    });
    expect(ask(cache, record(), '2026-12-08T08:00:00Z')).toMatchObject({
      user: BOB,
      computed: 2,
    });
  });

  it('answers from the schedule as written last', () => {
    const cache = new OnCallCache();
    ask(cache, record(1), '2026-12-07T10:00:00Z');
    expect(ask(cache, record(2), '2026-12-07T10:00:00Z').computed).toBe(2);
    // Now restricted to 18:00–20:00: nobody at 11:00 Berlin.
    expect(ask(cache, record(3), '2026-12-07T10:00:00Z')).toMatchObject({
      user: null,
      computed: 2,
    });
  });

  it('holds at most as many schedules as it is given', () => {
    const cache = new OnCallCache(1);
    const other = { ...record(), id: 'a0a0a0a0-0000-4000-8000-000000000002' };
    ask(cache, record(), '2026-12-07T10:00:00Z');
    ask(cache, other, '2026-12-07T10:00:00Z');
    expect(ask(cache, record(), '2026-12-07T10:00:00Z').computed).toBe(2);
  });
});

import { ScheduleOnCall } from '../oncall/api';
import { escalationChainOf, incidentEscalationOf } from './escalation';

const shift = (user: string) => ({
  user,
  start: '2026-12-07T00:00:00.000Z',
  end: '2026-12-08T00:00:00.000Z',
});

const schedule = (
  name: string,
  current: string | null,
  escalation: ScheduleOnCall['escalation'] = [],
): ScheduleOnCall => ({
  scheduleId: name,
  name,
  ownerRef: 'group:default/team-checkout',
  timeZone: 'UTC',
  current: current ? shift(current) : null,
  next: null,
  escalation,
});

describe('escalationChainOf', () => {
  it('merges the levels of every schedule, level by level', () => {
    const chain = escalationChainOf({
      schedules: [
        schedule('checkout-primary', 'user:default/lena', [
          {
            delayMinutes: 0,
            schedule: 'checkout-primary',
            user: 'user:default/lena',
          },
          {
            delayMinutes: 15,
            schedule: 'checkout-secondary',
            user: 'user:default/jonas',
          },
          { delayMinutes: 30, schedule: 'sre-daily', user: 'user:default/sam' },
        ]),
        schedule('checkout-db', 'user:default/priya'),
      ],
    });
    expect(chain).toEqual([
      [
        { userRef: 'user:default/lena', schedule: 'checkout-primary' },
        { userRef: 'user:default/priya', schedule: 'checkout-db' },
      ],
      [{ userRef: 'user:default/jonas', schedule: 'checkout-secondary' }],
      [{ userRef: 'user:default/sam', schedule: 'sre-daily' }],
    ]);
  });

  it('does not page a secondary schedule first when a policy pages it later', () => {
    const chain = escalationChainOf({
      schedules: [
        schedule('checkout-primary', 'user:default/marcus', [
          {
            delayMinutes: 0,
            schedule: 'checkout-primary',
            user: 'user:default/marcus',
          },
          {
            delayMinutes: 15,
            schedule: 'checkout-secondary',
            user: 'user:default/lena',
          },
        ]),
        schedule('checkout-secondary', 'user:default/lena'),
      ],
    });
    expect(chain).toEqual([
      [{ userRef: 'user:default/marcus', schedule: 'checkout-primary' }],
      [{ userRef: 'user:default/lena', schedule: 'checkout-secondary' }],
    ]);
  });

  it('keeps a level whose schedule has a gap, with nobody on it', () => {
    const chain = escalationChainOf({
      schedules: [
        schedule('primary', 'user:default/lena', [
          { delayMinutes: 0, schedule: 'primary', user: 'user:default/lena' },
          { delayMinutes: 10, schedule: 'secondary', user: null },
          { delayMinutes: 20, user: 'user:default/anna' },
        ]),
      ],
    });
    expect(chain).toEqual([
      [{ userRef: 'user:default/lena', schedule: 'primary' }],
      [],
      [{ userRef: 'user:default/anna', schedule: null }],
    ]);
  });

  it('pages a person once per level however many schedules name them', () => {
    const chain = escalationChainOf({
      schedules: [
        schedule('a', 'user:default/lena'),
        schedule('b', 'user:default/lena'),
      ],
    });
    expect(chain).toEqual([[{ userRef: 'user:default/lena', schedule: 'a' }]]);
  });

  it('has no levels without schedules', () => {
    expect(escalationChainOf({ schedules: [] })).toEqual([]);
  });
});

describe('incidentEscalationOf', () => {
  const chain = [
    [{ userRef: 'user:default/lena', schedule: 'primary' }],
    [{ userRef: 'user:default/jonas', schedule: 'secondary' }],
    [{ userRef: 'user:default/sam', schedule: 'sre' }],
  ];
  const open = {
    status: 'investigating' as const,
    startedAt: '2026-12-07T10:00:00.000Z',
    detectedAt: '2026-12-07T10:02:00.000Z',
    acknowledgedAt: null,
  };
  const policy = { escalateAfterSeconds: 300 };

  it.each([
    [1, '2026-12-07T10:07:00.000Z'],
    [2, '2026-12-07T10:12:00.000Z'],
    [3, null],
  ])(
    'at level %s the next level is due at %s, counted from detection',
    (level, next) => {
      const escalation = incidentEscalationOf(
        { ...open, escalationLevel: level },
        chain,
        policy,
      );
      expect(escalation.level).toBe(level);
      expect(escalation.nextEscalationAt).toBe(next);
      expect(escalation.levels.map(l => l.engaged)).toEqual(
        [1, 2, 3].map(l => l <= level),
      );
    },
  );

  it('stops escalating once acknowledged or resolved, or without a policy', () => {
    for (const incident of [
      { ...open, acknowledgedAt: '2026-12-07T10:03:00.000Z' },
      { ...open, status: 'resolved' as const },
    ]) {
      expect(
        incidentEscalationOf(incident, chain, policy).nextEscalationAt,
      ).toBeNull();
    }
    expect(
      incidentEscalationOf(open, chain, { escalateAfterSeconds: null })
        .nextEscalationAt,
    ).toBeNull();
  });

  it('never stands past the last level of a chain that got shorter', () => {
    const escalation = incidentEscalationOf(
      { ...open, escalationLevel: 5 },
      chain,
      policy,
    );
    expect(escalation.level).toBe(3);
  });

  it('stands at level 1 of an empty chain', () => {
    const escalation = incidentEscalationOf(open, [], policy);
    expect(escalation).toEqual({
      level: 1,
      levels: [],
      nextEscalationAt: null,
    });
  });
});

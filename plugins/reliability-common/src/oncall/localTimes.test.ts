import { finalSchedule } from './finalSchedule';
import { Layer, Schedule } from './types';
import { ALICE, BOB, CAROL } from './__testUtils__/testSchedules';

// RFC 5545 §3.3.5: a local time that occurs twice (fall-back) means its
// first occurrence; one that does not occur (spring-forward) is read with
// the offset before the gap. Every way a schedule names a local time must
// agree: a hand-off, a layer's start, an override, a restriction window.
const cases: Array<[string, string, string, string, string]> = [
  // [zone, kind, local date, local time, instant]
  // Berlin: 02:00 CET → 03:00 CEST on 29 March, 03:00 CEST → 02:00 CET on 25 October.
  [
    'Europe/Berlin',
    'nonexistent',
    '2026-03-29',
    '02:30',
    '2026-03-29T01:30:00.000Z',
  ],
  [
    'Europe/Berlin',
    'repeated',
    '2026-10-25',
    '02:30',
    '2026-10-25T00:30:00.000Z',
  ],
  // New York: 02:00 EST → 03:00 EDT on 8 March, 02:00 EDT → 01:00 EST on 1 November.
  [
    'America/New_York',
    'nonexistent',
    '2026-03-08',
    '02:30',
    '2026-03-08T07:30:00.000Z',
  ],
  [
    'America/New_York',
    'repeated',
    '2026-11-01',
    '01:30',
    '2026-11-01T05:30:00.000Z',
  ],
  // Lord Howe shifts by half an hour: 02:00 +10:30 → 02:30 +11:00 on 4 October,
  // 02:00 +11:00 → 01:30 +10:30 on 5 April.
  [
    'Australia/Lord_Howe',
    'nonexistent',
    '2026-10-04',
    '02:15',
    '2026-10-03T15:45:00.000Z',
  ],
  [
    'Australia/Lord_Howe',
    'repeated',
    '2026-04-05',
    '01:45',
    '2026-04-04T14:45:00.000Z',
  ],
];

const HOUR = 3_600_000;
const around = (instant: string) => ({
  start: new Date(Date.parse(instant) - 30 * HOUR).toISOString(),
  end: new Date(Date.parse(instant) + 30 * HOUR).toISOString(),
});
const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 24 * HOUR)
    .toISOString()
    .slice(0, 10);

function scheduleOf(zone: string, layer: Partial<Layer>): Schedule {
  return {
    name: 'local-times',
    timeZone: zone,
    layers: [
      {
        name: 'daily',
        participants: [ALICE, BOB],
        rotation: { length: 1, unit: 'days' },
        handoff: { time: '12:00' },
        start: '2026-01-01',
        ...layer,
      },
    ],
    overrides: [],
  };
}

describe.each(cases)('%s, %s %s %s', (zone, _kind, date, time, instant) => {
  it('hands off there', () => {
    const shifts = finalSchedule(
      scheduleOf(zone, { handoff: { time }, start: dayBefore(date) }),
      around(instant),
    );
    expect(shifts.map(s => s.end)).toContain(instant);
  });

  it('starts a layer there', () => {
    const shifts = finalSchedule(
      scheduleOf(zone, { handoff: { time }, start: `${date}T${time}` }),
      around(instant),
    );
    expect(shifts[0]).toMatchObject({ start: instant, user: ALICE });
  });

  it('starts an override there', () => {
    const schedule = scheduleOf(zone, {});
    schedule.overrides = [
      { user: CAROL, start: `${date}T${time}`, end: `${date}T${time}:30` },
    ];
    const override = finalSchedule(schedule, around(instant)).find(
      s => s.override,
    );
    expect(override?.start).toBe(instant);
  });

  it('hands a weekly turn off there', () => {
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const shifts = finalSchedule(
      scheduleOf(zone, {
        rotation: { length: 1, unit: 'weeks' },
        handoff: { time, weekday },
        start: '2026-01-01',
      }),
      around(instant),
    );
    expect(shifts.map(s => s.end)).toContain(instant);
  });

  it('opens a restriction window there', () => {
    const shifts = finalSchedule(
      scheduleOf(zone, {
        participants: [ALICE],
        restrictions: [{ from: time, to: '23:00' }],
      }),
      around(instant),
    );
    expect(shifts.map(s => s.start)).toContain(instant);
  });

  it('closes a restriction window there', () => {
    const shifts = finalSchedule(
      scheduleOf(zone, {
        participants: [ALICE],
        restrictions: [{ from: '00:00', to: time }],
      }),
      around(instant),
    );
    expect(shifts.map(s => s.end)).toContain(instant);
  });

  it('reads a restriction in its own zone there', () => {
    // A schedule in a zone without daylight saving, a window in the zone.
    const restricted = (from: string, to: string) =>
      finalSchedule(
        scheduleOf('Asia/Tokyo', {
          participants: [ALICE],
          restrictions: [{ from, to, timeZone: zone }],
        }),
        around(instant),
      );
    expect(restricted(time, '23:00').map(s => s.start)).toContain(instant);
    expect(restricted('00:00', time).map(s => s.end)).toContain(instant);
  });
});

import { finalSchedule } from './finalSchedule';
import { HealthIncident, onCallHealth, OnCallHealthPerson } from './health';
import { Schedule } from './types';
import { ALICE, BOB, CAROL, DAVE, ERIN } from './__testUtils__/testSchedules';

/*
 * The fixture: a fortnight in Europe/Berlin, Mon 2026-03-23 00:00 to
 * Mon 2026-04-06 00:00, with the spring-forward of Sun 2026-03-29
 * (02:00 CET → 03:00 CEST, i.e. 01:00Z): CET = UTC+1 before, CEST = UTC+2
 * after. The period is 03-22T23:00Z–04-05T22:00Z = 14 × 24 − 1 = 335 h.
 *
 * Layers (the later wins where it has someone):
 * - primary: alice, bob weekly from Mon 09:00, started 2026-03-02 (alice
 *   03-02, bob 03-09, alice 03-16, bob 03-23, alice 03-30), restricted to
 *   Mon 00:00 – Sat 00:00;
 * - weekends: carol alone, Sat 00:00 – Sun 20:00 (so Sun 20:00 – Mon 00:00
 *   has nobody).
 * Overrides, in order (the later wins where two overlap):
 *   1. dave  Wed 03-25 18:00 – Thu 03-26 09:00
 *   2. erin  Thu 03-26 06:00 – 12:00 (takes 06:00–09:00 from dave)
 *   3. bob   Sat 03-28 00:00 – Sun 03-29 00:00 (over carol's weekend)
 *   4. alice Sun 04-05 10:00 – 14:00 (over carol's weekend)
 *
 * The final schedule, hand-computed (UTC; hours):
 *   #1  alice  03-22T23 – 03-23T08    9  (Mon 00–09 CET)
 *   #2  bob    03-23T08 – 03-25T17   57  (Mon 09 – Wed 18 CET: 2 d 9 h)
 *   #3  dave   03-25T17 – 03-26T05   12  (override 1, cut by 2)
 *   #4  erin   03-26T05 – 03-26T11    6  (override 2)
 *   #5  bob    03-26T11 – 03-27T23   36  (Thu 12 – Sat 00 CET)
 *   #6  bob    03-27T23 – 03-28T23   24  (override 3, all CET)
 *   #7  carol  03-28T23 – 03-29T18   19  (Sun 00 CET – 20 CEST: 20 − 1)
 *   gap        03-29T18 – 03-29T22    4  (Sun 20 – Mon 00 CEST)
 *   #8  bob    03-29T22 – 03-30T07    9  (Mon 00–09 CEST)
 *   #9  alice  03-30T07 – 04-03T22  111  (Mon 09 – Sat 00 CEST: 4 d 15 h)
 *   #10 carol  04-03T22 – 04-05T08   34  (Sat 00 – Sun 10 CEST)
 *   #11 alice  04-05T08 – 04-05T12    4  (override 4)
 *   #12 carol  04-05T12 – 04-05T18    6  (Sun 14–20 CEST)
 *   gap        04-05T18 – 04-05T22    4
 *   9+57+12+6+36+24+19+4+9+111+34+4+6+4 = 335 ✓
 */
const fortnight: Schedule = {
  name: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'primary',
      participants: [ALICE, BOB],
      rotation: { length: 1, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2026-03-02',
      restrictions: [{ weekdays: [1, 2, 3, 4, 5], from: '00:00', to: '24:00' }],
    },
    {
      name: 'weekends',
      participants: [CAROL],
      rotation: { length: 1, unit: 'weeks' },
      handoff: { time: '00:00', weekday: 1 },
      start: '2026-03-02',
      restrictions: [
        { weekdays: [6], from: '00:00', to: '24:00' },
        { weekdays: [7], from: '00:00', to: '20:00' },
      ],
    },
  ],
  overrides: [
    { user: DAVE, start: '2026-03-25T18:00', end: '2026-03-26T09:00' },
    { user: ERIN, start: '2026-03-26T06:00', end: '2026-03-26T12:00' },
    { user: BOB, start: '2026-03-28T00:00', end: '2026-03-29T00:00' },
    { user: ALICE, start: '2026-04-05T10:00', end: '2026-04-05T14:00' },
  ],
};

const period = { start: '2026-03-23', end: '2026-04-06' };

/** Bob has no zone of his own and erin's is not one: both count in Berlin's. */
const timeZones = {
  [ALICE]: 'Europe/Berlin',
  [CAROL]: 'America/New_York',
  [DAVE]: 'Asia/Tokyo',
  [ERIN]: 'Not/AZone',
};

/*
 * Incidents (UTC), and whose shifts they touch:
 *   a 03-25T17:30–18:30  dave (#3)
 *   b 03-26T04:30–05:30  dave and erin (across the #3/#4 hand-off)
 *   c 03-29T19:00–23:00  the gap, then bob (#8)
 *   d 04-01T10:00–open   alice (#9, #11) and carol (#10, #12), and, still
 *                        open, the last gap
 *   e 03-20T10:00–11:00  before the period: nobody
 *   f 04-05T19:00–19:30  the last gap only
 *   g 03-23T08:00–08:00  resolved as it started, at the alice→bob hand-off:
 *                        bob's (shifts are half-open)
 */
const incidents: HealthIncident[] = [
  { start: '2026-03-25T17:30:00Z', end: '2026-03-25T18:30:00Z' },
  { start: '2026-03-26T04:30:00Z', end: '2026-03-26T05:30:00Z' },
  { start: '2026-03-29T19:00:00Z', end: '2026-03-29T23:00:00Z' },
  { start: '2026-04-01T10:00:00Z', end: null },
  { start: '2026-03-20T10:00:00Z', end: '2026-03-20T11:00:00Z' },
  { start: '2026-04-05T19:00:00Z', end: '2026-04-05T19:30:00Z' },
  { start: '2026-03-23T08:00:00Z', end: '2026-03-23T08:00:00Z' },
];

type Figures = Omit<OnCallHealthPerson, 'user' | 'timeZone'>;

describe('onCallHealth over a fortnight with a DST change', () => {
  const health = onCallHealth(fortnight, period, { timeZones, incidents });

  it('expands the same final schedule the timeline shows', () => {
    expect(
      finalSchedule(fortnight, period).map(s => [
        s.user.replace('user:default/', ''),
        (Date.parse(s.end) - Date.parse(s.start)) / 3_600_000,
      ]),
    ).toEqual([
      ['alice', 9],
      ['bob', 57],
      ['dave', 12],
      ['erin', 6],
      ['bob', 36],
      ['bob', 24],
      ['carol', 19],
      ['bob', 9],
      ['alice', 111],
      ['carol', 34],
      ['alice', 4],
      ['carol', 6],
    ]);
  });

  it.each<[string, string, Figures]>([
    /*
     * alice, Berlin, working hours Mon–Fri 08–18:
     *   #1 Mon 00–09 CET: working 08–09 = 1, out of hours 9 − 1 = 8
     *   #9 Mon 09 – Sat 00 CEST: working Mon 09–18 = 9 + Tue–Fri 4 × 10 = 49,
     *      out of hours 111 − 49 = 62
     *   #11 Sun 10–14: out of hours 4, weekend 4
     *   on call 9 + 111 + 4 = 124; out of hours 8 + 62 + 4 = 74; weekend 4
     *   incidents: d; longest stretch 111 (#9)
     */
    [
      ALICE,
      'Europe/Berlin',
      {
        timeZoneSource: 'person',
        inRotation: true,
        shifts: 3,
        onCallHours: 124,
        outOfHoursHours: 74,
        weekendHours: 4,
        incidents: 1,
        longestStretchHours: 111,
      },
    ],
    /*
     * bob, no zone: Berlin's
     *   #2 Mon 09 – Wed 18 CET: working 9 + 10 + 10 = 29, out 57 − 29 = 28
     *   #5 Thu 12 – Sat 00 CET: working 6 + 10 = 16, out 36 − 16 = 20
     *   #6 Sat 00 – Sun 00 CET: out 24, weekend 24
     *   #8 Mon 00–09 CEST: working 08–09 = 1, out 8
     *   on call 57 + 36 + 24 + 9 = 126; out 28 + 20 + 24 + 8 = 80; weekend 24
     *   incidents: c, g; longest stretch #5 + #6 (touching) = 36 + 24 = 60
     */
    [
      BOB,
      'Europe/Berlin',
      {
        timeZoneSource: 'schedule',
        inRotation: true,
        shifts: 4,
        onCallHours: 126,
        outOfHoursHours: 80,
        weekendHours: 24,
        incidents: 2,
        longestStretchHours: 60,
      },
    ],
    /*
     * carol, New York (EDT = UTC−4 all fortnight; US DST began 03-08):
     *   #7  03-28T23Z–03-29T18Z = Sat 19:00 – Sun 14:00 EDT: weekend 19
     *   #10 04-03T22Z–04-05T08Z = Fri 18:00 – Sun 04:00 EDT: Fri 18–24 out of
     *       hours 6, Sat 00 – Sun 04 weekend 28; out 34
     *   #12 04-05T12Z–18Z = Sun 08:00–14:00 EDT: weekend 6
     *   on call 19 + 34 + 6 = 59; out 19 + 34 + 6 = 59; weekend 19 + 28 + 6 = 53
     *   (read in Berlin's zone all 59 h would be weekend)
     *   incidents: d; longest stretch 34
     */
    [
      CAROL,
      'America/New_York',
      {
        timeZoneSource: 'person',
        inRotation: true,
        shifts: 3,
        onCallHours: 59,
        outOfHoursHours: 59,
        weekendHours: 53,
        incidents: 1,
        longestStretchHours: 34,
      },
    ],
    /*
     * dave, Tokyo (UTC+9): #3 = Thu 03-26 02:00–14:00 JST: working 08–14 = 6,
     * out 12 − 6 = 6; incidents a, b
     */
    [
      DAVE,
      'Asia/Tokyo',
      {
        timeZoneSource: 'person',
        inRotation: false,
        shifts: 1,
        onCallHours: 12,
        outOfHoursHours: 6,
        weekendHours: 0,
        incidents: 2,
        longestStretchHours: 12,
      },
    ],
    /*
     * erin, not a zone: Berlin's. #4 Thu 06–12 CET: working 08–12 = 4, out 2;
     * incident b
     */
    [
      ERIN,
      'Europe/Berlin',
      {
        timeZoneSource: 'schedule',
        inRotation: false,
        shifts: 1,
        onCallHours: 6,
        outOfHoursHours: 2,
        weekendHours: 0,
        incidents: 1,
        longestStretchHours: 6,
      },
    ],
  ])('%s, counted in %s', (user, timeZone, figures) => {
    expect(health.people.find(p => p.user === user)).toEqual({
      user,
      timeZone,
      ...figures,
    });
  });

  it('lists people with the most hours on call first', () => {
    expect(health.people.map(p => p.user)).toEqual([
      BOB,
      ALICE,
      CAROL,
      DAVE,
      ERIN,
    ]);
  });

  it('totals the schedule', () => {
    expect(health).toMatchObject({
      from: '2026-03-22T23:00:00.000Z',
      to: '2026-04-05T22:00:00.000Z',
      // 14 days × 24 h − the hour skipped on 03-29
      hours: 335,
      timeZone: 'Europe/Berlin',
      totals: {
        shifts: 12,
        // 124 + 126 + 59 + 12 + 6 = 327 = 335 − 8 h of gaps
        onCallHours: 327,
        // 74 + 80 + 59 + 6 + 2
        outOfHoursHours: 221,
        // 4 + 24 + 53
        weekendHours: 81,
        // a, b, c, d, g (e is before the period, f only in a gap)
        incidents: 5,
        // c; d, still open at the last gap; f
        incidentsInGaps: 3,
        longestStretchHours: 111,
      },
      gaps: [
        { start: '2026-03-29T18:00:00.000Z', end: '2026-03-29T22:00:00.000Z' },
        { start: '2026-04-05T18:00:00.000Z', end: '2026-04-05T22:00:00.000Z' },
      ],
      gapHours: 8,
    });
  });

  it('compares the people in the rotation only', () => {
    // bob 126 − carol 59 = 67 h on call; out of hours bob 80 − carol 59 = 21;
    // dave and erin only covered once, so they are not "least loaded".
    expect(health.fairness).toEqual({
      mostLoaded: BOB,
      leastLoaded: CAROL,
      onCallHoursSpread: 67,
      outOfHoursSpread: 21,
    });
  });
});

describe('onCallHealth', () => {
  const daily: Schedule = {
    name: 'daily',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'primary',
        participants: [ALICE, BOB, CAROL],
        rotation: { length: 1, unit: 'days' },
        handoff: { time: '09:00' },
        start: '2026-10-19',
      },
    ],
    overrides: [],
  };

  it.each<[string, { start: string; end: string }, Record<string, number>]>([
    // Berlin falls back on Sun 2026-10-25 (03:00 CEST → 02:00 CET): the
    // day from Sat 09:00 to Sun 09:00 lasts 25 h. alice has 10-19, 22, 25;
    // bob 10-20, 23; carol 10-21, 24.
    [
      'a fall-back day lasts 25 hours',
      { start: '2026-10-24T09:00', end: '2026-10-25T09:00' },
      { [CAROL]: 25, [ALICE]: 0, [BOB]: 0 },
    ],
    [
      'a person not on call in the period still counts, with nothing',
      { start: '2026-10-19T09:00', end: '2026-10-20T09:00' },
      { [ALICE]: 24, [BOB]: 0, [CAROL]: 0 },
    ],
  ])('%s', (_, range, expected) => {
    const health = onCallHealth(daily, range);
    expect(
      Object.fromEntries(health.people.map(p => [p.user, p.onCallHours])),
    ).toEqual(expected);
  });

  it('has no fairness with one person in the rotation', () => {
    const alone = {
      ...daily,
      layers: [{ ...daily.layers[0], participants: [ALICE] }],
    };
    expect(
      onCallHealth(alone, { start: '2026-10-19', end: '2026-10-26' }).fairness,
    ).toBeNull();
  });

  it('leaves out incidents it cannot read', () => {
    const health = onCallHealth(
      daily,
      { start: '2026-10-19T09:00', end: '2026-10-20T09:00' },
      { incidents: [{ start: 'yesterday' }, { start: '2026-10-19T12:00' }] },
    );
    expect(health.totals.incidents).toBe(1);
  });
});

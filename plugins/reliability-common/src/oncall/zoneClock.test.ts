import { DateTime } from 'luxon';
import { DAY_MS } from './time';
import { ZoneClock } from './zoneClock';

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const minutesOf = (time: string) =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

describe('ZoneClock', () => {
  it.each([
    // [zone, local date, local time, instant]
    ['Europe/Berlin', '2026-07-01', '09:00', '2026-07-01T07:00:00.000Z'],
    ['Europe/Berlin', '2026-12-01', '09:00', '2026-12-01T08:00:00.000Z'],
    ['Europe/Berlin', '2026-12-01', '24:00', '2026-12-01T23:00:00.000Z'],
    ['Asia/Tokyo', '2026-12-01', '09:00', '2026-12-01T00:00:00.000Z'],
    ['UTC', '2026-12-01', '09:00', '2026-12-01T09:00:00.000Z'],
    // Skipped by spring-forward: read with the offset before the gap, so it
    // moves forward by the gap (02:30 CET is 03:30 CEST).
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'],
    // Repeated at fall-back: the first occurrence (still summer time).
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    // Half an hour of daylight saving on Lord Howe Island.
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z'],
    // Chile falls back at midnight: 23:30 on Saturday happens twice.
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00.000Z'],
    // Samoa skipped 30 December 2011 altogether (-10 h to +14 h).
    ['Pacific/Apia', '2011-12-30', '12:00', '2011-12-30T22:00:00.000Z'],
    ['Pacific/Apia', '2011-12-31', '12:00', '2011-12-30T22:00:00.000Z'],
  ])('%s %s %s is %s', (zone, date, time, instant) => {
    const clock = ZoneClock.of(zone);
    expect(new Date(clock.at(dayOf(date), minutesOf(time))).toISOString()).toBe(
      instant,
    );
  });

  it('agrees with luxon on every time that occurs exactly once, around transitions', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'America/Santiago',
      'America/Havana',
      'Australia/Lord_Howe',
      'Africa/Casablanca',
      'Asia/Gaza',
      'Pacific/Apia',
      'Asia/Kolkata',
    ];
    let compared = 0;
    for (const zone of zones) {
      const clock = ZoneClock.of(zone);
      // Days near a transition in 2011 (Apia), 2026 and 2040 (Gaza changes
      // twice within a week then), and a few plain ones.
      for (const year of [2011, 2026, 2040]) {
        const first = dayOf(`${year}-01-01`);
        for (let day = first; day < first + 366; day++) {
          const offsetAt = (d: number) =>
            DateTime.fromMillis(d * DAY_MS, { zone }).offset;
          const near = offsetAt(day - 1) !== offsetAt(day + 2);
          if (!near && day % 61 !== 0) {
            continue;
          }
          for (let minutes = 0; minutes <= 1440; minutes += 30) {
            const date = new Date((day + Math.floor(minutes / 1440)) * DAY_MS);
            const local = DateTime.fromObject(
              {
                year: date.getUTCFullYear(),
                month: date.getUTCMonth() + 1,
                day: date.getUTCDate(),
                hour: Math.floor((minutes % 1440) / 60),
                minute: minutes % 60,
              },
              { zone },
            );
            // Times that occur twice or not at all are the cases above (where
            // luxon's answer depends on the offset the zone has today).
            const shown = (ms: number) =>
              DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
            const wanted = `${date.toISOString().slice(0, 10)} ${String(
              Math.floor((minutes % 1440) / 60),
            ).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
            const occurrences = [-24, -2, -1, -0.5, 0.5, 1, 2, 24].filter(
              h => shown(local.toMillis() + h * 3_600_000) === wanted,
            );
            if (shown(local.toMillis()) !== wanted || occurrences.length) {
              continue;
            }
            expect([zone, clock.at(day, minutes)]).toEqual([
              zone,
              local.toMillis(),
            ]);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it('tells the local day of an instant', () => {
    const clock = ZoneClock.of('Asia/Tokyo');
    expect(clock.dayOf(Date.parse('2026-12-01T14:59:59Z'))).toBe(
      dayOf('2026-12-01'),
    );
    expect(clock.dayOf(Date.parse('2026-12-01T15:00:00Z'))).toBe(
      dayOf('2026-12-02'),
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => ZoneClock.of('Mars/Olympus_Mons')).toThrow(
      /Unknown time zone/,
    );
  });
});

import { parseInstantOrNaN, toIso } from './instant';

describe('parseInstantOrNaN', () => {
  it.each([
    // [written, zone, instant or NaN]
    ['2026-07-01', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
    ['2026-07-01T09:30', 'Europe/Berlin', '2026-07-01T07:30:00.000Z'],
    ['2026-07-01T09:30:15', 'Europe/Berlin', '2026-07-01T07:30:15.000Z'],
    ['2026-07-01T09:30:15.250', 'Europe/Berlin', '2026-07-01T07:30:15.250Z'],
    ['2026-07-01T09:30Z', 'Europe/Berlin', '2026-07-01T09:30:00.000Z'],
    ['2026-07-01T09:30:15.250Z', 'Asia/Tokyo', '2026-07-01T09:30:15.250Z'],
    ['2026-07-01T09:30+05:30', 'Europe/Berlin', '2026-07-01T04:00:00.000Z'],
    ['2026-07-01T09:30:00-03:00', 'Europe/Berlin', '2026-07-01T12:30:00.000Z'],
    ['2024-02-29T12:00Z', 'UTC', '2024-02-29T12:00:00.000Z'],
    // Other ISO forms, read by luxon.
    ['2026-07-01T09:30:15,5Z', 'UTC', '2026-07-01T09:30:15.500Z'],
    ['2026-07-01T09:30:15.5Z', 'UTC', '2026-07-01T09:30:15.500Z'],
    ['2026-07-01T09Z', 'UTC', '2026-07-01T09:00:00.000Z'],
    ['20260701T0930Z', 'UTC', '2026-07-01T09:30:00.000Z'],
    ['2026-W27-3T09:30Z', 'UTC', '2026-07-01T09:30:00.000Z'],
    ['2026-182T09:30Z', 'UTC', '2026-07-01T09:30:00.000Z'],
    ['2026-07-01T24:00', 'UTC', '2026-07-02T00:00:00.000Z'],
    // Not instants.
    ['2026-02-29', 'UTC', 'NaN'],
    ['2026-13-01', 'UTC', 'NaN'],
    ['2026-07-01T09:60', 'UTC', 'NaN'],
    ['2026-07-01T09:30:60Z', 'UTC', 'NaN'],
    ['2026-07-01 09:30', 'UTC', 'NaN'],
    ['2026-07-01T09:30Zulu', 'UTC', 'NaN'],
    ['2026-7-01', 'UTC', 'NaN'],
    ['tomorrow', 'UTC', 'NaN'],
    ['', 'UTC', 'NaN'],
  ])('reads %s in %s as %s', (written, zone, expected) => {
    const ms = parseInstantOrNaN(written, zone);
    expect(Number.isNaN(ms) ? 'NaN' : new Date(ms).toISOString()).toBe(
      expected,
    );
  });

  it('reads nothing but strings', () => {
    expect(parseInstantOrNaN(20260701, 'UTC')).toBeNaN();
    expect(parseInstantOrNaN(undefined, 'UTC')).toBeNaN();
  });
});

describe('toIso', () => {
  it('writes what toISOString writes, on every day of four centuries', () => {
    const DAY = 86_400_000;
    const first = Date.UTC(1900, 0, 1);
    const mismatches: string[] = [];
    for (let day = 0; day < 146_097; day++) {
      // A different time of day each day: whole minutes, seconds, milliseconds.
      const ms = first + day * DAY + ((day * 7_919_357) % DAY);
      if (toIso(ms) !== new Date(ms).toISOString()) {
        mismatches.push(new Date(ms).toISOString());
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it.each([
    -62_167_219_200_000, // 0000-01-01
    253_402_300_799_999, // 9999-12-31T23:59:59.999
    -1, // before 1970
    Date.UTC(2000, 1, 29, 23, 59), // a leap day of a century
    Date.UTC(2100, 2, 1), // after a century without one
    1.5, // not a whole millisecond
    -62_167_219_200_001, // before year 0
  ])('writes %p as toISOString does', ms => {
    expect(toIso(ms)).toBe(new Date(ms).toISOString());
  });
});

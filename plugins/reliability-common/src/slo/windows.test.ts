import { DateTime } from 'luxon';
import {
  calendarWindow,
  parseSloDuration,
  rollingWindow,
  sloWindowAt,
  windowLengthMinutes,
} from './windows';

const BERLIN = 'Europe/Berlin';
const berlin = (iso: string) =>
  DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis();

describe('parseSloDuration', () => {
  it.each([
    ['30s', 30, 's'],
    ['5m', 5, 'm'],
    ['1h', 1, 'h'],
    ['28d', 28, 'd'],
    ['2w', 2, 'w'],
    ['1M', 1, 'M'],
    ['1Q', 1, 'Q'],
    ['1Y', 1, 'Y'],
  ])('%s → %p %s', (text, amount, unit) => {
    expect(parseSloDuration(text)).toEqual({ amount, unit });
  });

  it.each([
    ['28D'],
    ['1y'],
    ['28 d'],
    ['d'],
    ['1.5h'],
    ['-1d'],
    ['P28D'],
    [''],
  ])('rejects %p with a message naming it', text => {
    expect(() => parseSloDuration(text)).toThrow(
      `Invalid OpenSLO duration ${JSON.stringify(
        text,
      )}: expected a whole number followed by one of s, m, h, d, w, M, Q, Y`,
    );
  });

  it('rejects a zero duration', () => {
    expect(() => parseSloDuration('0d')).toThrow('must be longer than zero');
  });
});

describe('rollingWindow', () => {
  const at = utc('2026-03-15T12:00:00');

  it.each([
    ['28d', utc('2026-02-15T12:00:00'), 40_320],
    ['7d', utc('2026-03-08T12:00:00'), 10_080],
    ['1h', utc('2026-03-15T11:00:00'), 60],
    ['5m', utc('2026-03-15T11:55:00'), 5],
    ['90s', utc('2026-03-15T11:58:30'), 1.5],
    ['1w', utc('2026-03-08T12:00:00'), 10_080],
    ['1M', utc('2026-02-15T12:00:00'), 40_320],
  ])('%s ending at 2026-03-15T12:00Z', (duration, start, minutes) => {
    const window = rollingWindow(duration, at);
    expect(window).toEqual({ start, end: at });
    expect(windowLengthMinutes(window)).toBe(minutes);
  });

  it('is 28 × 24 hours even across a DST change', () => {
    const end = berlin('2026-04-10T00:00');
    expect(windowLengthMinutes(rollingWindow('28d', end))).toBe(40_320);
  });

  it('accepts a Date', () => {
    expect(rollingWindow('1h', new Date(at))).toEqual({
      start: at - 3_600_000,
      end: at,
    });
  });

  it('rejects an invalid duration', () => {
    expect(() => rollingWindow('28days', at)).toThrow(
      'Invalid OpenSLO duration "28days"',
    );
  });
});

describe('calendarWindow', () => {
  it.each([
    // duration, zone, instant, start, end, hours
    [
      '1M',
      BERLIN,
      berlin('2026-03-15T12:00'),
      berlin('2026-03-01T00:00'),
      berlin('2026-04-01T00:00'),
      743,
    ],
    [
      '1M',
      BERLIN,
      berlin('2026-10-15T12:00'),
      berlin('2026-10-01T00:00'),
      berlin('2026-11-01T00:00'),
      745,
    ],
    [
      '1M',
      BERLIN,
      berlin('2026-02-28T23:30'),
      berlin('2026-02-01T00:00'),
      berlin('2026-03-01T00:00'),
      672,
    ],
    [
      '1M',
      BERLIN,
      berlin('2026-03-01T00:30'),
      berlin('2026-03-01T00:00'),
      berlin('2026-04-01T00:00'),
      743,
    ],
    [
      '1M',
      'UTC',
      utc('2026-03-15T12:00'),
      utc('2026-03-01T00:00'),
      utc('2026-04-01T00:00'),
      744,
    ],
    [
      '1d',
      BERLIN,
      berlin('2026-03-29T12:00'),
      berlin('2026-03-29T00:00'),
      berlin('2026-03-30T00:00'),
      23,
    ],
    [
      '1d',
      BERLIN,
      berlin('2026-10-25T01:00'),
      berlin('2026-10-25T00:00'),
      berlin('2026-10-26T00:00'),
      25,
    ],
    [
      '1w',
      BERLIN,
      berlin('2026-03-29T23:59'), // a Sunday
      berlin('2026-03-23T00:00'),
      berlin('2026-03-30T00:00'),
      167,
    ],
    [
      '1w',
      'UTC',
      utc('2026-03-30T00:00'), // a Monday, first instant of its week
      utc('2026-03-30T00:00'),
      utc('2026-04-06T00:00'),
      168,
    ],
    [
      '1Q',
      BERLIN,
      berlin('2026-02-10T08:00'),
      berlin('2026-01-01T00:00'),
      berlin('2026-04-01T00:00'),
      90 * 24 - 1,
    ],
    [
      '1Y',
      BERLIN,
      berlin('2026-07-01T00:00'),
      berlin('2026-01-01T00:00'),
      berlin('2027-01-01T00:00'),
      365 * 24,
    ],
  ])('%s in %s containing %p', (duration, zone, at, start, end, hours) => {
    const window = calendarWindow(duration, at, zone);
    expect(window).toEqual({ start, end });
    expect(windowLengthMinutes(window)).toBe(hours * 60);
    expect(at).toBeGreaterThanOrEqual(window.start);
    expect(at).toBeLessThan(window.end);
  });

  it('puts 2026-02-28T23:30 and 2026-03-01T00:30 Berlin in different months', () => {
    const before = calendarWindow('1M', berlin('2026-02-28T23:30'), BERLIN);
    const after = calendarWindow('1M', berlin('2026-03-01T00:30'), BERLIN);
    expect(before.end).toBe(after.start);
    expect(before).not.toEqual(after);
  });

  it('decides the month in the zone, not in UTC', () => {
    // 2026-03-01T00:30 Berlin is 2026-02-28T23:30 UTC.
    const at = berlin('2026-03-01T00:30');
    expect(calendarWindow('1M', at, 'UTC').start).toBe(utc('2026-02-01T00:00'));
    expect(calendarWindow('1M', at, BERLIN).start).toBe(
      berlin('2026-03-01T00:00'),
    );
  });

  it('gives 40.32 budget-minute inputs for February 2026', () => {
    const feb = calendarWindow('1M', utc('2026-02-10T00:00'), 'UTC');
    expect(windowLengthMinutes(feb)).toBe(40_320);
  });

  it.each([['28d'], ['2w'], ['1h'], ['5m']])(
    'rejects %p as a calendar window',
    duration => {
      expect(() => calendarWindow(duration, 0, 'UTC')).toThrow(
        'use one of 1d, 1w, 1M, 1Q, 1Y',
      );
    },
  );

  it('rejects an unknown time zone', () => {
    expect(() => calendarWindow('1M', 0, 'Mars/Olympus')).toThrow(
      'Unknown time zone "Mars/Olympus"',
    );
  });
});

describe('sloWindowAt', () => {
  const at = berlin('2026-10-15T12:00');

  it.each([
    [{ duration: '28d', isRolling: true }, at - 28 * 86_400_000, at],
    [
      { duration: '1M', isRolling: false, timeZone: BERLIN },
      berlin('2026-10-01T00:00'),
      berlin('2026-11-01T00:00'),
    ],
    [
      { duration: '1M', isRolling: false },
      utc('2026-10-01T00:00'),
      utc('2026-11-01T00:00'),
    ],
  ])('%p', (spec, start, end) => {
    expect(sloWindowAt(spec, at)).toEqual({ start, end });
  });
});

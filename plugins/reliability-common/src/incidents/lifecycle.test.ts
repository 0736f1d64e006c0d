import { formatDuration, isIncidentOpen, secondsBetween } from './lifecycle';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [60, '1 min'],
    [75 * 60, '1 h 15 min'],
    [2 * 3600, '2 h'],
    [2 * 3600 + 59, '2 h'],
    [24 * 3600, '1 d'],
    [3 * 86400 + 4 * 3600 + 59 * 60, '3 d 4 h'],
  ])('%s seconds reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it.each([-1, NaN, Infinity])('rejects %s', seconds => {
    expect(() => formatDuration(seconds)).toThrow(RangeError);
  });
});

describe('secondsBetween', () => {
  it.each([
    ['2026-10-20T10:00:00Z', '2026-10-20T11:15:00Z', 4500],
    ['2026-10-20T10:00:00.400Z', '2026-10-20T10:00:01Z', 1],
    ['2026-10-20T11:00:00Z', '2026-10-20T10:00:00Z', -3600],
    [null, '2026-10-20T10:00:00Z', null],
    ['2026-10-20T10:00:00Z', undefined, null],
  ])('from %s to %s is %s', (from, to, expected) => {
    expect(secondsBetween(from, to)).toBe(expected);
  });
});

describe('isIncidentOpen', () => {
  it.each([
    ['investigating', true],
    ['identified', true],
    ['monitoring', true],
    ['resolved', false],
  ] as const)('%s is open: %s', (status, open) => {
    expect(isIncidentOpen(status)).toBe(open);
  });
});

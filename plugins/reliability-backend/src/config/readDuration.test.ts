import { ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readDuration } from './readDuration';

const KEY = 'reliability.runbooks.refreshInterval';
const minutesOf = (refreshInterval?: unknown) =>
  durationToMilliseconds(
    readDuration(
      new ConfigReader(
        refreshInterval === undefined
          ? {}
          : ({ reliability: { runbooks: { refreshInterval } } } as any),
      ),
      KEY,
      { minutes: 10 },
    ),
  ) / 60_000;

describe('readDuration', () => {
  it.each([
    [undefined, 10],
    ['10m', 10],
    ['90s', 1.5],
    ['2h', 120],
    ['1d', 1440],
    ['PT15M', 15],
    ['PT1H30M', 90],
    [{ minutes: 5 }, 5],
    [{ hours: 1, minutes: 30 }, 90],
    [{ weeks: 1 }, 7 * 1440],
  ])('reads %p as %p minutes', (value, minutes) => {
    expect(minutesOf(value)).toBe(minutes);
  });

  it.each([['soon'], ['0m'], ['PT'], [{ fortnights: 1 }], [42]])(
    'rejects %p naming the key',
    value => {
      expect(() => minutesOf(value)).toThrow(
        /^Invalid duration at reliability\.runbooks\.refreshInterval: /,
      );
    },
  );
});

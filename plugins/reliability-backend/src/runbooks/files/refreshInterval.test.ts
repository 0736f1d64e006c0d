import { mockServices } from '@backstage/backend-test-utils';
import { readRunbookRefreshMinutes } from './refreshInterval';

const minutesOf = (refreshInterval?: unknown) =>
  readRunbookRefreshMinutes(
    mockServices.rootConfig({
      data:
        refreshInterval === undefined
          ? {}
          : { reliability: { runbooks: { refreshInterval } } },
    }),
  );

describe('readRunbookRefreshMinutes', () => {
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
  ])('reads %p as %p minutes', (value, minutes) => {
    expect(minutesOf(value)).toBe(minutes);
  });

  it.each([['soon'], ['0m'], ['PT'], [{ weeks: 1 }], [42]])(
    'rejects %p naming the key',
    value => {
      expect(() => minutesOf(value)).toThrow(
        /reliability\.runbooks\.refreshInterval must be a duration/,
      );
    },
  );
});

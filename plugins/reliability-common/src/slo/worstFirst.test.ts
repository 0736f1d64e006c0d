import { SloStatus } from './api';
import {
  compareSloWorstFirstKeys,
  sloWorstFirstKey,
  sortSlosWorstFirst,
} from './worstFirst';

function slo(
  id: string,
  state: SloStatus['state'],
  remainingFraction: number | null,
  alert: SloStatus['alert']['state'] = 'ok',
  displayName = id,
): SloStatus {
  return {
    id,
    displayName,
    state,
    budget: { remainingFraction },
    alert: { state: alert, rule: null },
  } as SloStatus;
}

describe('sortSlosWorstFirst', () => {
  it.each([
    [
      'least budget left first',
      [slo('a', 'ok', 0.5), slo('b', 'ok', -0.2), slo('c', 'ok', 0.1)],
      ['b', 'c', 'a'],
    ],
    [
      'paging before ticket before quiet on equal budget',
      [
        slo('a', 'ok', 0.5, 'ok'),
        slo('b', 'ok', 0.5, 'ticket'),
        slo('c', 'ok', 0.5, 'page'),
      ],
      ['c', 'b', 'a'],
    ],
    [
      'a failing source before no data and not evaluated, after every figure',
      [
        slo('pending', 'pending', null),
        slo('nodata', 'no-data', null),
        slo('failing', 'source-unavailable', null),
        slo('healthy', 'ok', 0.99),
      ],
      ['healthy', 'failing', 'nodata', 'pending'],
    ],
    [
      'by name, then id, on a tie',
      [
        slo('z', 'ok', 0.5, 'ok', 'Same'),
        slo('y', 'ok', 0.5, 'ok', 'Same'),
        slo('x', 'ok', 0.5, 'ok', 'Apdex'),
      ],
      ['x', 'y', 'z'],
    ],
  ])('%s', (_case, slos, ids) => {
    expect(sortSlosWorstFirst(slos).map(s => s.id)).toEqual(ids);
  });

  it('orders keys as it orders the objectives', () => {
    const sorted = sortSlosWorstFirst([
      slo('a', 'ok', 0.5),
      slo('b', 'no-data', null),
      slo('c', 'ok', -1),
    ]);
    const keys = sorted.map(sloWorstFirstKey);
    for (let i = 1; i < keys.length; i++) {
      expect(compareSloWorstFirstKeys(keys[i - 1], keys[i])).toBeLessThan(0);
      expect(compareSloWorstFirstKeys(keys[i], keys[i - 1])).toBeGreaterThan(0);
    }
    expect(compareSloWorstFirstKeys(keys[0], [...keys[0]])).toBe(0);
  });
});

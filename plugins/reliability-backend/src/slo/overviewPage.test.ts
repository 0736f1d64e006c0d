import {
  DEFAULT_ERROR_BUDGET_POLICY,
  sloWorstFirstKey,
  SloStatus,
  sortSlosWorstFirst,
} from '@reliability-hub/plugin-reliability-common';
import { overviewPage, RankedSlo } from './overviewPage';

function slo(
  id: string,
  entityRef: string,
  remaining: number | null,
  more: Partial<SloStatus> = {},
): SloStatus {
  return {
    id,
    entityRef,
    displayName: id,
    owner: 'group:default/a-team',
    system: `system:default/${entityRef.split('/')[1]}`,
    state: remaining === null ? 'pending' : 'ok',
    budget: { remainingFraction: remaining },
    alert: { state: 'ok', rule: null },
    tier: null,
    ...more,
  } as SloStatus;
}

const SLOS = sortSlosWorstFirst([
  slo('a1', 'component:default/a', -0.5, {
    alert: { state: 'page', rule: null },
  }),
  slo('a2', 'component:default/a', 0.1, {
    alert: { state: 'ticket', rule: null },
    tier: { ...DEFAULT_ERROR_BUDGET_POLICY[2], index: 2 },
  }),
  slo('h1', 'component:default/hidden', -0.9, {
    alert: { state: 'page', rule: null },
  }),
  slo('b1', 'component:default/b', 0.7, { owner: 'group:default/b-team' }),
  slo('b2', 'component:default/b', null, { owner: 'group:default/b-team' }),
]);
const RANKED: RankedSlo[] = SLOS.map(s => ({
  slo: s,
  key: sloWorstFirstKey(s),
}));
const visible = (ref: string) => ref !== 'component:default/hidden';
const page = (filter: object) =>
  overviewPage(
    RANKED,
    { limit: 20, ...filter },
    visible,
    DEFAULT_ERROR_BUDGET_POLICY,
  );

describe('overviewPage', () => {
  it('neither lists, counts nor offers the system of what the caller may not see', () => {
    const all = page({});
    expect(all.items.map(s => s.id)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(all.totalItems).toBe(4);
    expect(all.counts).toEqual({
      slos: 4,
      paging: 1,
      ticketing: 1,
      outOfBudget: 1,
    });
    expect(all.systems).toEqual(['system:default/a', 'system:default/b']);
    expect(all.nextCursor).toBeUndefined();
  });

  it.each([
    [{ owner: 'group:default/b-team' }, ['b1', 'b2']],
    [{ system: 'system:default/a' }, ['a1', 'a2']],
    [{ state: 'pending' }, ['b2']],
    [{ tier: 'deployment SLOWDOWN' }, ['a2']],
    [{ system: 'system:default/hidden' }, []],
  ])('filters by %o', (filter, ids) => {
    const answer = page(filter);
    expect(answer.items.map(s => s.id)).toEqual(ids);
    expect(answer.totalItems).toBe(ids.length);
    // The system filter's choices do not shrink with the filters.
    expect(answer.systems).toEqual(['system:default/a', 'system:default/b']);
  });

  it('continues after the last SLO of the page before, with the same counts', () => {
    const first = page({ limit: 3 });
    expect(first.items.map(s => s.id)).toEqual(['a1', 'a2', 'b1']);
    const second = page({ limit: 3, cursor: first.nextCursor });
    expect(second.items.map(s => s.id)).toEqual(['b2']);
    expect(second.nextCursor).toBeUndefined();
    expect(second.counts).toEqual(first.counts);
  });

  it('refuses a cursor it did not make', () => {
    for (const cursor of ['nope', Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => page({ cursor })).toThrow('Invalid cursor');
    }
  });
});

import { SloStatus } from './api';

/**
 * Where an SLO objective stands in a list worst first, as a tuple that
 * compares in that order: evaluated objectives first (least budget left
 * first, then paging before ticket before quiet), then those whose source
 * failed, then those without data or not evaluated yet; by name, then id.
 * A page's last key is where the next page starts.
 *
 * @public
 */
export type SloWorstFirstKey = [
  rank: number,
  remainingFraction: number,
  alertRank: number,
  displayName: string,
  id: string,
];

const ALERT_RANK = { page: 0, ticket: 1, ok: 2 } as const;

/**
 * The {@link SloWorstFirstKey} of an objective.
 *
 * @public
 */
export function sloWorstFirstKey(slo: SloStatus): SloWorstFirstKey {
  let rank = 2;
  if (slo.state === 'ok' && slo.budget.remainingFraction !== null) {
    rank = 0;
  } else if (slo.state === 'source-unavailable') {
    rank = 1;
  }
  return [
    rank,
    slo.budget.remainingFraction ?? 0,
    ALERT_RANK[slo.alert.state] ?? 2,
    slo.displayName,
    slo.id,
  ];
}

/** Code unit order: the same in every browser and backend, and cheap. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Compares two {@link SloWorstFirstKey}s: negative when `a` comes first.
 *
 * @public
 */
export function compareSloWorstFirstKeys(
  a: SloWorstFirstKey,
  b: SloWorstFirstKey,
): number {
  return (
    a[0] - b[0] ||
    a[1] - b[1] ||
    a[2] - b[2] ||
    compareText(a[3], b[3]) ||
    compareText(a[4], b[4])
  );
}

/**
 * Objectives worst first (see {@link SloWorstFirstKey}), as a new array.
 *
 * @public
 */
export function sortSlosWorstFirst(slos: readonly SloStatus[]): SloStatus[] {
  return slos
    .map(slo => ({ slo, key: sloWorstFirstKey(slo) }))
    .sort((a, b) => compareSloWorstFirstKeys(a.key, b.key))
    .map(entry => entry.slo);
}

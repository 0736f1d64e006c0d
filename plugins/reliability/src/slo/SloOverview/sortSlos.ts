import { SloStatus } from '@reliability-hub/plugin-reliability-common';

/** Evaluated SLOs first, then those without current figures. */
function rank(slo: SloStatus): number {
  if (slo.state === 'ok' && slo.budget.remainingFraction !== null) {
    return 0;
  }
  return slo.state === 'source-unavailable' ? 1 : 2;
}

/**
 * SLOs worst first: least budget left first, paging before ticket before
 * quiet on a tie, SLOs without current figures last (a failing source before
 * no data and not evaluated), then by name.
 *
 * @internal
 */
export function worstFirst(slos: readonly SloStatus[]): SloStatus[] {
  const alertRank = { page: 0, ticket: 1, ok: 2 } as const;
  return [...slos].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.budget.remainingFraction ?? 0) - (b.budget.remainingFraction ?? 0) ||
      alertRank[a.alert.state] - alertRank[b.alert.state] ||
      a.displayName.localeCompare(b.displayName),
  );
}

import { SloStatus } from '@reliability-hub/plugin-reliability-common';

/**
 * The SLOs with the least error budget left, those without figures last.
 *
 * @internal
 */
export function worstSlos(slos: SloStatus[], limit: number): SloStatus[] {
  const left = (slo: SloStatus) =>
    slo.budget.remainingFraction ?? Number.POSITIVE_INFINITY;
  return [...slos].sort((a, b) => left(a) - left(b)).slice(0, limit);
}

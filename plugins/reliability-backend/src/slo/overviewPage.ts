import { InputError } from '@backstage/errors';
import {
  compareSloWorstFirstKeys,
  ErrorBudgetPolicyTier,
  SloOverview,
  SloOverviewCounts,
  sloOverviewQuerySchema,
  SloStatus,
  SloWorstFirstKey,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';

/**
 * The query of the SLO overview: its filters and the page.
 *
 * @internal
 */
export type SloOverviewFilter = z.output<typeof sloOverviewQuerySchema>;

/**
 * An objective with its place in the overview.
 *
 * @internal
 */
export interface RankedSlo {
  slo: SloStatus;
  key: SloWorstFirstKey;
}

/** @internal */
export function encodeOverviewCursor(key: SloWorstFirstKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key a previous page ended with, or an InputError (400) for anything
 * else.
 *
 * @internal
 */
export function decodeOverviewCursor(value: string): SloWorstFirstKey {
  try {
    const key = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 5 &&
      key.slice(0, 3).every(part => Number.isFinite(part)) &&
      key.slice(3).every(part => typeof part === 'string')
    ) {
      return key as SloWorstFirstKey;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of a previous page',
  );
}

/**
 * One page of the overview from every objective, worst first: those of
 * entities `visible` says the caller may see and that match the filters,
 * after the cursor, with the counts over all of them and the systems of
 * every visible objective. One pass, whatever the page.
 *
 * @internal
 */
export function overviewPage(
  ranked: readonly RankedSlo[],
  filter: SloOverviewFilter,
  visible: (entityRef: string) => boolean,
  tiers: readonly ErrorBudgetPolicyTier[],
): SloOverview {
  const after = filter.cursor ? decodeOverviewCursor(filter.cursor) : undefined;
  const tier = filter.tier?.toLocaleLowerCase('en-US');
  const counts: SloOverviewCounts = {
    slos: 0,
    paging: 0,
    ticketing: 0,
    outOfBudget: 0,
  };
  const systems = new Set<string>();
  const items: SloStatus[] = [];
  let last: SloWorstFirstKey | undefined;
  let more = false;
  for (const { slo, key } of ranked) {
    if (!visible(slo.entityRef)) {
      continue;
    }
    if (slo.system) {
      systems.add(slo.system);
    }
    if (
      (filter.owner && slo.owner !== filter.owner) ||
      (filter.system && slo.system !== filter.system) ||
      (filter.state && slo.state !== filter.state) ||
      (tier && slo.tier?.name.toLocaleLowerCase('en-US') !== tier)
    ) {
      continue;
    }
    counts.slos++;
    if (slo.state === 'ok') {
      if (slo.alert.state === 'page') {
        counts.paging++;
      } else if (slo.alert.state === 'ticket') {
        counts.ticketing++;
      }
      if ((slo.budget.remainingFraction ?? 1) <= 0) {
        counts.outOfBudget++;
      }
    }
    if (after && compareSloWorstFirstKeys(key, after) <= 0) {
      continue;
    }
    if (items.length < filter.limit) {
      items.push(slo);
      last = key;
    } else {
      more = true;
    }
  }
  return {
    items,
    ...(more && last ? { nextCursor: encodeOverviewCursor(last) } : {}),
    totalItems: counts.slos,
    counts,
    systems: [...systems].sort(),
    tiers: [...tiers],
  };
}

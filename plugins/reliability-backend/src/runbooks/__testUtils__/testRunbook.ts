import { Runbook } from '@reliability-hub/plugin-reliability-common';
import { IndexedRunbook } from '../store/RunbookStore';

/**
 * A structured runbook for tests, as the refresh would index it.
 *
 * @internal
 */
export function testRunbook(
  entityRef: string,
  overrides: Partial<Runbook> & { id: string; title: string },
  extra: Partial<IndexedRunbook> = {},
): IndexedRunbook {
  const runbook: Runbook = {
    alerts: [],
    tags: [],
    reviewIntervalDays: 90,
    prerequisites: [],
    steps: [],
    verification: [],
    escalation: [],
    source: { file: 'runbooks/test.yaml', documentIndex: 0 },
    ...overrides,
  };
  const reviewDue = runbook.lastReviewed
    ? new Date(
        Date.parse(runbook.lastReviewed) +
          runbook.reviewIntervalDays * 24 * 3600 * 1000,
      )
        .toISOString()
        .slice(0, 10)
    : undefined;
  return {
    id: `${entityRef}/${runbook.id}`,
    kind: 'structured',
    entityRef,
    title: runbook.title,
    description: runbook.description,
    severity: runbook.severity,
    alerts: runbook.alerts,
    tags: runbook.tags,
    owner: 'group:default/team-checkout',
    system: 'system:default/storefront',
    lastReviewed: runbook.lastReviewed,
    reviewIntervalDays: runbook.reviewIntervalDays,
    reviewDue,
    runbook,
    sourceLocation: runbook.source.file,
    contentHash: 'hash',
    ...extra,
  };
}

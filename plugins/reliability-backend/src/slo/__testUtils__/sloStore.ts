import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { parseOpenSlo } from '../parse';
import { currentStatuses } from '../sloStatus';
import { EntitySloDefinitions } from '../store/SloStore';
import { TEST_OPENSLO } from './sloFixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

/**
 * The definitions of {@link TEST_OPENSLO} for `entityRef`, as stored.
 *
 * @internal
 */
export function testDefinitions(
  entityRef: string,
  owner = 'group:default/payments',
): EntitySloDefinitions {
  const { slos } = parseOpenSlo(TEST_OPENSLO, 'openslo.yaml');
  return {
    entityRef,
    location: 'url:https://git.example.com/openslo.yaml',
    owner,
    contentHash: 'h',
    etags: {},
    slos: slos.map(definition => ({ definition, yaml: null })),
    problems: [],
    readAt: NOW.toISOString(),
  };
}

/**
 * Every objective of `definitions`, evaluated with `remaining` budget left.
 *
 * @internal
 */
export function evaluated(
  definitions: EntitySloDefinitions,
  remaining: number,
): SloStatus[] {
  return currentStatuses(definitions, new Map(), NOW).map(status => ({
    ...status,
    state: 'ok',
    evaluatedAt: NOW.toISOString(),
    budget: { ...status.budget, remainingFraction: remaining },
  }));
}

import { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity page should show the reliability roll-up card and tab:
 * Groups (the components they own) and Systems (the components they have).
 * Not Resources, Templates or other kinds, which own no incidents.
 *
 * @public
 */
export function isReliabilityRollupAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kind === 'group' || kind === 'system';
}

import { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity page should show Reliability Hub cards and tabs: every
 * Component, since incidents need no annotation.
 *
 * @public
 */
export function isReliabilityAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}

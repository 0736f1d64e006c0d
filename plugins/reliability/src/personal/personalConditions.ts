import { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity page should show the "My reliability" tab: Users.
 *
 * @public
 */
export function isReliabilityPersonAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'user';
}

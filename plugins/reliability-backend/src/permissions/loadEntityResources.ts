import { AuthService } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { failedDependencyStatus } from '../database/unavailable';
import { ReliabilityEntityResource } from './resource';

/**
 * Loads the facts permission rules need about entities, from the catalog.
 * Unknown entities resolve to undefined, which denies conditional decisions.
 * A catalog that fails with a server error (say, while its database
 * restarts) is answered as unavailable (503), not as a bug of ours.
 *
 * A GROUP counts among its own owners: its `ownerRefs` include the group ref
 * itself (besides any `ownedBy` relations). Schedule permissions use the
 * schedule's owner group as the resource ref, so a member of the group —
 * whose ownership claims include the group — passes IS_ENTITY_OWNER.
 *
 * @internal
 */
export async function loadEntityResources(
  options: { catalog: CatalogService; auth: AuthService },
  entityRefs: string[],
): Promise<Array<ReliabilityEntityResource | undefined>> {
  const { items } = await options.catalog
    .getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    )
    .catch(error => {
      const status = failedDependencyStatus(error);
      if (status === undefined) {
        throw error;
      }
      throw new ServiceUnavailableError(
        `The catalog could not answer (HTTP ${status}); try again in a few seconds`,
      );
    });
  return items.map(entity =>
    entity
      ? {
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          ownerRefs: [
            ...(entity.relations ?? [])
              .filter(relation => relation.type === RELATION_OWNED_BY)
              .map(relation => relation.targetRef),
            ...(entity.kind.toLocaleLowerCase('en-US') === 'group'
              ? [stringifyEntityRef(entity).toLocaleLowerCase('en-US')]
              : []),
          ],
        }
      : undefined,
  );
}

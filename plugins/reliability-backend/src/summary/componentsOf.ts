import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The relation a component carries to the group or system that groups it. */
const RELATION_BY_KIND: Record<string, string> = {
  group: 'relations.ownedBy',
  system: 'relations.partOf',
};

/**
 * The components whose records a group's or system's summary aggregates: the
 * components the group owns, or the components that are part of the system —
 * those the caller may see, as the catalog is asked with the caller's
 * credentials. Undefined for other kinds, which are summarised on their own.
 *
 * @internal
 */
export async function componentsOf(
  entityRef: string,
  options: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<string[] | undefined> {
  const kind = parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  const relation = RELATION_BY_KIND[kind];
  if (!relation) {
    return undefined;
  }
  const { items } = await options.catalog.getEntities(
    {
      filter: { kind: 'component', [relation]: entityRef },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials: options.credentials },
  );
  return items
    .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
    .sort();
}

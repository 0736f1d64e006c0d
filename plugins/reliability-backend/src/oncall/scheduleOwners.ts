import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How many levels of groups above the owners are looked at. */
const MAX_LEVELS = 10;
/** How many groups are looked at, at most, for one entity. */
const MAX_GROUPS = 100;

const normalise = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A ref as the plugin stores it, or undefined when it is none. */
function refOf(
  value: unknown,
  defaults: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    return normalise(stringifyEntityRef(parseEntityRef(value, defaults)));
  } catch {
    return undefined;
  }
}

/** Targets of the entity's relations of one type, and refs from its spec. */
function related(
  entity: Entity,
  relation: string,
  specValues: unknown[],
  defaultKind: string,
): string[] {
  const defaults = {
    defaultKind,
    defaultNamespace: entity.metadata.namespace ?? 'default',
  };
  const refs = [
    ...(entity.relations ?? [])
      .filter(r => r.type === relation)
      .map(r => normalise(r.targetRef)),
    ...specValues.map(value => refOf(value, defaults)),
  ];
  return [...new Set(refs.filter((ref): ref is string => Boolean(ref)))];
}

/**
 * The entity's owners: its `ownedBy` relations and `spec.owner`.
 *
 * @internal
 */
export function directOwnersOf(entity: Entity): string[] {
  const spec = entity.spec as { owner?: unknown } | undefined;
  return related(entity, RELATION_OWNED_BY, [spec?.owner], 'group');
}

/**
 * Whose schedules the entity's `reliability-hub.io/oncall-schedule`
 * annotation may name, nearest first: a group itself, or the entity's
 * owners; then the groups its owning users belong to; then the groups above
 * all of those (`spec.parent`, `childOf`), level by level. Bounded: ten
 * levels, a hundred groups.
 *
 * @internal
 */
export async function scheduleOwnersOf(
  entity: Entity,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const self = normalise(stringifyEntityRef(entity));
  const direct =
    entity.kind.toLocaleLowerCase('en-US') === 'group'
      ? [self]
      : directOwnersOf(entity);
  const owners = new Set(direct);
  const fetch = async (refs: string[]) =>
    refs.length
      ? (
          await catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials })
        ).items.filter((e): e is Entity => Boolean(e))
      : [];

  // The groups of owning users.
  const users = direct.filter(ref => ref.startsWith('user:'));
  for (const user of await fetch(users)) {
    const spec = user.spec as { memberOf?: unknown } | undefined;
    const memberOf = Array.isArray(spec?.memberOf) ? spec!.memberOf : [];
    for (const group of related(user, RELATION_MEMBER_OF, memberOf, 'group')) {
      owners.add(group);
    }
  }

  // The groups above, level by level.
  let level = [...owners].filter(ref => ref.startsWith('group:'));
  for (let depth = 0; depth < MAX_LEVELS && level.length; depth++) {
    const next: string[] = [];
    for (const group of await fetch(level)) {
      const spec = group.spec as { parent?: unknown } | undefined;
      for (const parent of related(
        group,
        RELATION_CHILD_OF,
        [spec?.parent],
        'group',
      )) {
        if (!owners.has(parent) && owners.size < MAX_GROUPS) {
          owners.add(parent);
          next.push(parent);
        }
      }
    }
    level = next;
  }
  return [...owners];
}

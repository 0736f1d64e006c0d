import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_TEAM_LEAD,
  DeployApprover,
} from '@reliability-hub/plugin-reliability-common';
import { ApproverSpec, OWNER_LEAD } from './deployGateConfig';
import { displayNameOf } from '../access/displayNames';

/** Approvers a verdict names at most: a big group is not a list of people. */
const MAX_APPROVERS = 25;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The owner of an entity: its `ownedBy` relation, else `spec.owner`. */
export function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (related) {
    return lower(related.targetRef);
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

function membersOf(group: Entity): string[] {
  return (group.relations ?? [])
    .filter(r => r.type === RELATION_HAS_MEMBER)
    .map(r => lower(r.targetRef));
}

function leadOf(group: Entity): string | undefined {
  const value = group.metadata.annotations?.[ANNOTATION_TEAM_LEAD];
  if (!value) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'user',
      defaultNamespace: group.metadata.namespace ?? 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'user'
      ? lower(stringifyEntityRef(ref))
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves a tier's approver entries to people in the catalog: the owner
 * group's lead (its {@link ANNOTATION_TEAM_LEAD}, else its members; a user
 * owner approves for themselves), a group's members, or a user. Asked with
 * the given credentials, so people the caller may not see are left out; the
 * first reason a person is named for wins.
 *
 * @internal
 */
export async function resolveApprovers(
  specs: readonly ApproverSpec[],
  owner: string | undefined,
  options: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<DeployApprover[]> {
  const { catalog, credentials } = options;
  const groupRefs = new Set<string>();
  for (const spec of specs) {
    const ref = spec === OWNER_LEAD ? owner : spec;
    if (ref?.startsWith('group:')) {
      groupRefs.add(ref);
    }
  }
  const groupList = [...groupRefs];
  const { items: groupItems } = groupList.length
    ? await catalog.getEntitiesByRefs(
        {
          entityRefs: groupList,
          fields: ['kind', 'metadata', 'spec.profile', 'relations'],
        },
        { credentials },
      )
    : { items: [] };
  const groups = new Map(
    groupList.flatMap((ref, i) => {
      const group = groupItems[i];
      return group ? [[ref, group] as const] : [];
    }),
  );

  const wanted: Array<{ userRef: string; role: string }> = [];
  for (const spec of specs) {
    if (spec === OWNER_LEAD) {
      if (owner?.startsWith('user:')) {
        wanted.push({ userRef: owner, role: 'owner' });
        continue;
      }
      const group = owner ? groups.get(owner) : undefined;
      if (!group) {
        continue;
      }
      const lead = leadOf(group);
      const name = displayNameOf(group);
      if (lead) {
        wanted.push({ userRef: lead, role: `team lead of ${name}` });
      } else {
        membersOf(group).forEach(userRef =>
          wanted.push({ userRef, role: `member of ${name}` }),
        );
      }
    } else if (spec.startsWith('group:')) {
      const group = groups.get(spec);
      if (group) {
        const name = displayNameOf(group);
        membersOf(group).forEach(userRef =>
          wanted.push({ userRef, role: `member of ${name}` }),
        );
      }
    } else {
      wanted.push({ userRef: spec, role: 'approver' });
    }
  }

  const roles = new Map<string, string>();
  for (const { userRef, role } of wanted) {
    if (userRef.startsWith('user:') && !roles.has(userRef)) {
      roles.set(userRef, role);
    }
  }
  const userRefs = [...roles.keys()].slice(0, MAX_APPROVERS);
  if (!userRefs.length) {
    return [];
  }
  const { items: users } = await catalog.getEntitiesByRefs(
    {
      entityRefs: userRefs,
      fields: ['kind', 'metadata.name', 'metadata.title', 'spec.profile'],
    },
    { credentials },
  );
  return userRefs.flatMap((userRef, i) => {
    const user = users[i];
    return user
      ? [
          {
            userRef,
            displayName: displayNameOf(user),
            role: roles.get(userRef)!,
          },
        ]
      : [];
  });
}

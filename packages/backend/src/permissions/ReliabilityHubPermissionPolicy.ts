import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  createReliabilityEntityConditionalDecision,
  reliabilityEntityConditions,
} from '@reliability-hub/plugin-reliability-backend';
import {
  RELIABILITY_ENTITY_RESOURCE_TYPE,
  reliabilityIncidentNotePermission,
} from '@reliability-hub/plugin-reliability-common';

/**
 * The portal's policy. Reliability records of an entity may be written by the
 * entity's owners (a conditional decision the reliability backend resolves
 * against the catalog) and by the reliability admins, e.g. the SRE group.
 * Unregistering a catalog entity is likewise for its owners and the admins.
 * Notes on incidents are for every signed-in user.
 * Reads need only a signed-in user, which the backends enforce themselves.
 * Other actions stay open, as in the stock app.
 */
export class ReliabilityHubPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: { adminRefs: string[] }) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const ownersOnly =
      isResourcePermission(permission, RELIABILITY_ENTITY_RESOURCE_TYPE) ||
      permission.name === catalogEntityDeletePermission.name;
    if (!ownersOnly) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    // Anyone signed in who can see an incident may add what they know to it.
    if (permission.name === reliabilityIncidentNotePermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (claims.some(ref => this.options.adminRefs.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RELIABILITY_ENTITY_RESOURCE_TYPE)) {
      return createReliabilityEntityConditionalDecision(
        permission,
        reliabilityEntityConditions.isEntityOwner({ claims }),
      );
    }
    return createCatalogConditionalDecision(
      catalogEntityDeletePermission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}

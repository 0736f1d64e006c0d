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
  createReliabilityEntityConditionalDecision,
  reliabilityEntityConditions,
} from '@reliability-hub/plugin-reliability-backend';
import { RELIABILITY_ENTITY_RESOURCE_TYPE } from '@reliability-hub/plugin-reliability-common';

/**
 * The portal's policy. Reliability records of an entity may be written by the
 * entity's owners (a conditional decision the reliability backend resolves
 * against the catalog) and by the reliability admins, e.g. the SRE group.
 * Reads need only a signed-in user, which the backends enforce themselves.
 * Other plugins' actions stay open, as in the stock app.
 */
export class ReliabilityHubPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: { adminRefs: string[] }) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!isResourcePermission(permission, RELIABILITY_ENTITY_RESOURCE_TYPE)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    if (claims.some(ref => this.options.adminRefs.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    return createReliabilityEntityConditionalDecision(
      permission,
      reliabilityEntityConditions.isEntityOwner({ claims }),
    );
  }
}

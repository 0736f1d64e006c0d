import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RELIABILITY_ENTITY_RESOURCE_TYPE } from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';

/**
 * What a permission rule knows about the entity a reliability record belongs to.
 *
 * @public
 */
export interface ReliabilityEntityResource {
  entityRef: string;
  /** Refs of the entity's owners (its `ownedBy` relations). */
  ownerRefs: string[];
}

/**
 * Query form of the rules, for filtering lists.
 *
 * @public
 */
export type ReliabilityEntityQuery = {
  key: 'ownerRefs';
  values: string[];
};

/**
 * The permission resource of data that belongs to a catalog entity.
 *
 * @public
 */
export const reliabilityEntityResourceRef = createPermissionResourceRef<
  ReliabilityEntityResource,
  ReliabilityEntityQuery
>().with({
  pluginId: 'reliability',
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Allows a user on the entities owned by any of the given claims (typically the
 * user's ownership entity refs: themselves and their groups).
 *
 * @public
 */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: 'Allow when the entity is owned by one of the given claims',
  resourceRef: reliabilityEntityResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(`Refs of which at least one must be in ${RELATION_OWNED_BY}`),
  }),
  apply: (resource, { claims }) =>
    resource.ownerRefs.some(ref => claims.includes(ref)),
  toQuery: ({ claims }) => ({ key: 'ownerRefs', values: claims }),
});

/**
 * Every rule on the reliability entity resource.
 *
 * @public
 */
export const reliabilityEntityRules = { isEntityOwner };

const conditionExports = createConditionExports({
  resourceRef: reliabilityEntityResourceRef,
  rules: reliabilityEntityRules,
});

/**
 * Condition factories for permission policies, e.g.
 * `reliabilityEntityConditions.isEntityOwner({ claims })`.
 *
 * @public
 */
export const reliabilityEntityConditions = conditionExports.conditions;

/**
 * A conditional decision on the reliability entity resource, for permission
 * policies; its conditions come from `reliabilityEntityConditions`.
 *
 * @public
 */
export const createReliabilityEntityConditionalDecision =
  conditionExports.createConditionalDecision;

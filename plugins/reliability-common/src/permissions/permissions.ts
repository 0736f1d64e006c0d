import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of permissions on data that belongs to a catalog entity.
 * The resource ref is the entity ref of the component, so a policy can
 * decide with catalog facts such as ownership.
 *
 * @public
 */
export const RELIABILITY_ENTITY_RESOURCE_TYPE = 'reliability-entity';

/**
 * Declare an incident on an entity.
 *
 * @public
 */
export const reliabilityIncidentCreatePermission = createPermission({
  name: 'reliability.incident.create',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Change an incident of an entity: status, times, roles, acknowledge it.
 *
 * @public
 */
export const reliabilityIncidentUpdatePermission = createPermission({
  name: 'reliability.incident.update',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Add a note to the timeline of an incident of an entity. Looser than
 * {@link reliabilityIncidentUpdatePermission} on purpose: people of other
 * teams who see the incident often know something that helps, and a note
 * changes nothing else. Policies commonly allow it to every signed-in user.
 *
 * @public
 */
export const reliabilityIncidentNotePermission = createPermission({
  name: 'reliability.incident.note',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Write a postmortem for incidents of an entity.
 *
 * @public
 */
export const reliabilityPostmortemCreatePermission = createPermission({
  name: 'reliability.postmortem.create',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Edit a postmortem of an entity, or move it through review.
 *
 * @public
 */
export const reliabilityPostmortemUpdatePermission = createPermission({
  name: 'reliability.postmortem.update',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Add an action item to a postmortem of an entity.
 *
 * @public
 */
export const reliabilityActionItemCreatePermission = createPermission({
  name: 'reliability.actionItem.create',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Change an action item of an entity: status, owner, due date, ticket.
 *
 * @public
 */
export const reliabilityActionItemUpdatePermission = createPermission({
  name: 'reliability.actionItem.update',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Create an on-call schedule. The resource ref is the schedule's OWNER GROUP
 * ref (`group:default/team-checkout`), so members of the group may create
 * schedules it owns.
 *
 * @public
 */
export const reliabilityScheduleCreatePermission = createPermission({
  name: 'reliability.schedule.create',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Change an on-call schedule: layers, escalation policy, overrides, the
 * feed token. The resource ref is the schedule's OWNER GROUP ref.
 *
 * @public
 */
export const reliabilityScheduleUpdatePermission = createPermission({
  name: 'reliability.schedule.update',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Push SLI samples (good/total counts) for an SLO of an entity through the
 * built-in push source.
 *
 * @public
 */
export const reliabilitySliSampleCreatePermission = createPermission({
  name: 'reliability.sliSample.create',
  attributes: { action: 'create' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Re-read an entity's OpenSLO and runbook files now, instead of waiting for
 * the scheduled refresh.
 *
 * @public
 */
export const reliabilityDefinitionsRefreshPermission = createPermission({
  name: 'reliability.definitions.refresh',
  attributes: { action: 'update' },
  resourceType: RELIABILITY_ENTITY_RESOURCE_TYPE,
});

/**
 * Every permission of the reliability plugin.
 *
 * @public
 */
export const reliabilityPermissions = [
  reliabilityIncidentCreatePermission,
  reliabilityIncidentUpdatePermission,
  reliabilityIncidentNotePermission,
  reliabilityPostmortemCreatePermission,
  reliabilityPostmortemUpdatePermission,
  reliabilityActionItemCreatePermission,
  reliabilityActionItemUpdatePermission,
  reliabilityScheduleCreatePermission,
  reliabilityScheduleUpdatePermission,
  reliabilitySliSampleCreatePermission,
  reliabilityDefinitionsRefreshPermission,
];

import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  reliabilityIncidentCreatePermission,
  reliabilityIncidentNotePermission,
  reliabilityIncidentUpdatePermission,
} from '@reliability-hub/plugin-reliability-common';
import { ReliabilityHubPermissionPolicy } from './ReliabilityHubPermissionPolicy';

const policy = new ReliabilityHubPermissionPolicy({
  adminRefs: ['group:default/sre'],
});

const user = (ownershipEntityRefs: string[]) => ({
  credentials: mockCredentials.user('user:default/someone'),
  info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
});

describe('ReliabilityHubPermissionPolicy', () => {
  it.each([
    reliabilityIncidentCreatePermission,
    reliabilityIncidentUpdatePermission,
  ])(
    'lets only owners of the entity do %s, by a condition on the entity',
    async permission => {
      const decision = await policy.handle(
        { permission },
        user(['user:default/lena.hoffmann', 'group:default/team-checkout']),
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'reliability',
        resourceType: 'reliability-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'reliability-entity',
          params: {
            claims: [
              'user:default/lena.hoffmann',
              'group:default/team-checkout',
            ],
          },
        },
      });
    },
  );

  it('lets the reliability admins write everywhere', async () => {
    const decision = await policy.handle(
      { permission: reliabilityIncidentUpdatePermission },
      user(['user:default/daniel.reyes', 'group:default/sre']),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets every signed-in user add notes to incidents, and nobody else', async () => {
    expect(
      await policy.handle(
        { permission: reliabilityIncidentNotePermission },
        user(['user:default/mallory']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle({ permission: reliabilityIncidentNotePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies reliability writes without a user', async () => {
    const decision = await policy.handle({
      permission: reliabilityIncidentCreatePermission,
    });
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets only owners unregister a catalog entity', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      user(['user:default/lena.hoffmann', 'group:default/team-checkout']),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: {
          claims: ['user:default/lena.hoffmann', 'group:default/team-checkout'],
        },
      },
    });
  });

  it('leaves other actions open, as the stock app does', async () => {
    const decision = await policy.handle(
      {
        permission: createPermission({
          name: 'catalog.entity.read',
          attributes: { action: 'read' },
          resourceType: 'catalog-entity',
        }),
      },
      user(['user:default/someone']),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

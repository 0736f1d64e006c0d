import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadEntityResources } from './loadEntityResources';

describe('loadEntityResources', () => {
  const auth = mockServices.auth();

  it('gives each entity its owners, a group itself among them, and unknown refs undefined', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout', namespace: 'default' },
          spec: { owner: 'group:default/payments' },
          relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'Payments', namespace: 'default' },
          spec: { type: 'team', children: [] },
        },
      ],
    });

    await expect(
      loadEntityResources({ catalog, auth }, [
        'component:default/checkout',
        'component:default/gone',
        'group:default/payments',
      ]),
    ).resolves.toEqual([
      {
        entityRef: 'component:default/checkout',
        ownerRefs: ['group:default/payments'],
      },
      undefined,
      {
        entityRef: 'group:default/payments',
        ownerRefs: ['group:default/payments'],
      },
    ]);
  });

  it('answers unavailable when the catalog fails with a server error', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw await ResponseError.fromResponse(
          new Response('{}', {
            status: 500,
            statusText: 'Internal Server Error',
          }),
        );
      },
    });

    await expect(
      loadEntityResources({ catalog, auth }, ['component:default/checkout']),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'The catalog could not answer (HTTP 500); try again in a few seconds',
    });
  });

  it('passes other failures on as they are', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw new TypeError('entityRefs is not iterable');
      },
    });

    await expect(
      loadEntityResources({ catalog, auth }, ['component:default/checkout']),
    ).rejects.toThrow(TypeError);
  });
});

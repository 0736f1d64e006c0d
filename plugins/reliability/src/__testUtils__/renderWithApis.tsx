import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { reliabilityApiRef } from '../api';
import { makeEntity, mockReliabilityApi } from '../testing/fixtures';

/** The signed-in user of the tests. */
export const SIGNED_IN_USER = 'user:default/lena.hoffmann';

/**
 * Renders a component of ours the way the app does: with the Reliability Hub
 * API, a permission API that allows or denies every write, the signed-in user
 * and, unless `entity` is null, an entity in context.
 */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: ReturnType<typeof mockReliabilityApi>;
    entity?: Entity | null;
    allowed?: boolean;
    routeEntries?: string[];
  },
) {
  const { api, entity = makeEntity(), allowed = true, routeEntries } = options;
  const permissionApi = mockApis.permission({
    authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [permissionApiRef, permissionApi],
        [identityApiRef, mockApis.identity({ userEntityRef: SIGNED_IN_USER })],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

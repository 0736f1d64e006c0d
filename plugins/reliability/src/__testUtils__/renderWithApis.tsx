import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
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
import {
  makeEntity,
  mockCatalogApi,
  SIGNED_IN_USER,
  TEST_PEOPLE,
} from './catalog';
import { mockReliabilityApi } from './mockReliabilityApi';

/**
 * Renders a component of ours the way the app does: with the Reliability Hub
 * API, a catalog of `people` (the test people unless given; or the given
 * `catalogApi`), a permission API that allows or denies every write, the
 * signed-in user and, unless `entity` is null, an entity in context.
 */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: ReturnType<typeof mockReliabilityApi>;
    entity?: Entity | null;
    allowed?: boolean;
    routeEntries?: string[];
    people?: Entity[];
    catalogApi?: ReturnType<typeof mockCatalogApi>;
    /** Who is signed in, and the groups they are in; the test user by default. */
    signedInAs?: { userEntityRef: string; ownershipEntityRefs?: string[] };
  },
) {
  const { api, entity = makeEntity(), allowed = true, routeEntries } = options;
  const catalogApi =
    options.catalogApi ?? mockCatalogApi(options.people ?? TEST_PEOPLE);
  const permissionApi = mockApis.permission({
    authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [catalogApiRef, catalogApi],
        [permissionApiRef, permissionApi],
        [
          identityApiRef,
          mockApis.identity(
            options.signedInAs ?? { userEntityRef: SIGNED_IN_USER },
          ),
        ],
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

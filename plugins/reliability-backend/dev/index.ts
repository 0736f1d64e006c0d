import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A backend with only this plugin, for working on it alone (`yarn start` here).
// Auth is mocked so curl needs no token:
//
//   curl 'http://localhost:7007/api/reliability/entity-summary?entityRef=component:default/checkout'
//   curl 'http://localhost:7007/api/reliability/incidents?status=open'

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: { reliability: { demoData: { enabled: true } } },
  }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout' },
        spec: { type: 'service', owner: 'group:default/team-checkout' },
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/team-checkout' },
        ],
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();

import { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';

/** The signed-in user of the tests. */
export const SIGNED_IN_USER = 'user:default/lena.hoffmann';

/** The checkout Component, with the given annotations. */
export function makeEntity(
  annotations: Record<string, string> = {},
  name = 'checkout',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
  };
}

/** A catalog User with email, chat link and time zone. */
export function makeUser(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'reliability-hub.io/timezone': 'Europe/Berlin' },
      links: [
        {
          url: `https://chat.example/${name}`,
          title: `@${name}`,
          type: 'chat',
        },
      ],
    },
    spec: {
      profile: { displayName, email: `${name}@acme-shop.example` },
      memberOf: ['team-checkout'],
    },
  };
}

/** A catalog Group (a team). */
export function makeGroup(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', profile: { displayName }, children: [] },
  };
}

/**
 * The people and teams of the tests' catalog: the signed-in Lena Hoffmann,
 * her colleagues, Jane Doe, and the teams that own the test components.
 */
export const TEST_PEOPLE: Entity[] = [
  makeUser('lena.hoffmann', 'Lena Hoffmann'),
  makeUser('jonas.weber', 'Jonas Weber'),
  makeUser('priya.raman', 'Priya Raman'),
  makeUser('jane', 'Jane Doe'),
  makeGroup('team-checkout', 'Team Checkout'),
  makeGroup('team-cart', 'Team Cart'),
  makeGroup('team-payments', 'Team Payments'),
  makeGroup('team-search', 'Team Search'),
];

/**
 * A catalog API whose methods are jest mocks; entity lookups and searches
 * answer from `entities` as the catalog would.
 */
export function mockCatalogApi(entities: Entity[] = TEST_PEOPLE) {
  const catalog = catalogApiMock({ entities });
  return catalogApiMock.mock({
    getEntitiesByRefs: request => catalog.getEntitiesByRefs(request),
    queryEntities: request => catalog.queryEntities(request),
  });
}

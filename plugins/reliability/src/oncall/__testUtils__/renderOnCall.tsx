import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ScheduleOnCall,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { ReactElement } from 'react';
import { reliabilityApiRef } from '../../api';
import { makeEntity, mockReliabilityApi } from '../../testing/fixtures';

/** The signed-in user of the on-call tests. */
export const SIGNED_IN_USER = 'user:default/lena.hoffmann';

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

/** Who is on call for "checkout-primary": Lena until Monday, then Jonas. */
export function makeScheduleOnCall(
  overrides: Partial<ScheduleOnCall> = {},
): ScheduleOnCall {
  return {
    scheduleId: 'sch-1',
    name: 'checkout-primary',
    ownerRef: 'group:default/team-checkout',
    timeZone: 'Europe/Berlin',
    current: {
      start: '2026-11-16T08:00:00.000Z',
      end: '2026-11-23T08:00:00.000Z',
      user: 'user:default/lena.hoffmann',
      layer: 'weekly',
    },
    next: {
      start: '2026-11-23T08:00:00.000Z',
      end: '2026-11-30T08:00:00.000Z',
      user: 'user:default/jonas.weber',
      layer: 'weekly',
    },
    escalation: [
      {
        delayMinutes: 0,
        schedule: 'checkout-primary',
        user: 'user:default/lena.hoffmann',
      },
      {
        delayMinutes: 15,
        schedule: 'checkout-secondary',
        user: 'user:default/priya.raman',
      },
      { delayMinutes: 30, user: 'user:default/marta.silva' },
    ],
    ...overrides,
  };
}

/**
 * A weekly two-person rotation in Berlin with one override, handing off
 * Mondays at 09:00 from `start`.
 */
export function makeScheduleRecord(
  overrides: Partial<ScheduleRecord> = {},
  start = '2026-11-02',
): ScheduleRecord {
  return {
    id: 'sch-1',
    name: 'checkout-primary',
    ownerRef: 'group:default/team-checkout',
    schedule: {
      name: 'checkout-primary',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'weekly',
          participants: [
            'user:default/lena.hoffmann',
            'user:default/jonas.weber',
          ],
          rotation: { length: 1, unit: 'weeks' },
          handoff: { time: '09:00', weekday: 1 },
          start,
        },
      ],
      overrides: [],
    },
    escalationPolicy: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

/**
 * Renders an on-call component the way the app does: with the Reliability
 * Hub API, a catalog answering `users`, the signed-in user, a permission API
 * that allows or denies everything and, unless `entity` is null, an entity.
 */
export function renderOnCall(
  element: ReactElement,
  options: {
    api: ReturnType<typeof mockReliabilityApi>;
    users?: Entity[];
    entity?: Entity | null;
    allowed?: boolean;
    catalogApi?: ReturnType<typeof catalogApiMock.mock>;
  },
) {
  const { api, users = [], entity = makeEntity(), allowed = true } = options;
  const catalogApi = options.catalogApi ?? catalogApiMock.mock();
  catalogApi.getEntitiesByRefs.mockImplementation(async ({ entityRefs }) => ({
    items: entityRefs.map(
      ref =>
        users.find(
          u => `user:default/${u.metadata.name}` === ref.toLowerCase(),
        ) ?? undefined,
    ),
  }));
  const result = renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [catalogApiRef, catalogApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
        [identityApiRef, mockApis.identity({ userEntityRef: SIGNED_IN_USER })],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { result, catalogApi };
}

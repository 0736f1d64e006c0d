import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RELIABILITY_ENTITY_RESOURCE_TYPE,
  reliabilityIncidentNotePermission,
} from '@reliability-hub/plugin-reliability-common';
import { JsonObject } from '@backstage/types';
import { Server } from 'node:http';
import { Knex } from 'knex';
import request from 'supertest';
import { loadEntityResources } from '../../permissions/loadEntityResources';
import {
  createReliabilityEntityConditionalDecision,
  isEntityOwner,
  reliabilityEntityConditions,
} from '../../permissions/resource';
import { reliabilityPlugin } from '../../plugin';

/** Owns checkout (directly, so the mock user info's ownership claims cover it). */
export const OWNER = 'user:default/lena.hoffmann';
/** Signed in, owns nothing. */
export const NON_OWNER = 'user:default/mallory';
/** The group {@link OWNER} is a member of; it owns `cart` and schedules. */
export const OWNER_GROUP = 'group:default/team-checkout';
/** A reliability admin: member of {@link ADMIN_GROUP}, owns none of checkout's records. */
export const ADMIN = 'user:default/daniel.reyes';
/** The group `reliability.permissions.admins` names, as in the portal's config. */
export const ADMIN_GROUP = 'group:default/sre';

/** Group memberships, as the catalog would resolve them into claims. */
const MEMBERSHIPS: Record<string, string[]> = {
  [OWNER]: [OWNER_GROUP],
  [ADMIN]: [ADMIN_GROUP],
};

/**
 * User info as the catalog-backed one answers it: the user's ownership
 * claims are the user and their groups (the default mock has the user only).
 */
const memberUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory() {
    return {
      async getUserInfo(credentials: any) {
        const ref = credentials.principal.userEntityRef as string;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(MEMBERSHIPS[ref] ?? [])],
        };
      },
    };
  },
});

const authorizeConditions = createConditionAuthorizer([isEntityOwner]);

/**
 * The permission system as a portal runs it, in-process: the policy answers
 * "owners only" with the plugin's IS_ENTITY_OWNER condition, which is resolved
 * by loading the entity through the plugin's resource loader and applying the
 * plugin's rule. (The permission backend itself cannot call back into a test
 * backend with mocked tokens.) A user from whom the catalog hides entities
 * reads the catalog under a condition, as the policy that hides them says.
 */
const ownerPermissions = (hiddenFrom: Record<string, string[]>) =>
  createServiceFactory({
    service: coreServices.permissions,
    deps: {
      auth: coreServices.auth,
      catalog: catalogServiceRef,
      userInfo: coreServices.userInfo,
    },
    factory({ auth, catalog, userInfo }) {
      const decide = async (
        permission: any,
        credentials: any,
      ): Promise<PolicyDecision> => {
        if (
          permission.name === catalogEntityReadPermission.name &&
          hiddenFrom[credentials?.principal?.userEntityRef]?.length
        ) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [credentials.principal.userEntityRef] },
            },
          };
        }
        if (
          !isResourcePermission(permission, RELIABILITY_ENTITY_RESOURCE_TYPE)
        ) {
          return { result: AuthorizeResult.ALLOW };
        }
        if (!auth.isPrincipal(credentials, 'user')) {
          return { result: AuthorizeResult.ALLOW };
        }
        const info = await userInfo.getUserInfo(credentials);
        // As the portal's policy: anyone signed in may add notes to incidents.
        if (permission.name === reliabilityIncidentNotePermission.name) {
          return { result: AuthorizeResult.ALLOW };
        }
        // As the portal's policy: the admins may write reliability records anywhere.
        if (info.ownershipEntityRefs.includes(ADMIN_GROUP)) {
          return { result: AuthorizeResult.ALLOW };
        }
        return createReliabilityEntityConditionalDecision(
          permission,
          reliabilityEntityConditions.isEntityOwner({
            claims: info.ownershipEntityRefs,
          }),
        );
      };
      return {
        async authorize(requests: any[], options: any) {
          return Promise.all(
            requests.map(async ({ permission, resourceRef }) => {
              const decision = await decide(permission, options.credentials);
              if (decision.result !== AuthorizeResult.CONDITIONAL) {
                return { result: decision.result };
              }
              const [resource] = await loadEntityResources({ catalog, auth }, [
                resourceRef,
              ]);
              return {
                result: authorizeConditions(decision, resource)
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
              };
            }),
          );
        },
        async authorizeConditional(requests: any[], options: any) {
          return Promise.all(
            requests.map(r => decide(r.permission, options.credentials)),
          );
        },
      } as any;
    },
  });

/** An event of the backend's auditor, as a test reads it back. */
export interface AuditedEvent {
  eventId: string;
  status: 'succeeded' | 'failed';
  /** Who made the request, as the auditor resolves it from the request. */
  actor?: string;
  meta?: Record<string, unknown>;
  /** The name of the error a failed event carries. */
  error?: string;
}

/**
 * An auditor that records the events it is given (the backend's own logs
 * them), naming the actor from the request as the backend's auditor does.
 */
export function recordingAuditor() {
  const events: AuditedEvent[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: { httpAuth: coreServices.httpAuth },
    factory({ httpAuth }) {
      return {
        async createEvent(options: any) {
          const principal: any = options.request
            ? (await httpAuth.credentials(options.request)).principal
            : undefined;
          const actor = principal?.userEntityRef ?? principal?.subject;
          const record = (
            status: AuditedEvent['status'],
            error?: Error,
          ): void => {
            events.push({
              eventId: options.eventId,
              status,
              actor,
              meta: options.meta,
              ...(error ? { error: error.name } : {}),
            });
          };
          return {
            async success() {
              record('succeeded');
            },
            async fail({ error }: { error: Error }) {
              record('failed', error);
            },
          };
        },
      } as any;
    },
  });
  return { factory, events };
}

/** The entities, each ref once: a later entity takes an earlier one's place. */
function replaceByRef(entities: any[]): any[] {
  const byRef = new Map<string, any>();
  for (const entity of entities) {
    byRef.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), entity);
  }
  return [...byRef.values()];
}

/**
 * The catalog holding `entities`, which answers a user's requests for one
 * of `hiddenFrom[user]` as if it did not exist.
 */
function catalogFactory(
  entities: any[],
  hiddenFrom: Record<string, string[]>,
  calls?: string[],
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });

      const hides = (ref: string, credentials: any) =>
        (hiddenFrom[credentials?.principal?.userEntityRef] ?? []).includes(
          ref.toLocaleLowerCase('en-US'),
        );
      const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
      const getEntityByRef = catalog.getEntityByRef.bind(catalog);
      catalog.getEntitiesByRefs = async (byRefs: any, options: any) => {
        const answer = await getEntitiesByRefs(byRefs, options);
        return {
          items: answer.items.map((item, index) =>
            hides(byRefs.entityRefs[index], options?.credentials) ? null : item,
          ),
        } as any;
      };
      catalog.getEntityByRef = async (ref: any, options: any) =>
        typeof ref === 'string' && hides(ref, options?.credentials)
          ? undefined
          : getEntityByRef(ref, options);
      if (calls) {
        const methods = new Set([
          ...Object.getOwnPropertyNames(Object.getPrototypeOf(catalog)),
          ...Object.keys(catalog),
        ]);
        methods.delete('constructor');
        for (const method of methods) {
          const original = (catalog as any)[method];
          if (typeof original === 'function') {
            (catalog as any)[method] = (...args: any[]) => {
              calls.push(method);
              return original.apply(catalog, args);
            };
          }
        }
      }
      return catalog;
    },
  });
}

const user = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: {},
});

/**
 * The reliability backend with owner-only writes, a catalog holding checkout
 * (owned by {@link OWNER}), a group and two users, on the given database.
 */
export async function startReliabilityBackend(
  options: {
    knex?: Knex;
    demoData?: boolean;
    /**
     * More catalog entities, e.g. with an OpenSLO annotation; one with the
     * ref of a fixture entity takes its place.
     */
    entities?: any[];
    /**
     * Entities the catalog hides from some users (by user ref), as a portal's
     * permission policy may: asked with their credentials, it answers as if
     * the entities did not exist.
     */
    hiddenFrom?: Record<string, string[]>;
    /** Filled with the name of each catalog method the backend calls. */
    catalogCalls?: string[];
    /** More features, e.g. a mocked UrlReader. */
    features?: any[];
    /** More `reliability` config, e.g. the Alertmanager webhook secret. */
    reliabilityConfig?: Record<string, unknown>;
    /** More config of other plugins and of the backend, e.g. `backend`. */
    config?: Record<string, unknown>;
    /** `backend` config, e.g. `auth.externalAccess` for service tokens. */
    backendConfig?: JsonObject;
  } = {},
) {
  const features: any[] = [
    reliabilityPlugin,
    ownerPermissions(options.hiddenFrom ?? {}),
    memberUserInfo,
    mockServices.rootConfig.factory({
      data: {
        ...options.config,
        ...(options.backendConfig ? { backend: options.backendConfig } : {}),
        reliability: {
          demoData: { enabled: options.demoData ?? false },
          ...options.reliabilityConfig,
        },
      },
    }),
    catalogFactory(
      replaceByRef([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout' },
          spec: { type: 'service', owner: OWNER },
          relations: [{ type: 'ownedBy', targetRef: OWNER }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-checkout' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'cart' },
          spec: { type: 'service', owner: OWNER_GROUP },
          relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'search',
            annotations: {
              'reliability-hub.io/oncall-schedule': 'sre-daily, checkout-main',
            },
          },
          spec: { type: 'service', owner: 'group:default/sre' },
        },
        user('lena.hoffmann'),
        user('mallory'),
        user('daniel.reyes'),
        ...(options.entities ?? []),
      ]),
      options.hiddenFrom ?? {},
      options.catalogCalls,
    ),
  ];
  if (options.knex) {
    features.push(mockServices.database.factory({ knex: options.knex }));
  }
  features.push(...(options.features ?? []));
  return startTestBackend({ features });
}

/** The HTTP methods of the plugin's routes. */
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A client of the plugin's API on a test backend: `api(method, path, who)`
 * sends the request as the user `who`, or with no credentials at all when
 * `who` is left out.
 */
export function apiClient(server: Server) {
  return (method: ApiMethod, path: string, who?: string) =>
    request(server)
      [method](`/api/reliability${path}`)
      .set(
        'Authorization',
        who ? mockCredentials.user.header(who) : mockCredentials.none.header(),
      );
}

import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import searchPlugin from '@backstage/plugin-search-backend';
import reliabilityPlugin from '@reliability-hub/plugin-reliability-backend';
import searchModuleReliabilityCollator from '@reliability-hub/plugin-search-backend-module-reliability';
import fs from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ReliabilityHubPermissionPolicy } from '../permissions/ReliabilityHubPermissionPolicy';

export const LEDGER = 'component:default/ledger';
export const LEDGER_TEAM = 'group:default/team-ledger';
export const CHECKOUT = 'component:default/checkout';
export const CHECKOUT_TEAM = 'group:default/team-checkout';
export const SYSTEM = 'system:default/payments';

/** Owns ledger, through its team. */
export const LEDGER_OWNER = 'user:default/yuki.tanaka';
/** Owns checkout, through its team. */
export const CHECKOUT_OWNER = 'user:default/lena.hoffmann';
/** A reliability and catalog admin (the SRE group). */
export const ADMIN = 'user:default/daniel.reyes';
const ADMIN_GROUP = 'group:default/sre';
/** Signed in, in no group: may not see ledger. */
export const MALLORY = 'user:default/mallory';

const MEMBERSHIPS: Record<string, string[]> = {
  [LEDGER_OWNER]: [LEDGER_TEAM],
  [CHECKOUT_OWNER]: [CHECKOUT_TEAM],
  [ADMIN]: [ADMIN_GROUP],
};

/** The users' ownership claims, as the catalog-backed user info answers them. */
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

/**
 * Backstage's tokens say which plugin calls on a user's behalf; the test
 * backend's mock tokens lose that. The permission backend answers
 * conditional questions only to plugins (a user may not ask them directly),
 * so a plugin's call on a user's behalf is marked as such again here.
 */
const httpAuthKeepingActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any) {
        const credentials: any = await mock.credentials(req, options);
        const header = String(req.headers.authorization ?? '');
        if (
          credentials.principal.type === 'user' &&
          header.startsWith('Bearer mock-service-token:')
        ) {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: 'plugin:on-behalf-of-user' },
          });
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        mock.issueUserCookie(res, options),
    } as any;
  },
});

const named = (
  kind: string,
  name: string,
): PermissionCriteria<PermissionCondition<'catalog-entity'>> => ({
  allOf: [
    catalogConditions.isEntityKind({ kinds: [kind] }),
    catalogConditions.hasMetadata({ key: 'name', value: name }),
  ],
});

/**
 * The portal's policy, except that ledger — and the team that owns it, with
 * its on-call schedule — may be seen in the catalog only by that team and
 * the admins. Everyone else reads the catalog under a condition that leaves
 * both out.
 */
class HideLedgerPolicy implements PermissionPolicy {
  private readonly portal = new ReliabilityHubPermissionPolicy({
    adminRefs: [ADMIN_GROUP],
  });

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name !== catalogEntityReadPermission.name) {
      return this.portal.handle(request, user);
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(LEDGER_TEAM) || claims.includes(ADMIN_GROUP)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return createCatalogConditionalDecision(catalogEntityReadPermission, {
      not: {
        anyOf: [named('component', 'ledger'), named('group', 'team-ledger')],
      },
    });
  }
}

const hideLedgerPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'hide-ledger-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new HideLedgerPolicy());
      },
    });
  },
});

const runbook = (id: string, title: string, alert: string) => `id: ${id}
title: ${title}
severity: SEV2
alerts: [${alert}]
tags: [${id}, payments]
lastReviewed: 2026-11-01
steps:
  - title: Look at the dashboards
`;

const pushSlo = (name: string, displayName: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${displayName}
spec:
  service: ${name}
  indicator:
    metadata:
      name: ${name}-requests
    spec:
      ratioMetric:
        good:
          metricSource:
            type: push
            spec: {}
        total:
          metricSource:
            type: push
            spec: {}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Good requests
      target: 0.999
`;

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
spec:
  owner: team-checkout
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    reliability-hub.io/runbooks: ./checkout-runbooks
    reliability-hub.io/openslo: ./checkout-slo.yaml
  links:
    - url: https://wiki.example/checkout/stuck-orders
      title: Orders stuck in payment pending
      type: runbook
spec:
  type: service
  lifecycle: production
  owner: team-checkout
  system: payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    reliability-hub.io/runbooks: ./ledger-runbooks
    reliability-hub.io/openslo: ./ledger-slo.yaml
  links:
    - url: https://wiki.example/ledger/reconciliation
      title: Ledger reconciliation mismatch
      type: runbook
spec:
  type: service
  lifecycle: production
  owner: team-ledger
  system: payments
${['team-checkout', 'team-ledger', 'sre']
  .map(
    name => `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
`,
  )
  .join('')}${[
  ['lena.hoffmann', 'team-checkout'],
  ['yuki.tanaka', 'team-ledger'],
  ['daniel.reyes', 'sre'],
  ['mallory', undefined],
]
  .map(
    ([name, group]) => `---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${name}
spec:
  memberOf: [${group ?? ''}]
`,
  )
  .join('')}`;

/** An answer of the portal's API: status, body text, parsed JSON if any. */
export interface Answer {
  status: number;
  text: string;
  json: any;
}

/**
 * A portal as an organisation runs it — the catalog reading a catalog file,
 * the permission backend with a policy that hides ledger from everyone but
 * its team and the admins, search with the reliability collators, the
 * reliability plugin, and the plugin's actions as MCP tools — before any
 * reliability records exist.
 */
export async function startPortalHidingLedger() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reliability-policy-'));
  await fs.writeFile(path.join(dir, 'catalog-info.yaml'), CATALOG);
  for (const [folder, file, text] of [
    [
      'checkout-runbooks',
      'db-pool.yaml',
      runbook('db-pool', 'Database pool exhaustion', 'CheckoutDBPool'),
    ],
    [
      'ledger-runbooks',
      'journal-lag.yaml',
      runbook('journal-lag', 'Ledger journal lag', 'LedgerJournalLag'),
    ],
  ]) {
    await fs.mkdir(path.join(dir, folder));
    await fs.writeFile(path.join(dir, folder, file), text);
  }
  await fs.writeFile(
    path.join(dir, 'checkout-slo.yaml'),
    pushSlo('checkout-availability', 'Checkout availability'),
  );
  await fs.writeFile(
    path.join(dir, 'ledger-slo.yaml'),
    pushSlo('ledger-correctness', 'Ledger correctness'),
  );

  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory<SchedulerService>;
  };
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      hideLedgerPolicy,
      searchPlugin,
      reliabilityPlugin,
      searchModuleReliabilityCollator,
      memberUserInfo,
      httpAuthKeepingActors,
      scheduler.factory(),
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      mcpActionsPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: { actions: { pluginSources: ['reliability'] } },
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
            locations: [
              { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;

  const call = async (
    who: string,
    method: string,
    pathAndQuery: string,
    body?: unknown,
  ): Promise<Answer> => {
    const response = await fetch(`http://localhost:${port}${pathAndQuery}`, {
      method,
      headers: {
        Authorization: mockCredentials.user.header(who),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  };

  // The catalog reads its file in the background.
  for (let attempt = 0; ; attempt++) {
    const users = await call(
      ADMIN,
      'GET',
      '/api/catalog/entities/by-name/user/default/mallory',
    );
    const ledger = await call(
      ADMIN,
      'GET',
      '/api/catalog/entities/by-name/component/default/ledger',
    );
    if (users.status === 200 && ledger.status === 200) break;
    if (attempt > 150) {
      throw new Error(
        `the catalog never read its file: ${users.status} ${users.text} ${ledger.status} ${ledger.text}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }

  return {
    scheduler,
    /** The portal's address. */
    baseUrl: `http://localhost:${port}`,
    /** A call of the reliability API as a user. */
    api: (who: string, method: string, pathInApi: string, body?: unknown) =>
      call(who, method, `/api/reliability${pathInApi}`, body),
    /** A call of any plugin's API as a user. */
    call,
    async stop() {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

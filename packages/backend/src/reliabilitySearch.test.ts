import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import reliabilityPlugin from '@reliability-hub/plugin-reliability-backend';
import {
  POSTMORTEM_DOCUMENT_TYPE,
  RUNBOOK_DOCUMENT_TYPE,
} from '@reliability-hub/plugin-reliability-common';
import searchModuleReliabilityCollator from '@reliability-hub/plugin-search-backend-module-reliability';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  ADMIN,
  CHECKOUT,
  CHECKOUT_OWNER,
  LEDGER,
  LEDGER_OWNER,
  MALLORY,
  startPortalHidingLedger,
} from './__testUtils__/portalHidingLedger';

jest.setTimeout(120_000);

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    reliability-hub.io/runbooks: ./runbooks
  links:
    - url: https://wiki.example/checkout/stuck-orders
      title: Orders stuck in payment pending
      type: runbook
spec:
  type: service
  lifecycle: production
  owner: team-checkout
`;

const RUNBOOK = `id: db-pool
title: Database connection pool exhaustion
severity: SEV2
alerts: [CheckoutDBPoolSaturated]
tags: [postgres]
lastReviewed: 2026-11-01
steps:
  - title: Find queries holding connections
    commands:
      - psql -c "select pid from pg_stat_activity"
`;

/**
 * The portal's catalog reads a local catalog file whose runbooks lie beside
 * it; the reliability plugin indexes them; the search plugin, with the
 * reliability collator, answers queries for them.
 */
describe('reliability documents in the portal search', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reliability-search-'));
    await fs.mkdir(path.join(dir, 'runbooks'));
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), CATALOG_INFO);
    await fs.writeFile(path.join(dir, 'runbooks', 'db-pool.yaml'), RUNBOOK);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('finds runbooks by alert name and command, and postmortems by title', async () => {
    // The mock scheduler runs tasks when told to; its instance is also the
    // factory that installs it (typed only as a SchedulerService).
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(): ServiceFactory<SchedulerService>;
    };
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        searchPlugin,
        reliabilityPlugin,
        searchModuleReliabilityCollator,
        scheduler.factory(),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [
                { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
              ],
            },
            reliability: { demoData: { enabled: true } },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const get = (pathAndQuery: string) =>
      fetch(`http://localhost:${port}${pathAndQuery}`, {
        headers: {
          Authorization: mockCredentials.user.header('user:default/jane'),
        },
      });

    // The catalog processes its locations in the background.
    for (let attempt = 0; ; attempt++) {
      const entity = await get(
        '/api/catalog/entities/by-name/component/default/checkout',
      );
      if (entity.status === 200) break;
      if (attempt > 100) throw new Error('the catalog never read checkout');
      await new Promise(resolve => setTimeout(resolve, 200));
    }

    await scheduler.triggerTask('reliability-runbooks-refresh');
    await scheduler.triggerTask('search_index_reliability_runbook');
    await scheduler.triggerTask('search_index_reliability_postmortem');

    const query = async (term: string, type?: string) => {
      const params = new URLSearchParams({ term });
      if (type) params.set('types[0]', type);
      const response = await get(`/api/search/query?${params}`);
      return { status: response.status, body: await response.json() };
    };

    const byAlert = await query('CheckoutDBPoolSaturated');
    expect(byAlert.status).toBe(200);
    expect(byAlert.body.results).toEqual([
      expect.objectContaining({
        type: RUNBOOK_DOCUMENT_TYPE,
        document: expect.objectContaining({
          title: 'Database connection pool exhaustion',
          location: `/reliability/runbooks/${encodeURIComponent(
            'component:default/checkout/db-pool',
          )}`,
          alerts: ['CheckoutDBPoolSaturated'],
        }),
      }),
    ]);

    const link = await query('stuck', RUNBOOK_DOCUMENT_TYPE);
    expect(link.body.results.map((r: any) => r.document.title)).toEqual([
      'Orders stuck in payment pending',
    ]);

    const postmortems = await query('exhaustion', POSTMORTEM_DOCUMENT_TYPE);
    expect(postmortems.body.results).toContainEqual(
      expect.objectContaining({
        type: POSTMORTEM_DOCUMENT_TYPE,
        document: expect.objectContaining({
          title: 'Checkout 503s from database connection pool exhaustion',
          location: expect.stringMatching(
            /^\/catalog\/default\/component\/checkout\/incidents\/postmortems\/[^/]+$/,
          ),
        }),
      }),
    );
  });
});

describe('reliability documents in the search of a portal that hides ledger', () => {
  it('finds the runbooks and postmortems of ledger only for those who may see ledger', async () => {
    const portal = await startPortalHidingLedger();
    try {
      for (const [entityRef, who] of [
        [LEDGER, LEDGER_OWNER],
        [CHECKOUT, CHECKOUT_OWNER],
      ]) {
        const incident = await portal.api(who, 'POST', '/incidents', {
          entityRef,
          title: `${entityRef.split('/')[1]} payments outage`,
          severity: 'SEV2',
        });
        expect(incident.status).toBe(201);
        const postmortem = await portal.api(who, 'POST', '/postmortems', {
          entityRef,
          incidentIds: [incident.json.id],
        });
        expect(postmortem.status).toBe(201);
      }
      await portal.scheduler.triggerTask('reliability-runbooks-refresh');
      await portal.scheduler.triggerTask('search_index_reliability_runbook');
      await portal.scheduler.triggerTask('search_index_reliability_postmortem');

      const search = async (who: string, term: string, type: string) => {
        const params = new URLSearchParams({ term, 'types[0]': type });
        const res = await portal.call(
          who,
          'GET',
          `/api/search/query?${params}`,
        );
        expect(res.status).toBe(200);
        return (res.json.results as any[])
          .map(result => result.document.entityRef)
          .sort();
      };

      for (const type of [RUNBOOK_DOCUMENT_TYPE, POSTMORTEM_DOCUMENT_TYPE]) {
        // Both entities' documents match "payments".
        expect(await search(LEDGER_OWNER, 'payments', type)).toContain(LEDGER);
        expect(await search(ADMIN, 'payments', type)).toContain(LEDGER);
        const seen = await search(MALLORY, 'payments', type);
        expect(seen).toContain(CHECKOUT);
        expect(seen).not.toContain(LEDGER);
        expect(await search(MALLORY, 'ledger', type)).toEqual([]);
      }
    } finally {
      await portal.stop();
    }
  });
});

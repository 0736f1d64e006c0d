import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityReliabilitySummary,
  Incident,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { screen } from '@testing-library/react';
import { IncidentListRequest, ReliabilityApi, reliabilityApiRef } from './api';
import reliabilityPlugin from './alpha';

const incidentHistoryCard = reliabilityPlugin.getExtension(
  'entity-card:reliability/incident-history',
);
const incidentsContent = reliabilityPlugin.getExtension(
  'entity-content:reliability/incidents',
);
const reliabilityPage = reliabilityPlugin.getExtension('page:reliability');

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const paymentsTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const incident: Incident = {
  id: 'inc-1',
  title: 'Checkout API errors: database connection pool exhausted',
  entityRef: 'component:default/checkout',
  severity: 'SEV2',
  status: 'resolved',
  summary: 'Connection pool too small for the Black Friday load.',
  commander: 'user:default/alice',
  source: 'alertmanager',
  externalId: null,
  runbookUrl: null,
  startedAt: '2026-10-20T10:00:00Z',
  detectedAt: '2026-10-20T10:02:00Z',
  acknowledgedAt: '2026-10-20T10:05:00Z',
  mitigatedAt: '2026-10-20T10:40:00Z',
  resolvedAt: '2026-10-20T11:15:00Z',
  createdAt: '2026-10-20T10:02:00Z',
  updatedAt: '2026-10-20T11:15:00Z',
  version: 4,
};

const summary: EntityReliabilitySummary = {
  entityRef: 'component:default/checkout',
  incidents: {
    openCount: 0,
    last30Days: [{ severity: 'SEV2', count: 1 }],
    last90Days: [{ severity: 'SEV2', count: 1 }],
    mttaSeconds: 300,
    mttrSeconds: 4500,
    recent: [incident],
  },
};

/** A {@link ReliabilityApi} answering from memory, recording its calls. */
function fakeReliabilityApi() {
  const api = {
    getEntitySummary: jest.fn(async (_entityRef: string) => summary),
    listIncidents: jest.fn(
      async (_request: IncidentListRequest): Promise<Page<Incident>> => ({
        items: [],
      }),
    ),
  } satisfies ReliabilityApi;
  return api;
}

/**
 * The extensions load their components lazily, and on a cold Jest cache that
 * first load (transpiling core-components and friends) can outlast the 1 s
 * default of `findBy*`: wait longer for the first thing each test expects.
 */
const lazyLoaded = { timeout: 10_000 };

describe('reliability plugin (new frontend system)', () => {
  jest.setTimeout(30_000);

  describe('entity-card:reliability/incident-history', () => {
    it('shows the incident history of a Component', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: checkout }),
          incidentHistoryCard,
        ],
        apis: [[reliabilityApiRef, api]],
      });

      expect(
        await screen.findByText('Incident history', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(
        await screen.findByText(
          'Checkout API errors: database connection pool exhausted',
        ),
      ).toBeInTheDocument();
      expect(api.getEntitySummary).toHaveBeenCalledWith(
        'component:default/checkout',
      );
    });

    it('is not shown for other kinds', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: paymentsTeam }),
          incidentHistoryCard,
        ],
        apis: [[reliabilityApiRef, api]],
      });

      expect(
        await screen.findByTestId('empty-entity-page', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(screen.queryByText('Incident history')).not.toBeInTheDocument();
      expect(api.getEntitySummary).not.toHaveBeenCalled();
    });
  });

  describe('entity-content:reliability/incidents', () => {
    it('lists the open incidents and the history of a Component', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: checkout }),
          incidentsContent,
        ],
        apis: [[reliabilityApiRef, api]],
      });

      expect(
        await screen.findByText('Open incidents', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(await screen.findByText('Incident history')).toBeInTheDocument();
      expect(
        await screen.findByText(
          'Nothing open: no incident of this component needs attention.',
        ),
      ).toBeInTheDocument();
      expect(
        await screen.findByText('No incidents recorded for this component.'),
      ).toBeInTheDocument();
      expect(api.listIncidents).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          status: 'open',
        }),
      );
      expect(api.listIncidents).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          status: undefined,
        }),
      );
    });

    it('is not shown for other kinds', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: paymentsTeam }),
          incidentsContent,
        ],
        apis: [[reliabilityApiRef, api]],
      });

      expect(
        await screen.findByTestId('empty-entity-page', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(api.listIncidents).not.toHaveBeenCalled();
    });
  });

  describe('page:reliability', () => {
    it('shows the reliability page at /reliability', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [reliabilityPage],
        apis: [[reliabilityApiRef, api]],
        initialRouteEntries: ['/reliability'],
      });

      expect(
        await screen.findByRole(
          'heading',
          { level: 1, name: 'Reliability' },
          lazyLoaded,
        ),
      ).toBeInTheDocument();
      expect(await screen.findByText('Open now')).toBeInTheDocument();
      expect(await screen.findByText('All incidents')).toBeInTheDocument();
      expect(api.listIncidents).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'open' }),
      );
    });
  });
});

import { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from './api';
import reliabilityPlugin from './alpha';
import {
  makeActionItem,
  makeIncident,
  makeSummary,
  mockReliabilityApi,
} from './__testUtils__';

const incidentsCard = reliabilityPlugin.getExtension(
  'entity-card:reliability/incidents',
);
const actionItemsCard = reliabilityPlugin.getExtension(
  'entity-card:reliability/action-items',
);
const incidentsContent = reliabilityPlugin.getExtension(
  'entity-content:reliability/incidents',
);
const onCallCard = reliabilityPlugin.getExtension(
  'entity-card:reliability/oncall',
);
const reliabilityPage = reliabilityPlugin.getExtension('page:reliability');
const rollupCard = reliabilityPlugin.getExtension(
  'entity-card:reliability/rollup',
);

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

const incident = makeIncident({
  id: 'inc-1',
  title: 'Checkout API errors: database connection pool exhausted',
  severity: 'SEV2',
  status: 'resolved',
  resolvedAt: '2024-05-01T11:15:00.000Z',
});

const summary = makeSummary({
  incidents: {
    last30Days: [{ severity: 'SEV2', count: 1 }],
    last90Days: [{ severity: 'SEV2', count: 1 }],
    mttaSeconds: 300,
    mttrSeconds: 4500,
    recent: [incident],
  },
  actionItems: {
    openCount: 1,
    overdueCount: 1,
    completionRate: 0.5,
    items: [
      makeActionItem({
        title: 'Alert on pool saturation',
        overdue: true,
        dueDate: '2024-05-10',
      }),
    ],
  },
});

/** A {@link ReliabilityApi} answering from memory, recording its calls. */
function fakeReliabilityApi() {
  const api = mockReliabilityApi();
  api.getEntitySummary.mockResolvedValue(summary);
  api.listIncidents.mockResolvedValue({ items: [] });
  api.listPostmortems.mockResolvedValue({ items: [] });
  api.listActionItems.mockResolvedValue({ items: [] });
  api.getSeverityLevels.mockResolvedValue([]);
  return api;
}

/** Everything the extensions use besides our API: nobody may write. */
const permissionApi = [
  permissionApiRef,
  mockApis.permission({ authorize: AuthorizeResult.DENY }),
] as const;

/**
 * The extensions load their components lazily, and on a cold Jest cache that
 * first load (transpiling core-components and friends) can outlast the 1 s
 * default of `findBy*`: wait longer for the first thing each test expects.
 */
const lazyLoaded = { timeout: 10_000 };

describe('reliability plugin (new frontend system)', () => {
  jest.setTimeout(30_000);

  describe('entity-card:reliability/oncall', () => {
    it('shows who is on call for a Component, from the shared summary', async () => {
      const api = fakeReliabilityApi();
      api.getEntitySummary.mockResolvedValue({
        ...summary,
        oncall: {
          at: '2026-11-20T12:00:00.000Z',
          schedules: [
            {
              scheduleId: 'sch-1',
              name: 'checkout-primary',
              ownerRef: 'group:default/team-payments',
              timeZone: 'Europe/Berlin',
              current: {
                start: '2026-11-16T08:00:00.000Z',
                end: '2026-11-23T08:00:00.000Z',
                user: 'user:default/lena.hoffmann',
              },
              next: null,
              escalation: [],
            },
          ],
        },
      });
      renderTestApp({
        extensions: [createTestEntityPage({ entity: checkout }), onCallCard],
        apis: [
          [reliabilityApiRef, api],
          [catalogApiRef, catalogApiMock()],
          permissionApi,
        ],
      });

      expect(
        await screen.findByText('checkout-primary', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(await screen.findByText('lena.hoffmann')).toBeInTheDocument();
      expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
    });
  });

  describe('entity-card:reliability/rollup', () => {
    it("shows a group's components together from one summary request", async () => {
      const api = fakeReliabilityApi();
      api.getEntitySummary.mockResolvedValue({
        ...summary,
        entityRef: 'group:default/team-payments',
        components: ['component:default/checkout', 'component:default/ledger'],
      });
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: paymentsTeam }),
          rollupCard,
        ],
        apis: [
          [reliabilityApiRef, api],
          [catalogApiRef, catalogApiMock()],
          permissionApi,
        ],
      });

      expect(
        await screen.findByText(
          '2 components you can see',
          undefined,
          lazyLoaded,
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Overdue actions').nextSibling).toHaveTextContent(
        '1',
      );
      expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
      expect(api.getEntitySummary).toHaveBeenCalledWith(
        'group:default/team-payments',
      );
    });

    it('is not shown on a Component', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [createTestEntityPage({ entity: checkout }), rollupCard],
        apis: [[reliabilityApiRef, api], permissionApi],
      });

      expect(
        await screen.findByTestId('empty-entity-page', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(api.getEntitySummary).not.toHaveBeenCalled();
    });
  });

  describe('entity-card:reliability/incidents', () => {
    it('shows the incidents of a Component', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [createTestEntityPage({ entity: checkout }), incidentsCard],
        apis: [[reliabilityApiRef, api], permissionApi],
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
      // Not allowed to declare.
      expect(
        screen.queryByRole('button', { name: /Declare incident/ }),
      ).not.toBeInTheDocument();
    });

    it('is not shown for other kinds', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: paymentsTeam }),
          incidentsCard,
        ],
        apis: [[reliabilityApiRef, api], permissionApi],
      });

      expect(
        await screen.findByTestId('empty-entity-page', undefined, lazyLoaded),
      ).toBeInTheDocument();
      expect(screen.queryByText('Incident history')).not.toBeInTheDocument();
      expect(api.getEntitySummary).not.toHaveBeenCalled();
    });
  });

  describe('entity-card:reliability/action-items', () => {
    it('shows the action items of a Component from the same summary request', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: checkout }),
          incidentsCard,
          actionItemsCard,
        ],
        apis: [[reliabilityApiRef, api], permissionApi],
      });

      expect(
        await screen.findByText(
          'Alert on pool saturation',
          undefined,
          lazyLoaded,
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Overdue since 2024-05-10')).toBeInTheDocument();
      expect(
        await screen.findByText(
          'Checkout API errors: database connection pool exhausted',
        ),
      ).toBeInTheDocument();
      expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
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
        apis: [[reliabilityApiRef, api], permissionApi],
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
        apis: [[reliabilityApiRef, api], permissionApi],
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
        apis: [[reliabilityApiRef, api], permissionApi],
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

    it('shows overdue action items at /reliability/action-items', async () => {
      const api = fakeReliabilityApi();
      renderTestApp({
        extensions: [reliabilityPage],
        apis: [[reliabilityApiRef, api], permissionApi],
        initialRouteEntries: ['/reliability/action-items'],
      });

      expect(
        await screen.findByText(
          'Overdue action items by owner',
          undefined,
          lazyLoaded,
        ),
      ).toBeInTheDocument();
      expect(
        await screen.findByText(/No overdue action items/),
      ).toBeInTheDocument();
      expect(api.listActionItems).toHaveBeenCalledWith(
        expect.objectContaining({ overdue: true }),
      );
    });
  });
});

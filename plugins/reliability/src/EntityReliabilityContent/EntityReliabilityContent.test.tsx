import { Entity } from '@backstage/catalog-model';
import { catalogPlugin, EntityLayout } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../api';
import {
  makeEntity,
  makeEntityRunbooks,
  makeEntitySlos,
  makeIncident,
  makeSummary,
  mockReliabilityApi,
} from '../__testUtils__';
import { EntityReliabilityContent } from './EntityReliabilityContent';
import {
  entityReliabilityTabs,
  entitySloAndIncidentTabs,
} from './entityReliabilityTabs';

const api = mockReliabilityApi();

/** Renders as the app does: our API, the catalog's, and the entity page's routes. */
function renderForEntity(entity: Entity, element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

const ordersApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'team-checkout' },
};

beforeEach(() => {
  jest.resetAllMocks();
  api.getEntitySummary.mockResolvedValue(
    makeSummary({
      incidents: {
        openCount: 1,
        recent: [makeIncident({ title: 'Payments declined at checkout' })],
      },
    }),
  );
  api.getEntitySlos.mockResolvedValue(makeEntitySlos());
  api.getEntityRunbooks.mockResolvedValue(makeEntityRunbooks());
  api.getOnCall.mockResolvedValue({ at: '', schedules: [] });
  api.getSeverityLevels.mockResolvedValue([]);
  api.getTimeline.mockResolvedValue({
    entityRef: 'component:default/checkout',
    days: 30,
    from: '2026-11-07T00:00:00.000Z',
    to: '2026-12-07T00:00:00.000Z',
    budget: { stepMs: 4 * 3_600_000, points: [] },
    incidents: [],
    postmortems: [],
    actionItems: [],
    handoffs: [],
    truncated: [],
  });
});

describe('<EntityReliabilityContent />', () => {
  it("shows every reliability card of a Component with the backend's data", async () => {
    await renderForEntity(makeEntity(), <EntityReliabilityContent />);

    expect(
      await screen.findByText('Payments declined at checkout'),
    ).toBeInTheDocument();
    for (const title of [
      'Reliability timeline',
      'SLOs',
      'Incident history',
      'Action items',
      'On call',
      'Runbooks',
    ]) {
      expect(
        await screen.findByText(title, { selector: '.MuiCardHeader-title' }),
      ).toBeInTheDocument();
    }
  });

  it('shows nothing, and asks the backend nothing, for other kinds of entity', async () => {
    await renderForEntity(
      ordersApi,
      <>
        <div>API overview</div>
        <EntityReliabilityContent />
      </>,
    );

    expect(screen.getByText('API overview')).toBeInTheDocument();
    expect(screen.queryByText('Incident history')).not.toBeInTheDocument();
    expect(api.getEntitySummary).not.toHaveBeenCalled();
    expect(api.getTimeline).not.toHaveBeenCalled();
  });
});

describe('entityReliabilityTabs', () => {
  const renderPage = (entity: Entity) =>
    renderForEntity(
      entity,
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <div>Overview</div>
        </EntityLayout.Route>
        {entityReliabilityTabs}
      </EntityLayout>,
    );

  it("adds the Reliability, SLOs and Incidents tabs to a Component's page, after its own", async () => {
    await renderPage(makeEntity());

    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent);
    expect(tabs).toEqual(['Overview', 'Reliability', 'SLOs', 'Incidents']);
  });

  it('adds no tab to the page of another kind of entity', async () => {
    await renderPage(ordersApi);

    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent);
    expect(tabs).toEqual(['Overview']);
  });
});

describe('entitySloAndIncidentTabs', () => {
  const renderPage = (entity: Entity) =>
    renderForEntity(
      entity,
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <div>Overview</div>
        </EntityLayout.Route>
        {entitySloAndIncidentTabs}
      </EntityLayout>,
    );

  it("adds the SLOs and Incidents tabs to a Component's page, for cards on its overview", async () => {
    await renderPage(makeEntity());

    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent);
    expect(tabs).toEqual(['Overview', 'SLOs', 'Incidents']);
  });

  it('adds no tab to the page of another kind of entity', async () => {
    await renderPage(ordersApi);

    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent);
    expect(tabs).toEqual(['Overview']);
  });
});

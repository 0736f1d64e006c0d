import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityReliabilitySummary,
} from '@reliability-hub/plugin-reliability-common';
import { screen, waitFor } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { EntityIncidentHistoryCard } from './EntityIncidentHistoryCard';
import { makeIncident } from '../../testing/fixtures';

const ALERT_SELECTOR = 'reliability-hub.io/alert-selector';

function makeEntity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

const mappedEntity = makeEntity({ [ALERT_SELECTOR]: 'service="checkout"' });

const resolvedIncident = makeIncident({
  id: 'inc-1',
  title: 'Payments declined at checkout',
  severity: 'SEV2',
  status: 'resolved',
  startedAt: '2024-05-01T10:00:00.000Z',
  acknowledgedAt: '2024-05-01T10:09:00.000Z',
  resolvedAt: '2024-05-01T11:15:00.000Z',
});

const openIncident = makeIncident({
  id: 'inc-2',
  title: 'Slow cart page',
  severity: 'SEV4',
  status: 'investigating',
  startedAt: new Date(Date.now() - 20 * 60 * 1000).toISOString(),
});

const summary: EntityReliabilitySummary = {
  entityRef: 'component:default/checkout',
  incidents: {
    openCount: 1,
    last30Days: [
      { severity: 'SEV2', count: 1 },
      { severity: 'SEV4', count: 2 },
    ],
    last90Days: [
      { severity: 'SEV2', count: 1 },
      { severity: 'SEV4', count: 3 },
    ],
    mttaSeconds: 540,
    mttrSeconds: 3180,
    recent: [openIncident, resolvedIncident],
  },
};

const emptySummary: EntityReliabilitySummary = {
  entityRef: 'component:default/checkout',
  incidents: {
    openCount: 0,
    last30Days: [],
    last90Days: [],
    mttaSeconds: null,
    mttrSeconds: null,
    recent: [],
  },
};

describe('<EntityIncidentHistoryCard />', () => {
  const getEntitySummary = jest.fn<
    ReturnType<ReliabilityApi['getEntitySummary']>,
    Parameters<ReliabilityApi['getEntitySummary']>
  >();
  const api: ReliabilityApi = {
    getEntitySummary,
    listIncidents: jest.fn(),
  };

  beforeEach(() => {
    jest.resetAllMocks();
  });

  function renderCard(entity: Entity = mappedEntity) {
    return renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityIncidentHistoryCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  }

  /** The value shown under a stat's label ("Open now" → "1"). */
  function statValue(label: string) {
    return screen.getByText(label).nextElementSibling?.textContent;
  }

  it('shows the counts, mean times, severities and recent incidents', async () => {
    getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(statValue('Open now')).toBe('1');
    expect(statValue('Last 30 days')).toBe('3');
    expect(statValue('MTTA (90 d)')).toBe('9 min');
    expect(statValue('MTTR (90 d)')).toBe('53 min');

    expect(screen.getByText('SEV2 × 1')).toBeInTheDocument();
    expect(screen.getByText('SEV4 × 3')).toBeInTheDocument();

    expect(
      screen.getByText('Payments declined at checkout'),
    ).toBeInTheDocument();
    expect(screen.getByText('Slow cart page')).toBeInTheDocument();
    expect(screen.getByText('Resolved')).toBeInTheDocument();
    expect(screen.getByText('Investigating')).toBeInTheDocument();
    expect(screen.getByText(/· 1 h 15 min$/)).toBeInTheDocument();
    expect(screen.getByText(/· 20 min so far$/)).toBeInTheDocument();

    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('shows a dash for mean times without data', async () => {
    getEntitySummary.mockResolvedValue({
      ...summary,
      incidents: {
        ...summary.incidents,
        mttaSeconds: null,
        mttrSeconds: null,
      },
    });
    await renderCard();

    expect(await screen.findByText('MTTA (90 d)')).toBeInTheDocument();
    expect(statValue('MTTA (90 d)')).toBe('–');
    expect(statValue('MTTR (90 d)')).toBe('–');
  });

  it('asks for the summary of the entity exactly once', async () => {
    getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(getEntitySummary).toHaveBeenCalledTimes(1);
    expect(getEntitySummary).toHaveBeenCalledWith('component:default/checkout');
  });

  it('says so when the component has no incidents', async () => {
    getEntitySummary.mockResolvedValue(emptySummary);
    await renderCard();

    expect(
      await screen.findByText(/No incidents recorded for this component/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Open now')).not.toBeInTheDocument();
    expect(screen.queryByText('Recent incidents')).not.toBeInTheDocument();
  });

  it('shows an error panel and no stats when the summary cannot be loaded', async () => {
    getEntitySummary.mockRejectedValue(new Error('backend is down'));
    await renderCard();

    expect(
      await screen.findByText(/Could not load incidents/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Open now')).not.toBeInTheDocument();
    expect(screen.queryByText('MTTR (90 d)')).not.toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('shows progress until the summary arrives', async () => {
    let answer: (value: EntityReliabilitySummary) => void = () => {};
    getEntitySummary.mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    // Without the annotation, so the hint about alerts could show.
    await renderCard(makeEntity());

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Open now')).not.toBeInTheDocument();
    // The hint about alerts waits for the summary, too.
    expect(screen.queryByText(ALERT_SELECTOR)).not.toBeInTheDocument();

    answer(summary);

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    expect(screen.getByText(ALERT_SELECTOR)).toBeInTheDocument();
  });

  it('explains how to map alerts when the alert-selector annotation is missing', async () => {
    getEntitySummary.mockResolvedValue(summary);
    await renderCard(makeEntity());

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.getByText(ALERT_SELECTOR)).toBeInTheDocument();
    expect(
      screen.getByText(/Alerts do not open incidents here yet/),
    ).toBeInTheDocument();
  });

  it('does not show the alert hint when the alert-selector annotation is set', async () => {
    getEntitySummary.mockResolvedValue(summary);
    await renderCard(mappedEntity);

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.queryByText(ALERT_SELECTOR)).not.toBeInTheDocument();
    expect(
      screen.queryByText(/Alerts do not open incidents here yet/),
    ).not.toBeInTheDocument();
  });

  it('links "All incidents" to the entity\'s incidents tab', async () => {
    getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    await waitFor(() =>
      expect(screen.getByText('All incidents').closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/component/checkout/incidents',
      ),
    );
  });
});

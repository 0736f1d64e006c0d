import { EntityReliabilitySummary } from '@reliability-hub/plugin-reliability-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { EntityIncidentsCard } from './EntityIncidentsCard';
import {
  makeEntity,
  makeIncident,
  makeRunbookRecord,
  makeSummary,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
  SIGNED_IN_USER,
} from '../../__testUtils__';

const ALERT_SELECTOR = 'reliability-hub.io/alert-selector';
const mappedEntity = makeEntity({ [ALERT_SELECTOR]: 'service="checkout"' });

const resolvedIncident = makeIncident({
  id: 'inc-1',
  title: 'Payments declined at checkout',
  severity: 'SEV2',
  status: 'resolved',
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

const summary = makeSummary({
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
    repeatCount: 2,
    recent: [openIncident, resolvedIncident],
  },
});

describe('<EntityIncidentsCard />', () => {
  // Picking people and filling forms is slow in jsdom on a busy machine.
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
    api.getSeverityLevels.mockResolvedValue([
      { id: 'SEV1', name: 'Critical', description: 'Everything is down' },
      { id: 'SEV2', name: 'Major', description: 'Core feature down' },
    ]);
  });

  const renderCard = (
    options: { entity?: ReturnType<typeof makeEntity>; allowed?: boolean } = {},
  ) =>
    renderWithApis(
      <Routes>
        <Route path="/" element={<EntityIncidentsCard />} />
        <Route
          path="/catalog/default/component/checkout/incidents/:id"
          element={<div>Incident page</div>}
        />
      </Routes>,
      { api, entity: options.entity ?? mappedEntity, allowed: options.allowed },
    );

  /** The value shown under a stat's label ("Open now" → "1"). */
  const statValue = (label: string) =>
    screen.getByText(label).nextElementSibling?.textContent;

  it('shows the figures, severities, and open incidents before recent ones', async () => {
    api.getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(statValue('Open now')).toBe('1');
    expect(statValue('Last 30 days')).toBe('3');
    expect(statValue('MTTA (90 d)')).toBe('9 min');
    expect(statValue('MTTR (90 d)')).toBe('53 min');
    expect(screen.getByText('· 2 repeats')).toBeInTheDocument();
    expect(screen.getByText('SEV2 × 1')).toBeInTheDocument();
    expect(screen.getByText('SEV4 × 3')).toBeInTheDocument();

    const open = screen.getByText('Slow cart page');
    const recent = screen.getByText('Payments declined at checkout');
    // "Open incidents" heading, the open one, then "Recent incidents", the resolved one.
    expect(
      screen.getByText('Open incidents').compareDocumentPosition(open),
    ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(
      open.compareDocumentPosition(screen.getByText('Recent incidents')),
    ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(
      screen.getByText('Recent incidents').compareDocumentPosition(recent),
    ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(screen.getByText(/· 1 h 15 min$/)).toBeInTheDocument();
    expect(screen.getByText(/· 20 min so far$/)).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('links each incident to its page and "All incidents" to the tab', async () => {
    api.getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    expect(
      (await screen.findByText('Slow cart page')).closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/inc-2',
    );
    expect(screen.getByText('All incidents').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents',
    );
  });

  it('asks for the summary of the entity exactly once', async () => {
    api.getEntitySummary.mockResolvedValue(summary);
    await renderCard();

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
    expect(api.getEntitySummary).toHaveBeenCalledWith(
      'component:default/checkout',
    );
  });

  it('says so when the component has no incidents', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    await renderCard();

    expect(
      await screen.findByText(/No incidents recorded for this component/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Open now')).not.toBeInTheDocument();
  });

  it('shows an error panel and no figures when the summary cannot be loaded', async () => {
    api.getEntitySummary.mockRejectedValue(new Error('backend is down'));
    await renderCard();

    expect(
      await screen.findByText(/Could not load incidents/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Open now')).not.toBeInTheDocument();
  });

  it('says what to install when the backend is missing', async () => {
    api.getEntitySummary.mockRejectedValue(responseError(404, 'Not found'));
    await renderCard();

    expect(
      await screen.findByText('Reliability Hub backend not found'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load incidents/),
    ).not.toBeInTheDocument();
  });

  it('shows progress until the summary arrives, and the alert hint after', async () => {
    let answer: (value: EntityReliabilitySummary) => void = () => {};
    api.getEntitySummary.mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    await renderCard({ entity: makeEntity() });

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText(ALERT_SELECTOR)).not.toBeInTheDocument();
    answer(summary);

    expect(await screen.findByText('Open now')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    expect(screen.getByText(ALERT_SELECTOR)).toBeInTheDocument();
    expect(
      screen.getByText(/Alerts do not open incidents here yet/),
    ).toBeInTheDocument();
  });

  it('hides "Declare incident" from those not allowed to declare', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    // Another entity: permission answers are cached per permission and ref.
    await renderCard({ entity: makeEntity({}, 'locked'), allowed: false });

    expect(
      await screen.findByText(/No incidents recorded for this component/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Declare incident/ }),
    ).not.toBeInTheDocument();
  });

  it('declares an incident and opens its page', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    api.createIncident.mockResolvedValue(makeIncident({ id: 'inc-new' }));
    await renderCard();

    await userEvent.click(
      await screen.findByRole('button', { name: /Declare incident/ }),
    );
    const dialog = await screen.findByRole('dialog');
    // The commander defaults to the signed-in user, shown by name.
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Commander')).toHaveValue(
        'Lena Hoffmann',
      ),
    );
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Cart empty');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Severity/ }),
    );
    // The configured levels, with their names and meanings.
    expect(await screen.findByText('Core feature down')).toBeInTheDocument();
    await userEvent.click(screen.getByText('SEV2 · Major'));
    await userEvent.type(within(dialog).getByLabelText('Summary'), 'No items');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    expect(await screen.findByText('Incident page')).toBeInTheDocument();
    expect(api.createIncident).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      title: 'Cart empty',
      severity: 'SEV2',
      summary: 'No items',
      commander: SIGNED_IN_USER,
    });
    expect(api.createIncident.mock.calls[0][0].drill).toBeUndefined();
  });

  it('marks a drill with DRILL beside its severity, and only the drill', async () => {
    const drill = makeIncident({
      id: 'inc-3',
      title: 'Game day: lose the primary',
      severity: 'SEV1',
      status: 'investigating',
      drill: 'game_day',
    });
    api.getEntitySummary.mockResolvedValue(
      makeSummary({
        incidents: {
          ...summary.incidents,
          recent: [drill, resolvedIncident],
        },
      }),
    );
    await renderCard();

    const row = (await screen.findByText('Game day: lose the primary')).closest(
      'div',
    )!.parentElement!;
    expect(within(row).getByText('DRILL')).toBeInTheDocument();
    expect(within(row).getByText('SEV1')).toBeInTheDocument();
    expect(screen.getAllByText('DRILL')).toHaveLength(1);
  });

  it('declares a drill of the kind chosen, with the runbook it exercises', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    api.getEntityRunbooks.mockResolvedValue({
      entityRef: 'component:default/checkout',
      configured: true,
      runbooks: [
        makeRunbookRecord({
          id: 'component:default/checkout/region-failover',
          title: 'Fail over the region',
        }),
      ],
      problems: [],
      refreshedAt: null,
    });
    api.createIncident.mockResolvedValue(makeIncident({ id: 'inc-new' }));
    await renderCard();

    await userEvent.click(
      await screen.findByRole('button', { name: /Declare incident/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Title/),
      'Tabletop: region loss',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Severity/ }),
    );
    await userEvent.click(await screen.findByText('SEV1 · Critical'));
    await userEvent.click(within(dialog).getByLabelText('This is a drill'));
    expect(
      within(dialog).getByRole('heading', { name: 'Declare a drill' }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Kind of drill/ }),
    );
    await userEvent.click(await screen.findByText('Tabletop exercise'));
    await userEvent.click(
      await within(dialog).findByRole('button', {
        name: /Runbook to exercise/,
      }),
    );
    await userEvent.click(await screen.findByText('Fail over the region'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    await waitFor(() =>
      expect(api.createIncident).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Tabletop: region loss',
          severity: 'SEV1',
          drill: 'tabletop',
          runbookId: 'component:default/checkout/region-failover',
        }),
      ),
    );
    expect(api.getEntityRunbooks).toHaveBeenCalledWith(
      'component:default/checkout',
    );
    // Three selects to open: slow in jsdom on a busy machine.
  }, 60_000);

  it('names the communications lead and scribe when declaring', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    api.createIncident.mockResolvedValue(makeIncident({ id: 'inc-new' }));
    await renderCard();

    await userEvent.click(
      await screen.findByRole('button', { name: /Declare incident/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Cart empty');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Severity/ }),
    );
    await userEvent.click(await screen.findByText('SEV2 · Major'));
    await pickPerson(
      within(dialog).getByLabelText('Communications lead'),
      'jane',
      /Jane Doe/,
    );
    await pickPerson(
      within(dialog).getByLabelText('Scribe'),
      'priya',
      /Priya Raman/,
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    await waitFor(() =>
      expect(api.createIncident).toHaveBeenCalledWith(
        expect.objectContaining({
          commander: SIGNED_IN_USER,
          communications: 'user:default/jane',
          scribe: 'user:default/priya.raman',
        }),
      ),
    );
  });

  it('keeps the form open and shows why when declaring fails', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    api.createIncident.mockRejectedValue(
      responseError(400, 'severity: unknown level SEV9'),
    );
    await renderCard();

    await userEvent.click(
      await screen.findByRole('button', { name: /Declare incident/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Cart empty');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Severity/ }),
    );
    await userEvent.click(await screen.findByText('SEV1 · Critical'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'severity: unknown level SEV9',
    );
    expect(screen.queryByText('Incident page')).not.toBeInTheDocument();
  });
});

import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntitySloContent } from './EntitySloContent';
import {
  makeEntity,
  makeEntitySlos,
  makeHealthySloStatus,
  makeSloHistory,
  makeSloStatus,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
  useChartSize,
} from '../../__testUtils__';

// Charts and tables take a while in jsdom on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

describe('<EntitySloContent />', () => {
  jest.setTimeout(30_000);
  useChartSize();
  const api = mockReliabilityApi();
  const availability = makeSloStatus();
  const latency = makeHealthySloStatus();

  beforeEach(() => {
    jest.resetAllMocks();
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ slos: [availability, latency] }),
    });
    api.getSloHistory.mockImplementation(async id =>
      makeSloHistory(id === latency.id ? latency : availability),
    );
  });

  it('shows the first SLO with both charts drawn from its history, and its definition', async () => {
    const { container } = await renderWithApis(<EntitySloContent />, { api });

    const burndown = await screen.findByRole('figure', {
      name: 'Error budget burndown',
    });
    const burn = screen.getByRole('figure', { name: 'Burn rate' });
    // 29 daily points, drawn as a curve in each chart.
    expect(burndown).toHaveAttribute('data-points', '29');
    expect(
      burndown.querySelector('path.recharts-area-curve')?.getAttribute('d'),
    ).toMatch(/^M[\d.]+,[\d.]+/);
    expect(burn.querySelectorAll('path.recharts-line-curve')).toHaveLength(2);
    expect(within(burn).getByText('1h burn rate')).toBeInTheDocument();
    expect(within(burn).getByText('6h burn rate')).toBeInTheDocument();
    // Alert factors scaled to the 28-day window.
    expect(within(burn).getByText('13.4× page (1h)')).toBeInTheDocument();
    expect(within(burn).getByText('5.6× page (6h)')).toBeInTheDocument();
    expect(within(burn).getByText('2.8× ticket (1d)')).toBeInTheDocument();
    expect(within(burn).getByText('0.93× ticket (3d)')).toBeInTheDocument();
    // Tier thresholds on the burndown.
    expect(
      within(burndown).getByText('Full deployment freeze'),
    ).toBeInTheDocument();

    // The big figures of the selected SLO.
    expect(screen.getByRole('group', { name: 'SLI' })).toHaveTextContent(
      '99.87 %objective 99.9 % · 28 days, rolling · Occurrences',
    );
    expect(
      screen.getByRole('group', { name: 'Budget left' }),
    ).toHaveTextContent('−30 %');
    expect(
      screen.getByRole('group', { name: 'Burn rate (1h)' }),
    ).toHaveTextContent('15.2× Page');

    // Burn rate per window, from 5 minutes to 3 days.
    const windows = screen.getByRole('table', { name: 'Burn rate by window' });
    expect(within(windows).getAllByRole('row')).toHaveLength(8);
    expect(within(windows).getByText('16×')).toBeInTheDocument();

    expect(screen.getByText('examples/slos/checkout.yaml')).toBeInTheDocument();
    expect(container.textContent).toContain('name: checkout-availability');
    expect(api.getSloHistory).toHaveBeenCalledTimes(1);
    expect(api.getSloHistory).toHaveBeenCalledWith(availability.id);
  });

  it('offers the Prometheus rules of a threshold SLO read from Prometheus', async () => {
    const p95 = makeSloStatus({
      sourceType: 'Prometheus',
      threshold: { op: 'lt', value: 0.5 },
    });
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ slos: [p95] }),
    });
    api.getSloHistory.mockResolvedValue(makeSloHistory(p95));
    api.getSloPrometheusRules.mockResolvedValue('groups: []\n');
    await renderWithApis(<EntitySloContent />, { api });
    expect(await screen.findByText('Prometheus rules')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getSloPrometheusRules).toHaveBeenCalledWith(p95.entityRef, {
        sloName: p95.sloName,
        format: 'prometheus',
      }),
    );
  });

  it('opens the SLO named in the address and switches with one history request per SLO', async () => {
    await renderWithApis(<EntitySloContent />, {
      api,
      routeEntries: [`/?slo=${encodeURIComponent(latency.id)}`],
    });

    expect(
      await screen.findByRole('figure', { name: 'Error budget burndown' }),
    ).toBeInTheDocument();
    expect(api.getSloHistory).toHaveBeenCalledWith(latency.id);
    expect(screen.getByRole('group', { name: 'SLI' })).toHaveTextContent(
      '99.80 %',
    );

    const list = screen.getByRole('list', { name: 'SLOs of this entity' });
    await userEvent.click(within(list).getByText('Checkout availability'));
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'SLI' })).toHaveTextContent(
        '99.87 %',
      ),
    );
    expect(api.getSloHistory).toHaveBeenCalledTimes(2);
    expect(api.getSloHistory).toHaveBeenLastCalledWith(availability.id);
  });

  it('says why there are no figures when the source is unavailable, and still charts the history', async () => {
    const broken = makeSloStatus({
      state: 'source-unavailable',
      stateMessage: 'Prometheus answered 503',
      sli: null,
    });
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ slos: [broken] }),
    });
    api.getSloHistory.mockResolvedValue(makeSloHistory(broken));
    await renderWithApis(<EntitySloContent />, { api });

    expect(
      await screen.findByText(/Prometheus answered 503/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'SLI' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: 'Burn rate' }),
    ).toBeInTheDocument();
  });

  it('shows the history error without losing the figures', async () => {
    api.getSloHistory.mockRejectedValue(new Error('history is gone'));
    await renderWithApis(<EntitySloContent />, { api });

    expect(
      await screen.findByText(/Could not load the SLO history/),
    ).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'SLI' })).toBeInTheDocument();
  });

  it('names the missing annotation for an entity without SLOs', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ configured: false, slos: [] }),
    });
    await renderWithApis(<EntitySloContent />, { api });

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.getSloHistory).not.toHaveBeenCalled();
  });

  it('re-reads the definitions for those allowed to, then shows the new summary', async () => {
    api.refreshSlos.mockResolvedValue(makeEntitySlos());
    await renderWithApis(<EntitySloContent />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-read definitions' }),
    );
    expect(api.refreshSlos).toHaveBeenCalledWith('component:default/checkout');
    await waitFor(() => expect(api.getEntitySummary).toHaveBeenCalledTimes(2));
  });

  it('hides the re-read button from those not allowed to', async () => {
    // Another entity: permission answers are cached per resource.
    await renderWithApis(<EntitySloContent />, {
      api,
      allowed: false,
      entity: makeEntity({}, 'locked'),
    });

    expect(
      await screen.findByRole('figure', { name: 'Burn rate' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Re-read definitions' }),
    ).not.toBeInTheDocument();
  });
});

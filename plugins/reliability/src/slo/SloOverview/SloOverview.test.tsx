import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SloOverview } from './SloOverview';
import {
  makeHealthySloStatus,
  makeSloStatus,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
} from '../../__testUtils__';

// Charts and tables take a while in jsdom on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

describe('<SloOverview />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  const exhausted = makeSloStatus({
    id: 'component:default/checkout/checkout-availability/0',
    displayName: 'Checkout availability',
  });
  const healthy = makeHealthySloStatus({
    id: 'component:default/catalog-search/search-latency/0',
    entityRef: 'component:default/catalog-search',
    displayName: 'Search latency',
    owner: 'group:default/team-search',
  });
  const half = makeHealthySloStatus({
    id: 'component:default/payments-api/payments-availability/0',
    entityRef: 'component:default/payments-api',
    displayName: 'Payments availability',
    owner: 'group:default/team-payments',
    budget: {
      totalMinutes: 40.32,
      totalEvents: 1000,
      consumedFraction: 0.6,
      remainingFraction: 0.4,
      remainingMinutes: 16.1,
    },
    alert: {
      state: 'ticket',
      rule: {
        name: 'ticket-1d',
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        factor: 2.8,
      },
    },
    tier: { ...DEFAULT_ERROR_BUDGET_POLICY[2], index: 2 },
  });
  const unavailable = makeSloStatus({
    id: 'component:default/ledger/ledger-writes/0',
    entityRef: 'component:default/ledger',
    displayName: 'Ledger writes',
    state: 'source-unavailable',
    stateMessage: 'timed out',
  });

  beforeEach(() => {
    jest.resetAllMocks();
    api.getSloOverview.mockResolvedValue({
      // Not in order: the page shows them worst first anyway.
      items: [healthy, unavailable, exhausted, half],
      tiers: [...DEFAULT_ERROR_BUDGET_POLICY],
    });
  });

  const filters = () =>
    within(screen.getByRole('search', { name: 'SLO filters' }));

  function sloNames() {
    return screen
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('link')[0].textContent);
  }

  it('lists every SLO worst first, without current figures last', async () => {
    await renderWithApis(<SloOverview />, { api, entity: null });

    await screen.findByText('Checkout availability');
    expect(sloNames()).toEqual([
      'Checkout availability',
      'Payments availability',
      'Search latency',
      'Ledger writes',
    ]);
    const ledger = screen.getByText('Ledger writes').closest('tr')!;
    expect(
      within(ledger).getByText('SLI source unavailable'),
    ).toBeInTheDocument();
    expect(within(ledger).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(
      screen.getByText('Checkout availability').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slos?slo=component%3Adefault%2Fcheckout%2Fcheckout-availability%2F0',
    );
    // Counts at a glance.
    expect(screen.getByText('Paging now').previousSibling).toHaveTextContent(
      '1',
    );
    expect(screen.getByText('Ticket alerts').previousSibling).toHaveTextContent(
      '1',
    );
    expect(screen.getByText('Out of budget').previousSibling).toHaveTextContent(
      '1',
    );
    expect(api.getSloOverview).toHaveBeenCalledTimes(1);
  });

  it('asks the backend again with the chosen tier and owner', async () => {
    await renderWithApis(<SloOverview />, { api, entity: null });
    await screen.findByText('Checkout availability');

    api.getSloOverview.mockResolvedValue({
      items: [half],
      tiers: [...DEFAULT_ERROR_BUDGET_POLICY],
    });
    await userEvent.click(
      filters().getByRole('button', { name: /^Policy tier/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Deployment slowdown' }),
    );
    await waitFor(() =>
      expect(api.getSloOverview).toHaveBeenLastCalledWith({
        tier: 'Deployment slowdown',
      }),
    );
    await waitFor(() => expect(sloNames()).toEqual(['Payments availability']));

    // Any team of the catalog, not only those of the SLOs listed.
    await pickPerson(
      filters().getByLabelText('Owner'),
      'payments',
      /Team Payments/,
    );
    await waitFor(() =>
      expect(api.getSloOverview).toHaveBeenLastCalledWith({
        tier: 'Deployment slowdown',
        owner: 'group:default/team-payments',
      }),
    );
  });

  it('says when no SLO matches the filters', async () => {
    await renderWithApis(<SloOverview />, { api, entity: null });
    await screen.findByText('Checkout availability');

    api.getSloOverview.mockResolvedValue({ items: [], tiers: [] });
    await userEvent.click(filters().getByRole('button', { name: /^State/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'No data' }),
    );

    expect(
      await screen.findByText('No SLOs match these filters'),
    ).toBeInTheDocument();
    expect(api.getSloOverview).toHaveBeenLastCalledWith({ state: 'no-data' });
  });

  it('shows the error when the overview fails', async () => {
    api.getSloOverview.mockRejectedValue(new Error('overview failed'));
    await renderWithApis(<SloOverview />, { api, entity: null });

    expect(await screen.findByText(/Could not load SLOs/)).toBeInTheDocument();
  });
});

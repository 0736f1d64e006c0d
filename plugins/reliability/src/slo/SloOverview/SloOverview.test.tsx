import { DEFAULT_ERROR_BUDGET_POLICY } from '@reliability-hub/plugin-reliability-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SloOverview } from './SloOverview';
import {
  makeHealthySloStatus,
  makeSloOverview,
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
    api.getSloOverview.mockResolvedValue(
      makeSloOverview([exhausted, half, healthy, unavailable]),
    );
  });

  const filters = () =>
    within(screen.getByRole('search', { name: 'SLO filters' }));

  function sloNames() {
    return screen
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('link')[0].textContent);
  }

  it('lists the SLOs in the order the backend answers, with its counts', async () => {
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
    expect(api.getSloOverview).toHaveBeenCalledWith({
      limit: 50,
      cursor: undefined,
    });
  });

  it('shows the counts of every matching SLO and loads the next page on demand', async () => {
    api.getSloOverview.mockResolvedValueOnce(
      makeSloOverview([exhausted, half], {
        nextCursor: 'page-2',
        totalItems: 4,
        counts: { slos: 4, paging: 7, ticketing: 3, outOfBudget: 2 },
      }),
    );
    api.getSloOverview.mockResolvedValueOnce(
      makeSloOverview([healthy, unavailable], {
        totalItems: 4,
        counts: { slos: 4, paging: 7, ticketing: 3, outOfBudget: 2 },
      }),
    );
    await renderWithApis(<SloOverview />, { api, entity: null });

    await screen.findByText('All SLOs, worst first (2 of 4)');
    expect(sloNames()).toEqual([
      'Checkout availability',
      'Payments availability',
    ]);
    // The tiles count every SLO that matches, not the page.
    expect(screen.getByText('SLOs').previousSibling).toHaveTextContent('4');
    expect(screen.getByText('Paging now').previousSibling).toHaveTextContent(
      '7',
    );
    expect(screen.getByText('Out of budget').previousSibling).toHaveTextContent(
      '2',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(sloNames()).toEqual([
        'Checkout availability',
        'Payments availability',
        'Search latency',
        'Ledger writes',
      ]),
    );
    expect(api.getSloOverview).toHaveBeenLastCalledWith({
      limit: 50,
      cursor: 'page-2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('All SLOs, worst first')).toBeInTheDocument();
  });

  it('offers the systems the backend names', async () => {
    api.getSloOverview.mockResolvedValue(
      makeSloOverview([exhausted], {
        systems: ['system:default/shop', 'system:default/search'],
      }),
    );
    await renderWithApis(<SloOverview />, { api, entity: null });
    await screen.findByText('Checkout availability');
    await userEvent.click(filters().getByRole('button', { name: /^System/ }));
    expect(
      await screen.findByRole('option', { name: 'search' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'shop' }));
    await waitFor(() =>
      expect(api.getSloOverview).toHaveBeenLastCalledWith({
        system: 'system:default/shop',
        limit: 50,
        cursor: undefined,
      }),
    );
  });

  it('asks the backend again with the chosen tier and owner', async () => {
    await renderWithApis(<SloOverview />, { api, entity: null });
    await screen.findByText('Checkout availability');

    api.getSloOverview.mockResolvedValue(makeSloOverview([half]));
    await userEvent.click(
      filters().getByRole('button', { name: /^Policy tier/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Deployment slowdown' }),
    );
    await waitFor(() =>
      expect(api.getSloOverview).toHaveBeenLastCalledWith({
        tier: 'Deployment slowdown',
        limit: 50,
        cursor: undefined,
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
        limit: 50,
        cursor: undefined,
      }),
    );
  });

  it('says when no SLO matches the filters', async () => {
    await renderWithApis(<SloOverview />, { api, entity: null });
    await screen.findByText('Checkout availability');

    api.getSloOverview.mockResolvedValue(makeSloOverview([]));
    await userEvent.click(filters().getByRole('button', { name: /^State/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'No data' }),
    );

    expect(
      await screen.findByText('No SLOs match these filters.'),
    ).toBeInTheDocument();
    expect(api.getSloOverview).toHaveBeenLastCalledWith({
      state: 'no-data',
      limit: 50,
      cursor: undefined,
    });
  });

  it('shows the error when the overview fails', async () => {
    api.getSloOverview.mockRejectedValue(new Error('overview failed'));
    await renderWithApis(<SloOverview />, { api, entity: null });

    expect(await screen.findByText(/Could not load SLOs/)).toBeInTheDocument();
  });
});

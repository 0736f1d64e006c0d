import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { RunbooksContent } from '../RunbooksContent';
import {
  makeRunbookLink,
  makeRunbookRecord,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

function CurrentSearch() {
  return <output aria-label="address">{useLocation().search}</output>;
}

const stale = makeRunbookRecord({
  id: 'component:default/cart/cache-flush',
  entityRef: 'component:default/cart',
  title: 'Flush the cart cache',
  owner: 'group:default/team-cart',
  severity: 'SEV3',
  lastReviewed: '2025-01-10',
  reviewDue: '2025-04-10',
  stale: true,
  lastValidatedAt: '2026-11-03T16:20:00.000Z',
  lastValidatedIncidentId: 'inc-drill',
});

describe('<RunbookLibrary />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
    api.searchRunbooks.mockResolvedValue({
      items: [makeRunbookRecord(), stale, makeRunbookLink()],
      total: 3,
    });
  });

  const renderLibrary = (search = '') =>
    renderWithApis(
      <Routes>
        <Route
          path="/reliability/runbooks/*"
          element={
            <>
              <RunbooksContent />
              <CurrentSearch />
            </>
          }
        />
      </Routes>,
      { api, entity: null, routeEntries: [`/reliability/runbooks${search}`] },
    );

  const lastRequest = () => api.searchRunbooks.mock.lastCall?.[0];

  it('lists runbooks with owner, severity, review date and a stale badge on the stale one', async () => {
    await renderLibrary();

    const row = (await screen.findByText('Flush the cart cache')).closest(
      'tr',
    )!;
    expect(within(row).getByText('team-cart').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-cart',
    );
    expect(within(row).getByText('SEV3')).toBeInTheDocument();
    expect(within(row).getByText('Jan 10, 2025')).toBeInTheDocument();
    expect(
      within(row).getByText('Review overdue since Apr 10, 2025'),
    ).toBeInTheDocument();
    const current = screen
      .getByText('Database connection pool exhaustion')
      .closest('tr')!;
    expect(
      within(current).queryByText(/Review overdue/),
    ).not.toBeInTheDocument();
    expect(screen.getByText('3 runbooks')).toBeInTheDocument();
    expect(lastRequest()).toEqual({ limit: 25, cursor: undefined });
  });

  it('asks the backend with the search and filters from the address', async () => {
    await renderLibrary(
      '?q=pg_stat_activity&severity=SEV2&stale=true&owner=group:default/team-checkout&sort=lastReviewed',
    );

    await screen.findByText('3 runbooks');
    expect(api.searchRunbooks).toHaveBeenCalledTimes(1);
    expect(lastRequest()).toEqual({
      q: 'pg_stat_activity',
      severity: 'SEV2',
      stale: true,
      owner: 'group:default/team-checkout',
      sort: 'lastReviewed',
      limit: 25,
      cursor: undefined,
    });
    expect(screen.getByLabelText('Search runbooks')).toHaveValue(
      'pg_stat_activity',
    );
  });

  it('searches once typing pauses and puts the search in the address', async () => {
    const user = userEvent.setup();
    await renderLibrary();
    await screen.findByText('3 runbooks');

    await user.type(
      screen.getByLabelText('Search runbooks'),
      'rollout restart',
    );

    await waitFor(() =>
      expect(lastRequest()).toEqual({
        q: 'rollout restart',
        limit: 25,
        cursor: undefined,
      }),
    );
    // One request for the page, one for the finished search: none per key.
    expect(api.searchRunbooks).toHaveBeenCalledTimes(2);
    expect(screen.getByLabelText('address')).toHaveTextContent(
      '?q=rollout+restart',
    );
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('combines filters and changes the order', async () => {
    const user = userEvent.setup();
    await renderLibrary('?q=pool');
    await screen.findByText('3 runbooks');

    await user.click(screen.getByLabelText('Severity'));
    await user.click(await screen.findByRole('option', { name: 'SEV2' }));
    await waitFor(() => expect(lastRequest()?.severity).toBe('SEV2'));

    await user.click(screen.getByLabelText('Review'));
    await user.click(
      await screen.findByRole('option', { name: 'Review overdue' }),
    );
    await waitFor(() =>
      expect(lastRequest()).toEqual({
        q: 'pool',
        severity: 'SEV2',
        stale: true,
        limit: 25,
        cursor: undefined,
      }),
    );

    await user.click(screen.getByLabelText('Sort by'));
    await user.click(
      await screen.findByRole('option', { name: 'Last reviewed' }),
    );
    await waitFor(() => expect(lastRequest()?.sort).toBe('lastReviewed'));
    expect(screen.getByLabelText('address')).toHaveTextContent(
      '?q=pool&severity=SEV2&stale=true&sort=lastReviewed',
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(lastRequest()).toEqual({
        sort: 'lastReviewed',
        limit: 25,
        cursor: undefined,
      }),
    );
    // MUI selects are slow to open and close in jsdom.
  }, 20_000);

  it('shows when a drill last validated each runbook, and filters by it', async () => {
    const user = userEvent.setup();
    await renderLibrary();
    const row = (await screen.findByText('Flush the cart cache')).closest(
      'tr',
    )!;
    expect(
      within(row).getByText('Validated in a drill on Nov 3, 2026'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByText('Database connection pool exhaustion').closest('tr')!,
      ).getByText('Never validated in a drill'),
    ).toBeInTheDocument();

    await user.click(screen.getByLabelText('Drill validation'));
    await user.click(
      await screen.findByRole('option', { name: 'Never validated' }),
    );
    await waitFor(() =>
      expect(lastRequest()).toEqual({
        validated: 'never',
        limit: 25,
        cursor: undefined,
      }),
    );

    await user.click(screen.getByLabelText('Drill validation'));
    await user.click(
      await screen.findByRole('option', {
        name: 'Validated over 90 days ago',
      }),
    );
    await waitFor(() =>
      expect(lastRequest()).toEqual({
        validatedOverDays: 90,
        limit: 25,
        cursor: undefined,
      }),
    );
    expect(screen.getByLabelText('address')).toHaveTextContent(
      '?validatedOverDays=90',
    );
  }, 20_000);

  it('loads the next page with the cursor', async () => {
    const user = userEvent.setup();
    api.searchRunbooks
      .mockResolvedValueOnce({
        items: [makeRunbookRecord()],
        nextCursor: 'c1',
        total: 2,
      })
      .mockResolvedValueOnce({ items: [stale], total: 2 });
    await renderLibrary('?tag=database');

    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Flush the cart cache')).toBeInTheDocument();
    expect(
      screen.getByText('Database connection pool exhaustion'),
    ).toBeInTheDocument();
    expect(lastRequest()).toEqual({ tag: 'database', limit: 25, cursor: 'c1' });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('shows the error instead of the previous results when a search fails', async () => {
    const user = userEvent.setup();
    await renderLibrary();
    await screen.findByText('Flush the cart cache');
    api.searchRunbooks.mockRejectedValue(new Error('search is broken'));

    await user.type(screen.getByLabelText('Search runbooks'), 'flush');

    expect(
      await screen.findByText(/Could not load runbooks/, undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Flush the cart cache')).not.toBeInTheDocument();
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('says when nothing matches', async () => {
    api.searchRunbooks.mockResolvedValue({ items: [], total: 0 });
    await renderLibrary('?q=nothing-like-this');

    expect(
      await screen.findByText('No runbook matches the search and filters.'),
    ).toBeInTheDocument();
  });
});

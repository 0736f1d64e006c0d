import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reliabilityApiRef } from '../../api';
import { IncidentsTable } from './IncidentsTable';
import {
  makeIncident as baseIncident,
  mockReliabilityApi,
} from '../../__testUtils__';

const makeIncident = (id: string, overrides: Partial<Incident> = {}) =>
  baseIncident({ id, title: `Incident ${id}`, ...overrides });

describe('<IncidentsTable />', () => {
  // Tables with selects and chips render slowly in jsdom on a busy machine.
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const { listIncidents } = api;

  beforeEach(() => {
    jest.resetAllMocks();
  });

  function renderTable(
    props: Partial<Parameters<typeof IncidentsTable>[0]> = {},
  ) {
    return renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, api]]}>
        <IncidentsTable
          title="Open incidents"
          filter={{ entityRef: 'component:default/checkout', status: 'open' }}
          emptyMessage="Nothing open here."
          {...props}
        />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  }

  it('passes the filter to the API and shows the incidents', async () => {
    listIncidents.mockResolvedValue({
      items: [
        makeIncident('a', {
          title: 'Checkout returns 502',
          summary: 'Load balancer drops connections',
          severity: 'SEV1',
          commander: 'user:default/jane',
        }),
        makeIncident('b', {
          title: 'Card payments slow',
          status: 'resolved',
          resolvedAt: '2024-05-01T11:15:00.000Z',
        }),
      ],
    });
    await renderTable();

    expect(await screen.findByText('Checkout returns 502')).toBeInTheDocument();
    expect(
      screen.getByText('Load balancer drops connections'),
    ).toBeInTheDocument();
    expect(screen.getByText('Card payments slow')).toBeInTheDocument();
    expect(screen.getByText('SEV1')).toBeInTheDocument();
    expect(screen.getByText('Resolved')).toBeInTheDocument();
    expect(screen.getByText('lasted 1 h 15 min')).toBeInTheDocument();
    expect(screen.getByText('jane').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );

    expect(listIncidents).toHaveBeenCalledTimes(1);
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        status: 'open',
        cursor: undefined,
      }),
    );
    // Without "showEntity" there is no component column.
    expect(
      screen.queryByRole('columnheader', { name: 'Component' }),
    ).not.toBeInTheDocument();
    // A single page: nothing more to load.
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('loads the next page with the cursor and appends it', async () => {
    listIncidents
      .mockResolvedValueOnce({
        items: [makeIncident('1'), makeIncident('2')],
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({ items: [makeIncident('3')] });
    await renderTable();

    expect(await screen.findByText('Incident 1')).toBeInTheDocument();
    expect(screen.getByText('Incident 2')).toBeInTheDocument();
    expect(screen.queryByText('Incident 3')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Incident 3')).toBeInTheDocument();
    // The first page is kept, not replaced.
    expect(screen.getByText('Incident 1')).toBeInTheDocument();
    expect(screen.getByText('Incident 2')).toBeInTheDocument();

    expect(listIncidents).toHaveBeenCalledTimes(2);
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        status: 'open',
        cursor: 'c1',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load more' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('shows the empty message when there are no incidents', async () => {
    listIncidents.mockResolvedValue({ items: [] });
    await renderTable({ emptyMessage: 'Nothing open here.' });

    expect(await screen.findByText('Nothing open here.')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('shows an error panel when the incidents cannot be loaded', async () => {
    listIncidents.mockRejectedValue(new Error('backend is down'));
    await renderTable({ title: 'Open incidents' });

    expect(
      await screen.findByText(/Could not load open incidents/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Nothing open here.')).not.toBeInTheDocument();
  });

  it('keeps the rows and offers to retry when a later page fails', async () => {
    listIncidents
      .mockResolvedValueOnce({ items: [makeIncident('1')], nextCursor: 'c1' })
      .mockRejectedValueOnce(new Error('timeout'));
    await renderTable();

    expect(await screen.findByText('Incident 1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(
      await screen.findByText(/Could not load more incidents/),
    ).toBeInTheDocument();
    expect(screen.getByText('Incident 1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled();
  });

  it('shows a component column with entity links when asked to', async () => {
    listIncidents.mockResolvedValue({
      items: [
        makeIncident('a', {
          title: 'Search is down',
          entityRef: 'component:default/search',
        }),
      ],
    });
    await renderTable({ showEntity: true, filter: { status: 'open' } });

    expect(await screen.findByText('Search is down')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Component' }),
    ).toBeInTheDocument();
    const row = screen.getByText('Search is down').closest('tr')!;
    expect(within(row).getByText('search').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/search',
    );
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'open', entityRef: undefined }),
    );
  });

  it('links each title to the incident page under its entity', async () => {
    listIncidents.mockResolvedValue({
      items: [makeIncident('a', { title: 'Checkout returns 502' })],
    });
    await renderTable();

    expect(
      (await screen.findByText('Checkout returns 502')).closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/a',
    );
  });

  it('asks the backend again with the chosen status and severities', async () => {
    listIncidents.mockResolvedValue({ items: [] });
    api.getSeverityLevels.mockResolvedValue([
      { id: 'SEV1', name: 'Critical', description: 'All hands' },
      { id: 'SEV2', name: 'Major', description: 'Page the on-call' },
    ]);
    await renderTable({
      title: 'Incident history',
      filter: { entityRef: 'component:default/checkout' },
      showFilters: true,
    });
    await waitFor(() => expect(listIncidents).toHaveBeenCalledTimes(1));
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: undefined, severity: undefined }),
    );

    await userEvent.click(screen.getByRole('button', { name: /Any status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Resolved' }),
    );
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          status: 'resolved',
          severity: undefined,
          cursor: undefined,
        }),
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: /Any severity/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'SEV2 · Major' }),
    );
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'resolved', severity: ['SEV2'] }),
      ),
    );
  });

  it('shows each open incident’s most urgent target and filters to those that need attention', async () => {
    const minutesAgo = (n: number) =>
      new Date(Date.now() - n * 60_000).toISOString();
    listIncidents.mockResolvedValue({
      items: [
        makeIncident('late', {
          severity: 'SEV1',
          status: 'investigating',
          startedAt: minutesAgo(7),
          detectedAt: minutesAgo(7),
          acknowledgedAt: null,
          resolvedAt: null,
        }),
      ],
    });
    await renderTable({
      title: 'All incidents',
      filter: {},
      showFilters: true,
    });
    expect(
      await screen.findByText(/Acknowledge overdue by 2 min/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: /Needs attention/ }),
    );
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ needsAttention: true, cursor: undefined }),
      ),
    );
  });
});

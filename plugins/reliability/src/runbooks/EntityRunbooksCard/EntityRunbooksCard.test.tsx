import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityRunbooksCard } from './EntityRunbooksCard';
import {
  makeEntity,
  makeEntityRunbooks,
  makeRunbookLink,
  makeRunbookRecord,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

const staleRunbook = makeRunbookRecord({
  id: 'component:default/checkout/latency',
  title: 'Checkout latency',
  severity: 'SEV3',
  alerts: ['HighLatency'],
  lastReviewed: '2025-06-01',
  reviewDue: '2025-08-30',
  stale: true,
});

describe('<EntityRunbooksCard />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderCard = () => renderWithApis(<EntityRunbooksCard />, { api });

  it('lists structured runbooks and links with severity, alerts, review and a stale badge only on the stale one', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks({
        runbooks: [makeRunbookRecord(), staleRunbook, makeRunbookLink()],
      }),
    });
    await renderCard();

    const current = await screen.findByRole('listitem', {
      name: 'Database connection pool exhaustion',
    });
    expect(within(current).getByText('SEV2')).toBeInTheDocument();
    expect(within(current).getByText('HighErrorRate')).toBeInTheDocument();
    expect(
      within(current).getByText('Reviewed Oct 1, 2026'),
    ).toBeInTheDocument();
    expect(
      within(current).queryByText(/Review overdue/),
    ).not.toBeInTheDocument();
    expect(
      within(current).getByRole('link', {
        name: 'Database connection pool exhaustion',
      }),
    ).toHaveAttribute(
      'href',
      '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool-exhaustion',
    );

    const stale = screen.getByRole('listitem', { name: 'Checkout latency' });
    expect(
      within(stale).getByText('Review overdue since Aug 30, 2025'),
    ).toBeInTheDocument();

    const link = screen.getByRole('listitem', {
      name: 'Checkout on-call handbook',
    });
    expect(within(link).getByRole('link')).toHaveAttribute(
      'href',
      'https://wiki.example.com/checkout/handbook',
    );
    expect(within(link).getByRole('link')).toHaveAttribute('target', '_blank');
    expect(screen.getByText('Runbook library').closest('a')).toHaveAttribute(
      'href',
      '/reliability/runbooks',
    );
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
  });

  it('re-reads the runbook files for those allowed to, then shows the new summary', async () => {
    const user = userEvent.setup();
    api.getEntitySummary
      .mockResolvedValueOnce({
        ...makeSummary(),
        runbooks: makeEntityRunbooks({ runbooks: [] }),
      })
      .mockResolvedValueOnce({
        ...makeSummary(),
        runbooks: makeEntityRunbooks({ runbooks: [staleRunbook] }),
      });
    api.refreshRunbooks.mockResolvedValue(makeEntityRunbooks());
    await renderCard();

    await user.click(
      await screen.findByRole('button', { name: 'Re-read runbook files' }),
    );

    expect(api.refreshRunbooks).toHaveBeenCalledWith(
      'component:default/checkout',
    );
    expect(await screen.findByText('Checkout latency')).toBeInTheDocument();
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('offers no re-read to those not allowed to', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks(),
    });
    // Another entity than in the other tests: permission answers are cached
    // per resource.
    await renderWithApis(<EntityRunbooksCard />, {
      api,
      allowed: false,
      entity: makeEntity({}, 'cart'),
    });

    expect(
      await screen.findByText('Database connection pool exhaustion'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Re-read runbook files' }),
    ).not.toBeInTheDocument();
  });

  it('says which annotation is missing, and that runbook links count too', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks({ configured: false, runbooks: [] }),
    });
    await renderCard();

    expect(
      await screen.findByText('reliability-hub.io/runbooks', {
        selector: 'code',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('type: runbook')).toBeInTheDocument();
  });

  it('shows the problems of invalid runbook files with file, line and field', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks({
        runbooks: [],
        problems: [
          {
            file: 'runbooks/latency.yaml',
            documentIndex: 0,
            line: 12,
            field: 'steps[1].decisions[0].next',
            message: 'names step 9, which does not exist',
          },
        ],
      }),
    });
    await renderCard();

    expect(
      await screen.findByText(/1 problem in this entity's runbook files/),
    ).toBeInTheDocument();
    expect(screen.getByText('runbooks/latency.yaml:12')).toBeInTheDocument();
    expect(screen.getByText('steps[1].decisions[0].next')).toBeInTheDocument();
    expect(
      screen.getByText(/names step 9, which does not exist/),
    ).toBeInTheDocument();
    expect(screen.getByText('No runbooks yet')).toBeInTheDocument();
  });

  it('says when the configured files hold no runbooks', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks({ runbooks: [] }),
    });
    await renderCard();

    expect(await screen.findByText('No runbooks yet')).toBeInTheDocument();
  });

  it('says when the runbook files have not been read yet', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      runbooks: makeEntityRunbooks({ runbooks: [], refreshedAt: null }),
    });
    await renderCard();

    expect(
      await screen.findByText('Runbook files not read yet'),
    ).toBeInTheDocument();
  });

  it('says when the backend does not answer runbooks yet', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    await renderCard();

    expect(
      await screen.findByText('Runbooks not available'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading and the error when the summary fails', async () => {
    let fail: (error: Error) => void = () => {};
    api.getEntitySummary.mockReturnValue(
      new Promise((_resolve, reject) => {
        fail = reject;
      }),
    );
    await renderCard();
    expect(screen.getByTestId('progress')).toBeInTheDocument();

    fail(new Error('database is down'));
    expect(
      await screen.findByText('Could not load runbooks', { exact: false }),
    ).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { RunbooksContent } from '../RunbooksContent';
import {
  makeRunbookDetail,
  makeRunbookLink,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const RUNBOOK_ID = 'component:default/checkout/db-pool-exhaustion';

describe('<RunbookPage />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderPage = (id = RUNBOOK_ID) =>
    renderWithApis(
      <Routes>
        <Route path="/reliability/runbooks/*" element={<RunbooksContent />} />
      </Routes>,
      {
        api,
        entity: null,
        routeEntries: [`/reliability/runbooks/${encodeURIComponent(id)}`],
      },
    );

  it('asks for the runbook by its full id and shows its header', async () => {
    api.getRunbook.mockResolvedValue(
      makeRunbookDetail({ stale: true, reviewDue: '2026-11-01' }),
    );
    await renderPage();

    expect(
      await screen.findByText('Database connection pool exhaustion', {
        selector: 'span',
      }),
    ).toBeInTheDocument();
    expect(api.getRunbook).toHaveBeenCalledWith(RUNBOOK_ID);
    expect(
      screen.getByText('Review overdue since Nov 1, 2026'),
    ).toBeInTheDocument();
    expect(screen.getByText('Owner').nextElementSibling).toHaveTextContent(
      'team-checkout',
    );
    expect(screen.getByText('Alerts').nextElementSibling).toHaveTextContent(
      'HighErrorRate, DbPoolSaturated',
    );
    expect(
      screen.getByText('Last reviewed').nextElementSibling,
    ).toHaveTextContent('Oct 1, 2026');
    expect(screen.getByText('Source').nextElementSibling).toHaveTextContent(
      'examples/components/checkout/runbooks.yaml',
    );
    // The description's Markdown is rendered, not shown raw.
    expect(screen.getByText('503', { selector: 'strong' })).toBeInTheDocument();
    expect(
      screen.getByText('kubectl access to the shop cluster'),
    ).toBeInTheDocument();
  });

  it('shows the steps in order with anchors, expected results and the decision as a branch', async () => {
    api.getRunbook.mockResolvedValue(makeRunbookDetail());
    await renderPage();

    const steps = within(await screen.findByRole('list', { name: 'Steps' }))
      .getAllByRole('listitem')
      .filter(item => item.id.startsWith('step-'));
    expect(steps.map(step => step.getAttribute('aria-label'))).toEqual([
      'Step 1: Confirm the pool is exhausted',
      'Step 2: Turn off fraud scoring',
      'Step 3: Restart checkout',
    ]);
    expect(steps.map(step => step.id)).toEqual(['step-1', 'step-2', 'step-3']);
    expect(
      within(steps[0]).getByText(
        'About 50 connections in use, requests waiting.',
      ),
    ).toBeInTheDocument();

    const branch = within(steps[0]).getByText(
      /fewer than 40 connections are in use/,
    );
    expect(branch).toHaveTextContent(
      'If fewer than 40 connections are in use → the pool is not the cause; look at the error logs → go to step 3',
    );
    expect(
      within(branch).getByRole('link', { name: 'step 3' }),
    ).toHaveAttribute('href', '#step-3');
  });

  it('copies a command to the clipboard and says so', async () => {
    const user = userEvent.setup();
    // After setup(), which puts its own clipboard on the navigator.
    const writeText = jest
      .spyOn(window.navigator.clipboard, 'writeText')
      .mockResolvedValue();
    api.getRunbook.mockResolvedValue(makeRunbookDetail());
    await renderPage();

    const step2 = await screen.findByRole('listitem', {
      name: 'Step 2: Turn off fraud scoring',
    });
    await user.click(within(step2).getByRole('button', { name: 'Copy' }));

    expect(writeText).toHaveBeenCalledWith(
      'kubectl -n shop set env deploy/checkout FRAUD_SCORING=off',
    );
    expect(
      await within(step2).findByRole('button', { name: 'Copied' }),
    ).toBeInTheDocument();
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('says when the browser refuses to copy', async () => {
    const user = userEvent.setup();
    jest
      .spyOn(window.navigator.clipboard, 'writeText')
      .mockRejectedValue(new Error('denied'));
    api.getRunbook.mockResolvedValue(makeRunbookDetail());
    await renderPage();

    const step3 = await screen.findByRole('listitem', {
      name: 'Step 3: Restart checkout',
    });
    await user.click(within(step3).getByRole('button', { name: 'Copy' }));

    expect(
      await within(step3).findByRole('button', { name: 'Copy failed' }),
    ).toBeInTheDocument();
    // User events are slow in jsdom on a busy machine.
  }, 15_000);

  it('shows the verification checklist and the escalation path', async () => {
    api.getRunbook.mockResolvedValue(makeRunbookDetail());
    await renderPage();

    expect(
      await screen.findByRole('checkbox', {
        name: '5xx ratio below 0.1 % for 10 minutes',
      }),
    ).not.toBeChecked();
    expect(
      screen.getByText('Level 1: Checkout on-call').parentElement,
    ).toHaveTextContent(
      'Level 1: Checkout on-call – #checkout-oncall (after 15 minutes without mitigation)',
    );
    expect(screen.getByText('dba@example.com').closest('a')).toHaveAttribute(
      'href',
      'mailto:dba@example.com',
    );
  });

  it('shows where a link-only runbook lives', async () => {
    api.getRunbook.mockResolvedValue({ ...makeRunbookLink() });
    await renderPage('component:default/checkout/link/0');

    expect(
      await screen.findByText('Where this runbook lives'),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByText('https://wiki.example.com/checkout/handbook')
        .map(text => text.closest('a')?.getAttribute('href')),
    ).toContain('https://wiki.example.com/checkout/handbook');
    expect(
      screen.queryByRole('list', { name: 'Steps' }),
    ).not.toBeInTheDocument();
  });

  it('says clearly when the runbook does not exist', async () => {
    api.getRunbook.mockRejectedValue(responseError(404, 'No runbook'));
    await renderPage('component:default/checkout/gone');

    expect(await screen.findByText('No such runbook')).toBeInTheDocument();
  });
});

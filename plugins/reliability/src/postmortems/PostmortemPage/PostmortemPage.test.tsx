import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PostmortemPage } from './PostmortemPage';
import {
  makeActionItem,
  makeEntity,
  makePostmortem,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const postmortem = makePostmortem({
  id: 'pm-1',
  title: 'Gateway outage',
  status: 'draft',
  version: 4,
  summary: 'Card payments failed for **40 minutes**.',
  timeline: '- 10:00 alert fired\n<script>window.pwned = true</script>',
  impactUsersAffected: 'About 1,200 shoppers',
  impactDurationMinutes: 40,
  reviewers: ['user:default/jane'],
  incidents: [
    {
      id: 'inc-1',
      title: 'Payments declined',
      severity: 'SEV2',
      startedAt: '2024-05-01T10:00:00.000Z',
    },
  ],
  actionItems: [
    makeActionItem({
      id: 'ai-1',
      title: 'Alert on pool saturation',
      priority: 'P1',
      owner: 'group:default/team-checkout',
      dueDate: '2024-05-10',
      overdue: true,
      version: 2,
    }),
  ],
});

describe('<PostmortemPage />', () => {
  // The page is large: typing into it re-renders Markdown previews and tables.
  jest.setTimeout(60_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderPage = (
    allowed = true,
    signedInAs?: { userEntityRef: string; ownershipEntityRefs?: string[] },
  ) => {
    if (!allowed) {
      api.getPostmortem.mockResolvedValue({
        ...postmortem,
        entityRef: 'component:default/locked',
      });
    }
    return renderWithApis(<PostmortemPage postmortemId="pm-1" />, {
      api,
      allowed,
      entity: makeEntity({}, allowed ? 'checkout' : 'locked'),
      signedInAs,
    });
  };

  it('shows the postmortem: status, reviewers, incidents, sections and impact', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    const { container } = await renderPage();

    expect(await screen.findByText('Gateway outage')).toBeInTheDocument();
    expect(api.getPostmortem).toHaveBeenCalledWith('pm-1');
    expect(screen.getByText('Draft')).toBeInTheDocument();
    expect(screen.getByText('jane')).toBeInTheDocument();
    expect(screen.getByText('Payments declined').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/inc-1',
    );
    expect(
      screen.getByRole('heading', { name: 'Root cause' }),
    ).toBeInTheDocument();
    expect(screen.getByText('40 minutes').tagName).toBe('STRONG');
    expect(screen.getByText('About 1,200 shoppers')).toBeInTheDocument();
    expect(screen.getByText('40 min')).toBeInTheDocument();
    expect(screen.getAllByText('Not written yet.').length).toBeGreaterThan(0);
    expect(container.querySelector('script')).toBeNull();
    // A real incident's postmortem is no debrief.
    expect(screen.queryByText('DRILL')).not.toBeInTheDocument();
  });

  it('marks a drill debrief as a drill, beside its status and on its drill', async () => {
    api.getPostmortem.mockResolvedValue({
      ...postmortem,
      title: 'Game day debrief',
      drill: 'game_day',
      incidents: [{ ...postmortem.incidents[0], drill: 'game_day' }],
    });
    await renderPage();

    expect(await screen.findByText('Game day debrief')).toBeInTheDocument();
    const [beside, onDrill] = screen.getAllByText('DRILL');
    expect(beside.closest('[class*="MuiCardHeader"]')).toHaveTextContent(
      'Draft',
    );
    expect(onDrill.closest('div')?.parentElement).toHaveTextContent(
      'Payments declined',
    );
  });

  it('moves through review with the version it was loaded at', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.updatePostmortem.mockResolvedValue(postmortem);
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request review' }),
    );

    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-1', {
      version: 4,
      status: 'in_review',
    });
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledTimes(2));
  });

  it('holds the review buttons while it reloads after a change, so no move goes out on a stale version', async () => {
    let finishReload: (value: typeof postmortem) => void = () => {};
    api.getPostmortem.mockResolvedValueOnce(postmortem).mockReturnValueOnce(
      new Promise(resolve => {
        finishReload = resolve;
      }),
    );
    api.updatePostmortem.mockResolvedValue(postmortem);
    await renderPage();

    const submit = await screen.findByRole('button', {
      name: 'Request review',
    });
    await userEvent.click(submit);
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledTimes(2));
    expect(
      screen.getByRole('button', { name: 'Request review' }),
    ).toBeDisabled();

    finishReload({ ...postmortem, version: 5 });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Request review' }),
      ).toBeEnabled(),
    );
  });

  it('has its author wait for a reviewer while in review, with no way to publish alone', async () => {
    api.getPostmortem.mockResolvedValue({ ...postmortem, status: 'in_review' });
    await renderPage();

    expect(
      await screen.findByRole('button', { name: 'Back to draft' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Waiting for approval by/)).toHaveTextContent(
      'Waiting for approval by jane: a reviewer other than you approves it',
    );
    for (const name of ['Publish', 'Approve and publish', 'Request review']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('lets a reviewer, named or through a team, approve it with the version it was loaded at', async () => {
    const inReview = {
      ...postmortem,
      status: 'in_review' as const,
      reviewers: ['group:default/sre'],
    };
    api.getPostmortem.mockResolvedValue(inReview);
    api.approvePostmortem.mockResolvedValue(inReview);
    await renderPage(true, {
      userEntityRef: 'user:default/jonas.weber',
      ownershipEntityRefs: ['user:default/jonas.weber', 'group:default/sre'],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve and publish' }),
    );

    expect(api.approvePostmortem).toHaveBeenCalledWith('pm-1', { version: 4 });
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledTimes(2));
  });

  it('names who approved it and when, and lists its revisions', async () => {
    api.getPostmortem.mockResolvedValue({
      ...postmortem,
      status: 'published',
      approvedBy: 'user:default/jane',
      approvedAt: '2024-05-03T09:30:00.000Z',
      publishedAt: '2024-05-03T09:30:00.000Z',
      revisions: [
        {
          version: 4,
          at: '2024-05-04T08:00:00.000Z',
          actor: 'user:default/lena.hoffmann',
          action: 'edited',
          changed: ['rootCause', 'lessonsLearned'],
          status: 'published',
        },
        {
          version: 3,
          at: '2024-05-03T09:30:00.000Z',
          actor: 'user:default/jane',
          action: 'approved',
          changed: [],
          status: 'published',
        },
        {
          version: 2,
          at: '2024-05-03T09:00:00.000Z',
          actor: 'user:default/lena.hoffmann',
          action: 'review_requested',
          changed: ['reviewers'],
          status: 'in_review',
        },
        {
          version: 1,
          at: '2024-05-02T10:00:00.000Z',
          actor: 'user:default/lena.hoffmann',
          action: 'created',
          changed: [],
          status: 'draft',
        },
      ],
    });
    await renderPage();

    expect(await screen.findByText(/^Approved by/)).toHaveTextContent(
      /^Approved by jane, /,
    );
    const history = screen
      .getByText('Revision history')
      .closest('.MuiCard-root') as HTMLElement;
    expect(
      within(history)
        .getAllByRole('listitem')
        .map(item => item.querySelector('div')?.textContent),
    ).toEqual([
      'lena.hoffmann changed Root cause, Lessons learned after publication',
      'jane approved it, which published it',
      'lena.hoffmann requested review; changed Reviewers',
      'lena.hoffmann wrote the first draft',
    ]);
    expect(within(history).getByText(/version 4/)).toBeInTheDocument();
  });

  it('lets its author discard a draft after asking, with the version it was loaded at', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.discardPostmortem.mockResolvedValue(undefined);
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Discard draft' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(/its 1 action item\(s\) are deleted/);
    expect(api.discardPostmortem).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Discard draft' }),
    );

    expect(api.discardPostmortem).toHaveBeenCalledWith('pm-1', 4);
  });

  it('edits the sections with a preview and saves them with the version', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.updatePostmortem.mockResolvedValue(postmortem);
    await renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const rootCause = screen.getByLabelText('Root cause');
    await userEvent.click(rootCause);
    await userEvent.paste('Pool of **10** connections');
    expect(screen.getByText('10').tagName).toBe('STRONG');
    await userEvent.clear(screen.getByLabelText('Impact duration (minutes)'));
    await userEvent.click(screen.getByLabelText('Impact duration (minutes)'));
    await userEvent.paste('45');
    await pickPerson(
      screen.getByLabelText('Reviewers'),
      'lena',
      /Lena Hoffmann/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(api.updatePostmortem).toHaveBeenCalledWith(
      'pm-1',
      expect.objectContaining({
        version: 4,
        rootCause: 'Pool of **10** connections',
        summary: 'Card payments failed for **40 minutes**.',
        impactDurationMinutes: 45,
        reviewers: ['user:default/jane', 'user:default/lena.hoffmann'],
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Save' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.getPostmortem).toHaveBeenCalledTimes(2);
  });

  it('says someone else changed it and reloads when saving a stale version', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.updatePostmortem.mockRejectedValue(responseError(409, 'stale'));
    await renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(screen.getByLabelText('Lessons learned'));
    await userEvent.paste('Size pools by load');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this; reload',
    );
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledTimes(2));
  });

  it('keeps the editor open and names the field when the server rejects a value', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.updatePostmortem.mockRejectedValue(
      responseError(400, 'reviewers.0: not a user ref'),
    );
    await renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'reviewers.0: not a user ref',
    );
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });

  it('lists the action items and adds one, reloading after', async () => {
    api.getPostmortem.mockResolvedValue(postmortem);
    api.createActionItem.mockResolvedValue(makeActionItem());
    await renderPage();

    const row = (await screen.findByText('Alert on pool saturation')).closest(
      'tr',
    )!;
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add action item' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText(/Title/));
    await userEvent.paste('Load test checkout');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(api.createActionItem).toHaveBeenCalledWith(
      'pm-1',
      expect.objectContaining({ title: 'Load test checkout' }),
    );
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledTimes(2));
  });

  it('shows everything read-only to those not allowed to write', async () => {
    await renderPage(false);

    expect(await screen.findByText('Gateway outage')).toBeInTheDocument();
    expect(screen.getByText('Alert on pool saturation')).toBeInTheDocument();
    expect(screen.getByText('2024-05-10')).toBeInTheDocument();
    for (const name of ['Edit', 'Request review', 'Add action item']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByLabelText(/Status of/)).not.toBeInTheDocument();
  });

  it('says so when there is no such postmortem, and shows other errors', async () => {
    api.getPostmortem.mockRejectedValueOnce(responseError(404, 'none'));
    const { unmount } = await renderPage();
    expect(await screen.findByText('No such postmortem')).toBeInTheDocument();
    unmount();

    api.getPostmortem.mockRejectedValueOnce(new Error('backend is down'));
    await renderPage();
    expect(
      await screen.findByText(/Could not load the postmortem/),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from './IncidentPage';
import {
  makeEntity,
  makeIncident,
  makeIncidentDetail,
  makePostmortem,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const detail = makeIncidentDetail({
  id: 'inc-1',
  title: 'Payments declined at checkout',
  severity: 'SEV2',
  status: 'identified',
  summary: 'Card payments fail with 502.',
  commander: 'user:default/lena.hoffmann',
  communications: 'user:default/jane',
  scribe: null,
  runbookUrl: 'https://runbooks.example/checkout-502',
  startedAt: '2024-05-01T10:00:00.000Z',
  acknowledgedAt: '2024-05-01T10:09:00.000Z',
  version: 3,
  timeline: [
    {
      id: 'e2',
      incidentId: 'inc-1',
      type: 'note',
      at: '2024-05-01T10:20:00.000Z',
      author: 'user:default/jane',
      message: 'Gateway pool exhausted',
      data: null,
    },
    {
      id: 'e1',
      incidentId: 'inc-1',
      type: 'created',
      at: '2024-05-01T10:00:00.000Z',
      author: 'alertmanager',
      message: 'Incident declared',
      data: null,
    },
  ],
  postmortems: [{ id: 'pm-1', title: 'Gateway outage', status: 'in_review' }],
});

describe('<IncidentPage />', () => {
  // Picking people and filling forms is slow in jsdom on a busy machine.
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderPage = (
    options: {
      allowed?: boolean;
      entityRef?: string;
      incident?: typeof detail;
    } = {},
  ) => {
    if (options.entityRef) {
      api.getIncident.mockResolvedValue({
        ...(options.incident ?? detail),
        entityRef: options.entityRef,
      });
    }
    return renderWithApis(
      <Routes>
        <Route path="/" element={<IncidentPage incidentId="inc-1" />} />
        <Route
          path="/catalog/default/component/:name/incidents/postmortems/:id"
          element={<div>Postmortem page</div>}
        />
      </Routes>,
      {
        api,
        allowed: options.allowed,
        entity: makeEntity({}, options.entityRef ? 'locked' : 'checkout'),
      },
    );
  };

  it('shows the incident: severity, status, summary, roles, times, runbook and postmortems', async () => {
    api.getIncident.mockResolvedValue(detail);
    await renderPage();

    expect(
      await screen.findByText('Payments declined at checkout'),
    ).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('inc-1');
    expect(screen.getByText('SEV2')).toBeInTheDocument();
    expect(screen.getByText('Identified')).toBeInTheDocument();
    expect(
      screen.getByText('Card payments fail with 502.'),
    ).toBeInTheDocument();
    expect(screen.getByText('lena.hoffmann').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/lena.hoffmann',
    );
    expect(
      screen.getByText('Communications').nextElementSibling,
    ).toHaveTextContent('jane');
    expect(screen.getByText('Scribe').nextElementSibling).toHaveTextContent(
      'not assigned',
    );
    expect(
      screen.getByText('Acknowledged').nextElementSibling,
    ).toHaveTextContent('(+9 min)');
    expect(
      screen.getByText('Resolved', { selector: 'dt' }).nextElementSibling,
    ).toHaveTextContent('–');
    expect(
      screen.getByText('https://runbooks.example/checkout-502').closest('a'),
    ).toHaveAttribute('href', 'https://runbooks.example/checkout-502');
    expect(screen.getByText('Gateway outage').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-1',
    );
    expect(screen.getByText(/In review/)).toBeInTheDocument();
  });

  it('counts down the response targets of its severity', async () => {
    const minutesAgo = (n: number) =>
      new Date(Date.now() - n * 60_000).toISOString();
    api.getIncident.mockResolvedValue({
      ...detail,
      severity: 'SEV1',
      status: 'investigating',
      startedAt: minutesAgo(2),
      detectedAt: minutesAgo(2),
      acknowledgedAt: null,
      lastUpdateAt: null,
    });
    await renderPage();

    expect(
      await screen.findByRole('status', {
        name: /^Acknowledge due in [23] min$/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: /^Next update due in 1[23] min$/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: /^Escalation due in [23] min$/ }),
    ).toBeInTheDocument();
  });

  it('shows the timeline oldest first, with authors and event types', async () => {
    api.getIncident.mockResolvedValue(detail);
    await renderPage();

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Incident declared');
    expect(items[0]).toHaveTextContent('alertmanager');
    expect(within(items[0]).getByTitle('Declared')).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Gateway pool exhausted');
    expect(within(items[1]).getByText('jane').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(within(items[1]).getByTitle('Note')).toBeInTheDocument();
  });

  it('moves the status on with the version it was loaded at, then reloads', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.updateIncident.mockResolvedValue(makeIncident({ status: 'resolved' }));
    await renderPage();

    // From "identified", only later steps are offered.
    expect(
      await screen.findByRole('button', { name: 'Mark monitoring' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Mark identified' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reopen' }),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));

    expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
      version: 3,
      status: 'resolved',
    });
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
  });

  it('offers to reopen a resolved incident', async () => {
    api.getIncident.mockResolvedValue({ ...detail, status: 'resolved' });
    api.updateIncident.mockResolvedValue(makeIncident());
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reopen' }),
    );
    expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
      version: 3,
      status: 'investigating',
    });
  });

  it('says someone else changed it and reloads when the version is stale', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.updateIncident.mockRejectedValue(
      responseError(409, 'version 3 is stale'),
    );
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Resolve' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this; reload',
    );
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
  });

  it("shows the server's message when the change is not allowed", async () => {
    api.getIncident.mockResolvedValue(detail);
    api.updateIncident.mockRejectedValue(
      responseError(403, 'only owners of checkout may change it'),
    );
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Resolve' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not allowed: only owners of checkout may change it',
    );
  });

  it('hands the incident to other people, picked from the catalog', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.updateIncident.mockResolvedValue(makeIncident());
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Change roles' }),
    );
    const dialog = await screen.findByRole('dialog');
    // The incident's own roles, by name.
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Commander')).toHaveValue(
        'Lena Hoffmann',
      ),
    );
    expect(within(dialog).getByLabelText('Communications lead')).toHaveValue(
      'Jane Doe',
    );
    await pickPerson(
      within(dialog).getByLabelText('Commander'),
      'jonas',
      /Jonas Weber/,
    );
    await pickPerson(
      within(dialog).getByLabelText('Scribe'),
      'priya',
      /Priya Raman/,
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
      version: 3,
      commander: 'user:default/jonas.weber',
      communications: 'user:default/jane',
      scribe: 'user:default/priya.raman',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
  });

  it('adds a note and reloads the timeline', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.addIncidentNote.mockResolvedValue(detail);
    await renderPage();

    await userEvent.type(
      await screen.findByLabelText('Add a note'),
      'Rolled back the gateway',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(api.addIncidentNote).toHaveBeenCalledWith(
      'inc-1',
      'Rolled back the gateway',
    );
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
    expect(screen.getByLabelText('Add a note')).toHaveValue('');
  });

  it('opens the postmortem the incident has instead of writing a second', async () => {
    api.getIncident.mockResolvedValue(detail);
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Open postmortem' }),
    );
    expect(await screen.findByText('Postmortem page')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Write postmortem' }),
    ).not.toBeInTheDocument();
    expect(api.createPostmortem).not.toHaveBeenCalled();
  });

  it('writes a postmortem of the incident and opens it', async () => {
    api.getIncident.mockResolvedValue({ ...detail, postmortems: [] });
    api.createPostmortem.mockResolvedValue(makePostmortem({ id: 'pm-new' }));
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Write postmortem' }),
    );

    expect(await screen.findByText('Postmortem page')).toBeInTheDocument();
    expect(api.createPostmortem).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      incidentIds: ['inc-1'],
    });
  });

  it('hides every write from those not allowed', async () => {
    await renderPage({ allowed: false, entityRef: 'component:default/locked' });

    expect(
      await screen.findByText('Payments declined at checkout'),
    ).toBeInTheDocument();
    expect(screen.getByText('Gateway pool exhausted')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Resolve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Write postmortem' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add a note')).not.toBeInTheDocument();
    expect(
      screen.getByText(/You cannot add notes to this incident/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Assign me/ }),
    ).not.toBeInTheDocument();
  });

  it('acknowledges an unacknowledged incident with the version it was loaded at', async () => {
    api.getIncident.mockResolvedValue({
      ...detail,
      status: 'investigating',
      acknowledgedAt: null,
    });
    api.acknowledgeIncident.mockResolvedValue(makeIncident());
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    expect(api.acknowledgeIncident).toHaveBeenCalledWith('inc-1', 3);
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
  });

  describe('escalation', () => {
    const escalating = {
      ...detail,
      status: 'investigating' as const,
      acknowledgedAt: null,
      escalationLevel: 1,
      escalation: {
        level: 1,
        nextEscalationAt: '2024-05-01T10:05:00.000Z',
        levels: [
          {
            level: 1,
            engaged: true,
            people: [
              {
                userRef: 'user:default/lena.hoffmann',
                schedule: 'checkout-primary',
              },
            ],
          },
          {
            level: 2,
            engaged: false,
            people: [
              { userRef: 'user:default/priya.raman', schedule: 'sre-daily' },
            ],
          },
          { level: 3, engaged: false, people: [] },
        ],
      },
    };

    it('shows who each level pages by name, which is paged now, and when the next is', async () => {
      api.getIncident.mockResolvedValue(escalating);
      await renderPage();

      const chain = await screen.findByRole('list', {
        name: 'Escalation of this incident',
      });
      const levels = within(chain).getAllByRole('listitem');
      expect(within(levels[0]).getByText('Paged now')).toBeInTheDocument();
      expect(
        await within(levels[0]).findByText('Lena Hoffmann'),
      ).toBeInTheDocument();
      expect(
        within(levels[0]).getByText('on call for checkout-primary'),
      ).toBeInTheDocument();
      expect(
        await within(levels[1]).findByText('Priya Raman'),
      ).toBeInTheDocument();
      expect(within(levels[1]).queryByText(/Paged/)).not.toBeInTheDocument();
      expect(
        within(levels[2]).getByText('Nobody: this level has a gap now'),
      ).toBeInTheDocument();
      expect(screen.getByText(/Level 2 is paged/)).toHaveTextContent(
        'unless someone acknowledges',
      );
    });

    it('escalates to the next level with the version it was loaded at', async () => {
      api.getIncident.mockResolvedValue(escalating);
      api.escalateIncident.mockResolvedValue(makeIncident());
      await renderPage();

      await userEvent.click(
        await screen.findByRole('button', { name: 'Escalate to level 2' }),
      );
      expect(api.escalateIncident).toHaveBeenCalledWith('inc-1', 3);
      await waitFor(() => expect(api.getIncident).toHaveBeenCalledTimes(2));
    });

    it('offers no Escalate to those who may not change the incident', async () => {
      // Another entity: permission answers are cached per resource.
      await renderPage({
        allowed: false,
        entityRef: 'component:default/locked',
        incident: escalating,
      });
      expect(
        await screen.findByRole('list', {
          name: 'Escalation of this incident',
        }),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: /Escalate/ }),
      ).not.toBeInTheDocument();
    });

    it('offers no Escalate past the last level', async () => {
      api.getIncident.mockResolvedValue({
        ...escalating,
        escalationLevel: 3,
        escalation: {
          ...escalating.escalation,
          level: 3,
          nextEscalationAt: null,
          levels: escalating.escalation.levels.map(l => ({
            ...l,
            engaged: true,
          })),
        },
      });
      await renderPage();
      expect(
        await screen.findByText('Level 3 of 3 engaged'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: /Escalate/ }),
      ).not.toBeInTheDocument();
      expect(screen.queryByText(/is paged at/)).not.toBeInTheDocument();
    });

    it('says when no schedule covers the component', async () => {
      api.getIncident.mockResolvedValue({
        ...escalating,
        escalation: { level: 1, levels: [], nextEscalationAt: null },
      });
      await renderPage();
      expect(
        await screen.findByText(/No on-call schedule covers this component/),
      ).toBeInTheDocument();
    });
  });

  it('does not offer to acknowledge twice, and says who did', async () => {
    api.getIncident.mockResolvedValue({
      ...detail,
      acknowledgedBy: 'user:default/jane',
    });
    await renderPage();

    expect(
      await screen.findByText('Payments declined at checkout'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Acknowledged').nextElementSibling,
    ).toHaveTextContent(/by jane/);
  });

  it('takes a role for the signed-in user with "Assign me"', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.updateIncident.mockResolvedValue(makeIncident());
    await renderPage();

    // Lena is the commander already: no "Assign me" there.
    expect(
      await screen.findByRole('button', { name: 'Assign me as scribe' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Assign me as commander' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Assign me as scribe' }),
    );
    expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
      version: 3,
      scribe: 'user:default/lena.hoffmann',
    });
  });

  it('posts a status update with the version it was loaded at', async () => {
    api.getIncident.mockResolvedValue(detail);
    api.postIncidentUpdate.mockResolvedValue(makeIncident());
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Post update' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Impact/),
      'Card payments fail',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Progress/),
      'Pool raised to 100',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Post update' }),
    );
    expect(api.postIncidentUpdate).toHaveBeenCalledWith('inc-1', {
      version: 3,
      impact: 'Card payments fail',
      progress: 'Pool raised to 100',
      nextSteps: undefined,
    });
  });

  it('fills the latest status update into the template to copy', async () => {
    api.getIncident.mockResolvedValue({
      ...detail,
      humanId: 'INC-20240501-002',
      timeline: [
        {
          id: 'e5',
          incidentId: 'inc-1',
          type: 'status_update',
          at: '2024-05-01T10:30:00.000Z',
          author: 'user:default/lena.hoffmann',
          message: 'Update #1',
          data: {
            number: 1,
            status: 'identified',
            impact: 'Card payments fail',
            progress: 'Pool raised',
            nextSteps: null,
            nextUpdateAt: '2024-05-01T11:00:00.000Z',
          },
        },
      ],
    });
    api.getIncidentTemplates.mockRejectedValue(new Error('offline'));
    await renderPage();

    const preview = await screen.findByLabelText('Message preview');
    expect(preview).toHaveTextContent(
      'Update #1 on INC-20240501-002 [SEV2]: Payments declined at checkout',
    );
    expect(preview).toHaveTextContent('Impact: Card payments fail');
    expect(preview).toHaveTextContent('Next update by 2024-05-01 11:00 UTC');
    expect(
      screen.getByRole('button', { name: 'Copy plain text' }),
    ).toBeInTheDocument();
  });

  it('shows role changes on the timeline with the person, not the ref', async () => {
    api.getIncident.mockResolvedValue({
      ...detail,
      timeline: [
        {
          id: 'e9',
          incidentId: 'inc-1',
          type: 'role_change',
          at: '2024-05-01T10:30:00.000Z',
          author: 'user:default/lena.hoffmann',
          message: 'Scribe: user:default/jane',
          data: { role: 'scribe', from: null, to: 'user:default/jane' },
        },
      ],
    });
    await renderPage();

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const item = within(timeline).getByRole('listitem');
    expect(item).toHaveTextContent('Scribe: jane');
    expect(item).not.toHaveTextContent('user:default/jane');
    expect(within(item).getByText('jane').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
  });

  it('shows progress, then an error panel when the incident cannot be loaded', async () => {
    api.getIncident.mockRejectedValue(new Error('backend is down'));
    await renderPage();

    expect(
      await screen.findByText(/Could not load the incident/),
    ).toBeInTheDocument();
  });

  it('says so when there is no such incident', async () => {
    api.getIncident.mockRejectedValue(
      responseError(404, 'No incident with id inc-1'),
    );
    await renderPage();

    expect(await screen.findByText('No such incident')).toBeInTheDocument();
  });
});

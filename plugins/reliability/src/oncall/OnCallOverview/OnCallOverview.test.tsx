import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { OnCallOverview } from './OnCallOverview';
import {
  makeScheduleOnCall,
  makeScheduleRecord,
  makeUser,
  mockCatalogApi,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const users = [
  makeUser('lena.hoffmann', 'Lena Hoffmann'),
  makeUser('jonas.weber', 'Jonas Weber'),
];

const tenDaysAgo = () =>
  DateTime.now().setZone('Europe/Berlin').minus({ days: 10 }).toISODate()!;
const inThreeDays = () =>
  DateTime.now().setZone('Europe/Berlin').plus({ days: 3 }).toISODate()!;

describe('<OnCallOverview />', () => {
  // Picking people and filling forms is slow in jsdom on a busy machine;
  // the page renders a table, a timeline and the overrides for each step.
  jest.setTimeout(60_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  /**
   * Two schedules; `owner` of the first varies between tests because
   * usePermission caches its answers per resource for the whole module.
   */
  function answer(owner = 'group:default/team-checkout') {
    api.getOnCall.mockResolvedValue({
      at: new Date().toISOString(),
      schedules: [
        makeScheduleOnCall({ ownerRef: owner }),
        makeScheduleOnCall({
          scheduleId: 'sch-2',
          name: 'payments-primary',
          ownerRef: 'group:default/team-payments',
          current: null,
        }),
      ],
    });
    api.listSchedules.mockResolvedValue([
      makeScheduleRecord({ ownerRef: owner }, tenDaysAgo()),
      makeScheduleRecord(
        {
          id: 'sch-2',
          name: 'payments-primary',
          ownerRef: `${owner}-payments`,
        },
        inThreeDays(),
      ),
    ]);
  }

  it('shows a progress bar while loading', async () => {
    api.getOnCall.mockReturnValue(new Promise(() => {}));
    api.listSchedules.mockReturnValue(new Promise(() => {}));
    await renderWithApis(<OnCallOverview />, { api, entity: null });

    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when schedules cannot be loaded', async () => {
    api.getOnCall.mockRejectedValue(new Error('backend is down'));
    api.listSchedules.mockResolvedValue([]);
    await renderWithApis(<OnCallOverview />, { api, entity: null });

    expect(
      await screen.findByText(/Could not load on-call schedules/),
    ).toBeInTheDocument();
  });

  it('says what to install when the backend has no on-call routes', async () => {
    api.getOnCall.mockRejectedValue(responseError(404, 'Not found'));
    api.listSchedules.mockResolvedValue([]);
    await renderWithApis(<OnCallOverview />, { api, entity: null });

    expect(
      await screen.findByText('Reliability Hub backend not found'),
    ).toBeInTheDocument();
  });

  it('says how to start when there are no schedules', async () => {
    api.getOnCall.mockResolvedValue({ at: '', schedules: [] });
    api.listSchedules.mockResolvedValue([]);
    await renderWithApis(<OnCallOverview />, { api, entity: null });

    expect(
      await screen.findByText(/No on-call schedules yet/),
    ).toBeInTheDocument();
  });

  it('hides "Add override" from non-members', async () => {
    answer('group:default/team-outsiders');
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
      allowed: false,
    });

    await screen.findByText('Who is on call');
    expect(
      screen.queryByRole('button', { name: /Add override/ }),
    ).not.toBeInTheDocument();
  });

  it('shows now and next per schedule, gaps, the timeline and my shifts', async () => {
    answer();
    const catalogApi = mockCatalogApi(users);
    await renderWithApis(<OnCallOverview />, {
      api,
      catalogApi,
      entity: null,
    });

    const row = (
      await screen.findByText('checkout-primary', {
        selector: 'strong',
      })
    ).closest('tr')!;
    expect(within(row).getByText('Lena Hoffmann')).toBeInTheDocument();
    expect(within(row).getByText('Jonas Weber')).toBeInTheDocument();
    const gapRow = screen
      .getByText('payments-primary', { selector: 'strong' })
      .closest('tr')!;
    expect(within(gapRow).getByText('Nobody is on call')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Nobody on call at times in the next 14 days: payments-primary$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Timeline of checkout-primary' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Timeline of payments-primary' }),
    ).toBeInTheDocument();
    // The signed-in user is Lena, one of the two in the weekly rotation.
    expect(
      within(screen.getByRole('list', { name: 'My shifts' })).getAllByRole(
        'listitem',
      ).length,
    ).toBeGreaterThan(0);
    await waitFor(() =>
      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1),
    );
    expect(api.getOnCall).toHaveBeenCalledWith();
    expect(api.listSchedules).toHaveBeenCalledTimes(1);
  });

  it('says which schedules cannot be computed and still shows the others', async () => {
    const problem =
      'The schedule is larger than on-call schedules may be: layers: at most 10, not 11. Edit the schedule to bring it within the limits.';
    const tooBig = makeScheduleRecord(
      { id: 'sch-2', name: 'payments-primary' },
      tenDaysAgo(),
    );
    tooBig.schedule.layers = Array.from({ length: 11 }, (_, i) => ({
      ...tooBig.schedule.layers[0],
      name: `layer-${i}`,
    }));
    api.getOnCall.mockResolvedValue({
      at: new Date().toISOString(),
      schedules: [
        makeScheduleOnCall(),
        makeScheduleOnCall({
          scheduleId: 'sch-2',
          name: 'payments-primary',
          current: null,
          next: null,
          problem,
        }),
      ],
    });
    api.listSchedules.mockResolvedValue([
      makeScheduleRecord({}, tenDaysAgo()),
      tooBig,
    ]);
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
    });

    const row = (
      await screen.findByText('payments-primary', { selector: 'strong' })
    ).closest('tr')!;
    expect(
      within(row).getByText('Cannot tell who is on call'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Warning: Cannot tell who is on call for payments-primary',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(problem)).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Timeline of checkout-primary' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Timeline of payments-primary' }),
    ).not.toBeInTheDocument();
  });

  it('lets members add an override and shows it on the timeline', async () => {
    answer();
    const record = makeScheduleRecord({}, tenDaysAgo());
    const tomorrow = DateTime.now()
      .setZone('Europe/Berlin')
      .plus({ days: 1 })
      .startOf('day');
    api.addScheduleOverride.mockResolvedValue({
      ...record,
      version: 4,
      schedule: {
        ...record.schedule,
        overrides: [
          {
            id: 'ov-1',
            user: 'user:default/jonas.weber',
            start: tomorrow.set({ hour: 10 }).toISO()!,
            end: tomorrow.set({ hour: 12 }).toISO()!,
          },
        ],
      },
    });
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Add override to checkout-primary',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add override' }));

    await waitFor(() =>
      expect(api.addScheduleOverride).toHaveBeenCalledWith(
        'sch-1',
        expect.objectContaining({
          version: 3,
          user: 'user:default/lena.hoffmann',
        }),
      ),
    );
    const timeline = await screen.findByRole('list', {
      name: 'Timeline of checkout-primary',
    });
    await waitFor(() =>
      expect(
        within(timeline)
          .getAllByRole('listitem')
          .some(item => item.getAttribute('data-kind') === 'override'),
      ).toBe(true),
    );
    // Who is on call now is asked again after the change.
    expect(api.getOnCall).toHaveBeenCalledTimes(2);
  });

  it('shows the calendar feed address as it is, and makes a new one only after saying whose subscriptions stop', async () => {
    answer('group:default/team-feeds');
    const current =
      'http://localhost:7007/api/reliability/ical/schedules/sch-1.ics?token=s3cret';
    api.getScheduleFeed.mockResolvedValue({
      url: current,
      holders: ['user:default/lena.hoffmann', 'user:default/jonas.weber'],
    });
    api.createScheduleFeedToken.mockResolvedValue({
      url: `${current}-new`,
      holders: ['user:default/lena.hoffmann'],
    });
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Calendar feed of checkout-primary',
      }),
    );
    expect(await screen.findByLabelText('iCalendar address')).toHaveValue(
      current,
    );
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Subscribe in calendar app/ }),
    ).toHaveAttribute(
      'href',
      'webcal://localhost:7007/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
    );
    expect(api.getScheduleFeed).toHaveBeenCalledWith('sch-1');

    await userEvent.click(
      screen.getByRole('button', { name: 'Make a new address…' }),
    );
    expect(
      await screen.findByText('Lena Hoffmann and Jonas Weber'),
    ).toBeInTheDocument();
    expect(api.createScheduleFeedToken).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Stop the old address' }),
    );
    expect(await screen.findByLabelText('iCalendar address')).toHaveValue(
      `${current}-new`,
    );
    expect(api.createScheduleFeedToken).toHaveBeenCalledWith('sch-1');
    expect(screen.getByRole('status')).toHaveTextContent(
      'the old one no longer works',
    );
  });

  it('gives everyone who sees a schedule its feed address, but only members a new one', async () => {
    answer('group:default/team-readers');
    api.getScheduleFeed.mockResolvedValue({
      url: 'http://localhost:7007/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
      holders: [],
    });
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
      allowed: false,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Calendar feed of checkout-primary',
      }),
    );
    expect(await screen.findByLabelText('iCalendar address')).toHaveValue(
      'http://localhost:7007/api/reliability/ical/schedules/sch-1.ics?token=s3cret',
    );
    expect(
      screen.queryByRole('button', { name: 'Make a new address…' }),
    ).not.toBeInTheDocument();
  });

  it('offers the signed-in user their own "my shifts" feed', async () => {
    answer('group:default/team-mine');
    api.getMyFeed.mockResolvedValue({
      url: 'http://localhost:7007/api/reliability/ical/users/default/lena.hoffmann.ics?token=mine',
    });
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'My calendar feed' }),
    );
    expect(await screen.findByLabelText('iCalendar address')).toHaveValue(
      'http://localhost:7007/api/reliability/ical/users/default/lena.hoffmann.ics?token=mine',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Make a new address…' }),
    );
    expect(
      screen.getByText(/you will have to subscribe again/),
    ).toBeInTheDocument();
    expect(api.rotateMyFeed).not.toHaveBeenCalled();
  });

  it('lets members delete a schedule after confirming, then reloads', async () => {
    answer('group:default/team-deleters');
    api.deleteSchedule.mockResolvedValue(undefined);
    await renderWithApis(<OnCallOverview />, {
      api,
      people: users,
      entity: null,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete checkout-primary' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Delete checkout-primary?');
    expect(dialog).toHaveTextContent('subscribed calendars stop updating');
    expect(api.deleteSchedule).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete schedule' }),
    );
    await waitFor(() => expect(api.getOnCall).toHaveBeenCalledTimes(2));
    expect(api.deleteSchedule).toHaveBeenCalledWith('sch-1', 3);
  });
});

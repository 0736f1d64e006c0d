import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityOnCallCard } from './EntityOnCallCard';
import {
  makeEntity,
  makeScheduleOnCall,
  makeSummary,
  makeUser,
  mockCatalogApi,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const users = [
  makeUser('lena.hoffmann', 'Lena Hoffmann'),
  makeUser('jonas.weber', 'Jonas Weber'),
  makeUser('priya.raman', 'Priya Raman'),
];

const withOnCall = (schedules = [makeScheduleOnCall()]) => ({
  ...makeSummary(),
  oncall: { at: '2026-11-20T12:00:00.000Z', schedules },
});

describe('<EntityOnCallCard />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('shows a progress bar while the summary loads', async () => {
    api.getEntitySummary.mockReturnValue(new Promise(() => {}));
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows who is on call with contacts, until when, and the next hand-off', async () => {
    api.getEntitySummary.mockResolvedValue(withOnCall());
    const catalogApi = mockCatalogApi(users);
    await renderWithApis(<EntityOnCallCard />, { api, catalogApi });

    const section = await screen.findByRole('region', {
      name: 'On call for checkout-primary',
    });
    const now = within(section).getAllByText('Lena Hoffmann')[0];
    expect(now.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/lena.hoffmann',
    );
    expect(
      within(section).getByText('lena.hoffmann@acme-shop.example').closest('a'),
    ).toHaveAttribute('href', 'mailto:lena.hoffmann@acme-shop.example');
    expect(
      within(section).getByText('@lena.hoffmann').closest('a'),
    ).toHaveAttribute('href', 'https://chat.example/lena.hoffmann');
    expect(within(section).getAllByText('LH').length).toBeGreaterThan(0);
    // Until Monday 09:00 Berlin time, said in both zones.
    expect(
      within(section).getByText(
        /^On call until .* your time · Mon 23 Nov, 09:00 Europe\/Berlin/,
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(/Mon 23 Nov, 09:00 Europe\/Berlin/, {
        selector: 'p',
        ignore: 'p:first-of-type',
      }),
    ).toBeInTheDocument();
    expect(within(section).getByText('Jonas Weber')).toBeInTheDocument();
    // Everyone the card shows, in one catalog call for their profiles.
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: [
          'user:default/jonas.weber',
          'user:default/lena.hoffmann',
          'user:default/marta.silva',
          'user:default/priya.raman',
        ],
      }),
    );
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
    expect(api.getOnCall).not.toHaveBeenCalled();
  });

  it('renders every level of the escalation chain with its delay', async () => {
    api.getEntitySummary.mockResolvedValue(withOnCall());
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    const chain = await screen.findByRole('list', { name: 'Escalation chain' });
    const levels = within(chain).getAllByRole('listitem');
    expect(levels).toHaveLength(3);
    expect(levels[0]).toHaveTextContent(
      'Level 1 · at once · on call for checkout-primary',
    );
    expect(levels[0]).toHaveTextContent('Lena Hoffmann');
    expect(levels[1]).toHaveTextContent(
      'Level 2 · after 15 min (15 min after the page) · on call for checkout-secondary',
    );
    expect(levels[1]).toHaveTextContent('Priya Raman');
    expect(levels[2]).toHaveTextContent(
      'Level 3 · after 30 min (45 min after the page)',
    );
    // Not in the catalog: shown by the ref's name.
    expect(levels[2]).toHaveTextContent('marta.silva');
  });

  it('warns when nobody is on call, and says when the gap ends', async () => {
    api.getEntitySummary.mockResolvedValue(
      withOnCall([
        makeScheduleOnCall({
          current: null,
          escalation: [
            { delayMinutes: 0, schedule: 'checkout-primary', user: null },
            { delayMinutes: 10, user: 'user:default/priya.raman' },
          ],
        }),
      ]),
    );
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(
      await screen.findByText('Warning: Nobody is on call'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/checkout-primary has a gap until .*Mon 23 Nov, 09:00/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nobody: checkout-primary has a gap now'),
    ).toBeInTheDocument();
    expect(screen.getByText('Priya Raman')).toBeInTheDocument();
  });

  it('says why who is on call cannot be computed, not that nobody is', async () => {
    const problem =
      'The schedule is larger than on-call schedules may be: layers: at most 10, not 12. Edit the schedule to bring it within the limits.';
    api.getEntitySummary.mockResolvedValue(
      withOnCall([makeScheduleOnCall({ current: null, next: null, problem })]),
    );
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    const section = await screen.findByRole('region', {
      name: 'On call for checkout-primary',
    });
    expect(
      within(section).getByText('Warning: Cannot tell who is on call'),
    ).toBeInTheDocument();
    expect(within(section).getByText(problem)).toBeInTheDocument();
    expect(
      within(section).queryByText('Warning: Nobody is on call'),
    ).not.toBeInTheDocument();
  });

  it('warns about annotated schedule names the team has no schedule for', async () => {
    const problem =
      'No schedule named "checkout-nights" belongs to group:default/team-checkout or a group it belongs to or is part of';
    api.getEntitySummary.mockResolvedValue({
      ...withOnCall(),
      oncall: {
        at: '2026-11-20T12:00:00.000Z',
        schedules: [makeScheduleOnCall()],
        problems: [problem],
      },
    });
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(
      await screen.findByText('Warning: Some on-call schedules were not found'),
    ).toBeInTheDocument();
    expect(screen.getByText(problem)).toBeInTheDocument();
    // The schedules that were found are still shown.
    expect(
      screen.getByRole('region', { name: 'On call for checkout-primary' }),
    ).toBeInTheDocument();
  });

  it('warns about the names even when none of them was found', async () => {
    const problem =
      'No schedule named "checkout-nights" belongs to group:default/team-checkout or a group it belongs to or is part of';
    api.getEntitySummary.mockResolvedValue({
      ...withOnCall([]),
      oncall: {
        at: '2026-11-20T12:00:00.000Z',
        schedules: [],
        problems: [problem],
      },
    });
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(
      await screen.findByText('Warning: Some on-call schedules were not found'),
    ).toBeInTheDocument();
    expect(screen.getByText(problem)).toBeInTheDocument();
  });

  it('says what to set up when the entity has no schedule', async () => {
    api.getEntitySummary.mockResolvedValue(withOnCall([]));
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(await screen.findByText('No on-call schedule')).toBeInTheDocument();
    expect(
      screen.getByText('reliability-hub.io/oncall-schedule'),
    ).toBeInTheDocument();
    expect(screen.getByText('group:default/team-checkout')).toBeInTheDocument();
  });

  it('says on-call is not available when the backend does not send it', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(
      await screen.findByText('On-call not available'),
    ).toBeInTheDocument();
  });

  it('shows the error when the summary fails', async () => {
    api.getEntitySummary.mockRejectedValue(new Error('backend is down'));
    await renderWithApis(<EntityOnCallCard />, {
      api,
      people: users,
      entity: makeEntity(),
    });

    expect(
      await screen.findByText(/Could not load on-call/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Nobody is on call')).not.toBeInTheDocument();
  });

  it('says what to install when the backend is missing', async () => {
    api.getEntitySummary.mockRejectedValue(responseError(404, 'Not found'));
    await renderWithApis(<EntityOnCallCard />, { api, people: users });

    expect(
      await screen.findByText('Reliability Hub backend not found'),
    ).toBeInTheDocument();
  });

  it('still shows people by name when the catalog fails', async () => {
    api.getEntitySummary.mockResolvedValue(withOnCall());
    const catalogApi = mockCatalogApi(users);
    catalogApi.getEntitiesByRefs.mockRejectedValue(new Error('catalog down'));
    await renderWithApis(<EntityOnCallCard />, { api, catalogApi });

    expect(
      (await screen.findAllByText('lena.hoffmann'))[0].closest('a'),
    ).toHaveAttribute('href', '/catalog/default/user/lena.hoffmann');
    await userEvent.hover(screen.getAllByText('lena.hoffmann')[0]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { OverrideList } from './OverrideList';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

const PRIYA = 'user:default/priya.raman';

const at = (days: number) => DateTime.now().plus({ days }).toUTC().toISO()!;

describe('<OverrideList />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  function records(owner: string) {
    // Long before now, so the rotation has Lena and Jonas in turn.
    const base = makeScheduleRecord({ ownerRef: owner }, '2026-01-05');
    return [
      {
        ...base,
        schedule: {
          ...base.schedule,
          overrides: [
            {
              id: 'ov-ahead',
              user: PRIYA,
              start: at(2),
              end: at(3),
              reason: 'Jonas at a wedding',
            },
            { id: 'ov-over', user: PRIYA, start: at(-5), end: at(-4) },
          ],
        },
      },
    ];
  }

  it('lists who covers, when and why; a member removes one after confirming', async () => {
    const schedules = records('group:default/team-list');
    const changed = { ...schedules[0], version: 4 };
    api.removeScheduleOverride.mockResolvedValue(changed);
    const onChanged = jest.fn();
    await renderWithApis(
      <OverrideList
        schedules={schedules}
        profiles={new Map()}
        me="user:default/someone.else"
        onChanged={onChanged}
      />,
      { api, entity: null },
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('checkout-primary');
    expect(rows[0]).toHaveTextContent('priya.raman');
    expect(rows[0]).toHaveTextContent('Jonas at a wedding');

    await userEvent.click(
      await within(rows[0]).findByRole('button', {
        name: /Remove override of .* on checkout-primary/,
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('no longer covers checkout-primary');
    expect(api.removeScheduleOverride).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove override' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(changed));
    expect(api.removeScheduleOverride).toHaveBeenCalledWith(
      'sch-1',
      'ov-ahead',
      3,
    );
  });

  it('offers "Remove" to the person covering, not to others outside the team', async () => {
    const schedules = records('group:default/team-outside');
    const { unmount } = await renderWithApis(
      <OverrideList
        schedules={schedules}
        profiles={new Map()}
        me={PRIYA}
        onChanged={jest.fn()}
      />,
      { api, entity: null, allowed: false },
    );
    expect(
      await screen.findByRole('button', { name: /Remove override/ }),
    ).toBeInTheDocument();
    unmount();

    await renderWithApis(
      <OverrideList
        schedules={records('group:default/team-outside-2')}
        profiles={new Map()}
        me="user:default/mallory"
        onChanged={jest.fn()}
      />,
      { api, entity: null, allowed: false },
    );
    await screen.findByText('Jonas at a wedding');
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /Remove override/ }),
      ).not.toBeInTheDocument(),
    );
  });

  it('says so when there are none', async () => {
    await renderWithApis(
      <OverrideList
        schedules={[makeScheduleRecord()]}
        profiles={new Map()}
        onChanged={jest.fn()}
      />,
      { api, entity: null },
    );
    expect(screen.getByText(/No overrides now or ahead/)).toBeInTheDocument();
  });
});

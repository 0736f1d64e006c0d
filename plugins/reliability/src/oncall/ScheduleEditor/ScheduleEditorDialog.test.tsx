import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { ScheduleEditorDialog } from './ScheduleEditorDialog';

const LENA = 'user:default/lena.hoffmann';
const JONAS = 'user:default/jonas.weber';
const PRIYA = 'user:default/priya.raman';

function layer(name: RegExp) {
  return within(screen.getByRole('group', { name }));
}

describe('<ScheduleEditorDialog />', () => {
  // Picking six people and zones is slow in jsdom on a busy machine.
  jest.setTimeout(150_000);
  const api = mockReliabilityApi();
  const onSaved = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
    api.listSchedules.mockResolvedValue([makeScheduleRecord()]);
  });

  it('creates a two-layer schedule with a window in another zone, people picked by name', async () => {
    const created = makeScheduleRecord({ id: 'sch-2', name: 'payments' });
    api.createSchedule.mockResolvedValue(created);
    await renderWithApis(
      <ScheduleEditorDialog onClose={() => {}} onSaved={onSaved} />,
      { api, entity: null },
    );
    // Nothing is wrong before the user has tried to save.
    expect(screen.queryByText('must not be empty')).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Schedule name/), 'payments');
    await pickPerson(
      screen.getByLabelText(/Owner group/),
      'payments',
      /Team Payments/,
    );
    fireEvent.change(screen.getByLabelText('Time zone of hand-offs'), {
      target: { value: 'berlin' },
    });
    await userEvent.click(
      await screen.findByRole('option', { name: 'Europe/Berlin' }),
    );
    await pickPerson(
      layer(/^Layer 1/).getByLabelText(/Who takes turns/),
      'lena',
      /Lena Hoffmann/,
    );
    await pickPerson(
      layer(/^Layer 1/).getByLabelText(/Who takes turns/),
      'jonas',
      /Jonas Weber/,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Add a layer' }));
    const second = layer(/^Layer 2 \(secondary\)/);
    await pickPerson(
      second.getByLabelText(/Who takes turns/),
      'priya',
      /Priya Raman/,
    );
    await userEvent.click(
      second.getByRole('button', { name: /Add a window to Layer 2/ }),
    );
    const window = within(
      screen.getByRole('group', { name: /Window 1 of Layer 2/ }),
    );
    fireEvent.change(window.getByLabelText('In time zone'), {
      target: { value: 'tokyo' },
    });
    await userEvent.click(
      await screen.findByRole('option', { name: 'Asia/Tokyo' }),
    );
    await userEvent.click(window.getByRole('button', { name: 'Saturday' }));

    // The preview draws the schedule as it would be saved.
    expect(
      await screen.findByRole('list', { name: 'Timeline of payments' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/shifts for 3 people in the next 28 days/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Create schedule' }),
    );
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    const request = api.createSchedule.mock.calls[0][0];
    expect(request).toMatchObject({
      name: 'payments',
      ownerRef: 'group:default/team-payments',
      escalationPolicy: null,
      schedule: {
        name: 'payments',
        timeZone: 'Europe/Berlin',
        overrides: [],
        layers: [
          { name: 'primary', participants: [LENA, JONAS] },
          {
            name: 'secondary',
            participants: [PRIYA],
            rotation: { length: 1, unit: 'weeks' },
            handoff: { time: '09:00', weekday: 1 },
            restrictions: [
              {
                weekdays: [1, 2, 3, 4, 5, 6],
                from: '08:00',
                to: '16:00',
                timeZone: 'Asia/Tokyo',
              },
            ],
          },
        ],
      },
    });
  });

  it('names every field that needs fixing and sends nothing', async () => {
    await renderWithApis(
      <ScheduleEditorDialog onClose={() => {}} onSaved={onSaved} />,
      { api, entity: null },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create schedule' }),
    );
    expect(await screen.findByText(/fields need fixing/)).toBeInTheDocument();
    expect(
      screen.getByText('Pick the group that owns the schedule'),
    ).toBeVisible();
    expect(
      layer(/^Layer 1/).getByText('must list at least one user'),
    ).toBeVisible();
    expect(
      screen.getByText(/The preview appears once the layers are complete/),
    ).toHaveTextContent('layer 1 participants must list at least one user');
    expect(api.createSchedule).not.toHaveBeenCalled();
  });

  it('reorders and removes layers, adds an escalation level, and saves at the version seen', async () => {
    const record = makeScheduleRecord();
    record.schedule.layers.push({
      ...record.schedule.layers[0],
      name: 'nights',
      participants: [PRIYA],
    });
    record.schedule.layers.push({
      ...record.schedule.layers[0],
      name: 'spare',
    });
    api.updateSchedule.mockResolvedValue({ ...record, version: 4 });
    await renderWithApis(
      <ScheduleEditorDialog
        record={record}
        onClose={() => {}}
        onSaved={onSaved}
      />,
      { api, entity: null },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Move Layer 2 (nights) up' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove Layer 3 (spare)' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add a level' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add a level' }));
    const level2 = within(
      screen.getByRole('group', { name: 'Escalation level 2' }),
    );
    fireEvent.change(level2.getByLabelText('Delay (minutes)'), {
      target: { value: '10' },
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Save schedule' }),
    );
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateSchedule).toHaveBeenCalledWith('sch-1', {
      name: 'checkout-primary',
      ownerRef: 'group:default/team-checkout',
      version: 3,
      schedule: expect.objectContaining({
        layers: [
          expect.objectContaining({ name: 'nights' }),
          expect.objectContaining({ name: 'weekly' }),
        ],
      }),
      escalationPolicy: {
        levels: [
          { delayMinutes: 0, target: { schedule: 'checkout-primary' } },
          { delayMinutes: 10, target: { schedule: 'checkout-primary' } },
        ],
        repeat: 0,
      },
    });
  });

  it("shows the backend's 400 beside the field it names, until the field changes", async () => {
    api.updateSchedule.mockRejectedValue(
      responseError(
        400,
        'Invalid schedule: schedule.layers[0].handoff.time: must be a time the team is awake',
      ),
    );
    await renderWithApis(
      <ScheduleEditorDialog
        record={makeScheduleRecord()}
        onClose={() => {}}
        onSaved={onSaved}
      />,
      { api, entity: null },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Save schedule' }),
    );
    const field = layer(/^Layer 1/).getByLabelText('Hand-off at');
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        'must be a time the team is awake',
      ),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'schedule.layers[0].handoff.time: must be a time the team is awake',
    );
    fireEvent.change(field, { target: { value: '10:00' } });
    expect(field).toHaveAccessibleDescription('Europe/Berlin');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says when someone else changed the schedule', async () => {
    api.updateSchedule.mockRejectedValue(responseError(409, 'stale'));
    await renderWithApis(
      <ScheduleEditorDialog
        record={makeScheduleRecord()}
        onClose={() => {}}
        onSaved={onSaved}
      />,
      { api, entity: null },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Save schedule' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this; reload',
    );
  });
});

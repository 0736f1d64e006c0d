import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  finalSchedule,
  ScheduleRecord,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { ScheduleTimeline } from '../ScheduleTimeline';
import { useShiftActions, remainingPart } from './ShiftActions';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
} from '../../__testUtils__';

const LENA = 'user:default/lena.hoffmann';
const JONAS = 'user:default/jonas.weber';
const DAY = 24 * 60 * 60 * 1000;

const range: TimeRange = {
  start: new Date().toISOString(),
  end: new Date(Date.now() + 14 * DAY).toISOString(),
};

function Harness(props: {
  record: ScheduleRecord;
  onChanged: (record: ScheduleRecord) => void;
  onAsked: () => void;
}) {
  const actions = useShiftActions({
    me: LENA,
    profiles: new Map(),
    onChanged: props.onChanged,
    onAsked: props.onAsked,
  });
  return (
    <>
      <ScheduleTimeline
        schedules={[props.record]}
        range={range}
        profiles={new Map()}
        onShiftClick={actions.open}
      />
      {actions.element}
    </>
  );
}

/**
 * The first whole shift of `user` on the timeline, and its bar: not the one
 * cut at the range's start when `user` is on call as the test runs.
 */
function shiftOf(record: ScheduleRecord, user: string) {
  const shifts = finalSchedule(record.schedule, range).filter(
    s => s.user === user,
  );
  const index = shifts.findIndex(s => s.start !== range.start);
  const bars = screen
    .getAllByRole('listitem')
    .filter(item =>
      item
        .getAttribute('aria-label')!
        .startsWith(`${user.split('/')[1]} (layer weekly)`),
    );
  return { shift: shifts[index], bar: bars[index] };
}

describe('taking and swapping shifts from the timeline', () => {
  jest.setTimeout(60_000);
  const api = mockReliabilityApi();
  const onChanged = jest.fn();
  const onAsked = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('asks a teammate, picked by name, to cover your own shift', async () => {
    const record = makeScheduleRecord();
    api.requestSwap.mockResolvedValue({} as any);
    await renderWithApis(
      <Harness record={record} onChanged={onChanged} onAsked={onAsked} />,
      { api, entity: null },
    );
    const bars = screen
      .getAllByRole('listitem')
      .filter(item => item.getAttribute('aria-label')!.startsWith('lena'));
    await userEvent.click(bars[bars.length - 1]);
    expect(
      screen.queryByRole('menuitem', { name: 'Take this shift' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Swap with…' }),
    );

    const dialog = await screen.findByRole('dialog');
    await pickPerson(
      within(dialog).getByLabelText(/^Teammate/),
      'jonas',
      /Jonas Weber/,
    );
    await userEvent.type(within(dialog).getByLabelText('Note'), 'Dentist');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ask' }));

    await waitFor(() => expect(onAsked).toHaveBeenCalled());
    const [scheduleId, body] = api.requestSwap.mock.calls[0];
    expect(scheduleId).toBe('sch-1');
    expect(body).toMatchObject({ recipient: JONAS, note: 'Dentist' });
    // The last of Lena's shifts on the timeline, from its start or the next hour.
    const last = finalSchedule(record.schedule, range)
      .filter(s => s.user === LENA)
      .pop()!;
    expect(body.shift).toEqual(remainingPart(last));
  });

  it('lets a member of the owning team take a teammate’s shift at once', async () => {
    const record = makeScheduleRecord();
    const updated = { ...record, version: 4 };
    api.addScheduleOverride.mockResolvedValue(updated);
    await renderWithApis(
      <Harness record={record} onChanged={onChanged} onAsked={onAsked} />,
      { api, entity: null },
    );
    const { shift, bar } = shiftOf(record, JONAS);
    await userEvent.click(bar);
    expect(
      screen.queryByRole('menuitem', { name: 'Swap with…' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Take this shift' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Take this shift',
      }),
    );

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(updated));
    expect(api.addScheduleOverride).toHaveBeenCalledWith('sch-1', {
      version: 3,
      user: LENA,
      ...remainingPart(shift),
      reason: "Took jonas.weber's shift",
    });
  });

  it('tells others why they cannot take a shift', async () => {
    const record = makeScheduleRecord({ ownerRef: 'group:default/other' });
    await renderWithApis(
      <Harness record={record} onChanged={onChanged} onAsked={onAsked} />,
      { api, entity: null, allowed: false },
    );
    await userEvent.click(shiftOf(record, JONAS).bar);
    expect(
      await screen.findByRole('menuitem', {
        name: 'Only jonas.weber can ask for a swap; members of the owning team can take it',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('menuitem', { name: 'Take this shift' }),
    ).not.toBeInTheDocument();
  });
});

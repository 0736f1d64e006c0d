import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddOverrideDialog } from './AddOverrideDialog';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  renderWithApis,
  responseError,
  pickPerson,
} from '../../__testUtils__';

describe('<AddOverrideDialog />', () => {
  // Picking people and filling forms is slow in jsdom on a busy machine.
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const record = makeScheduleRecord();
  const onAdded = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  async function fillAndSubmit() {
    await renderWithApis(
      <AddOverrideDialog
        schedule={record}
        onClose={() => {}}
        onAdded={onAdded}
      />,
      { api, entity: null },
    );
    // The signed-in user covers unless someone else is picked.
    await waitFor(() =>
      expect(screen.getByLabelText(/Who covers/)).toHaveValue('Lena Hoffmann'),
    );
    await pickPerson(
      screen.getByLabelText(/Who covers/),
      'jonas',
      /Jonas Weber/,
    );
    fireEvent.change(screen.getByLabelText(/Start \(Europe\/Berlin\)/), {
      target: { value: '2026-12-24T09:00' },
    });
    fireEvent.change(screen.getByLabelText(/End \(Europe\/Berlin\)/), {
      target: { value: '2026-12-26T09:00' },
    });
    await userEvent.type(screen.getByLabelText('Reason'), 'holiday swap');
    await userEvent.click(screen.getByRole('button', { name: 'Add override' }));
  }

  it("sends the override in the schedule's zone with the version seen", async () => {
    const updated = { ...record, version: 4 };
    api.addScheduleOverride.mockResolvedValue(updated);
    await fillAndSubmit();

    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(updated));
    expect(api.addScheduleOverride).toHaveBeenCalledWith('sch-1', {
      version: 3,
      user: 'user:default/jonas.weber',
      start: '2026-12-24T09:00:00.000+01:00',
      end: '2026-12-26T09:00:00.000+01:00',
      reason: 'holiday swap',
    });
  });

  it('says someone else changed the schedule on a 409', async () => {
    api.addScheduleOverride.mockRejectedValue(
      responseError(409, 'version 3 is stale'),
    );
    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this; reload',
    );
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('says why on a 403', async () => {
    api.addScheduleOverride.mockRejectedValue(
      responseError(403, 'only members of group:default/team-checkout'),
    );
    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not allowed: only members of group:default/team-checkout',
    );
  });

  it('says which limit the schedule would exceed on a 400', async () => {
    api.addScheduleOverride.mockRejectedValue(
      responseError(
        400,
        'The schedule is larger than on-call schedules may be: overrides: at most 500, not 501',
      ),
    );
    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The schedule is larger than on-call schedules may be: overrides: at most 500, not 501',
    );
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('will not send an end before the start', async () => {
    await renderWithApis(
      <AddOverrideDialog
        schedule={record}
        onClose={() => {}}
        onAdded={onAdded}
      />,
      { api, entity: null },
    );
    fireEvent.change(screen.getByLabelText(/Start \(Europe\/Berlin\)/), {
      target: { value: '2026-12-26T09:00' },
    });
    fireEvent.change(screen.getByLabelText(/End \(Europe\/Berlin\)/), {
      target: { value: '2026-12-24T09:00' },
    });

    expect(screen.getByText('Must be after the start')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add override' })).toBeDisabled();
  });
});

import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import {
  EditScheduleButton,
  NewScheduleButtons,
} from './ScheduleEditorButtons';

describe('schedule editor buttons', () => {
  jest.setTimeout(60_000);
  const api = mockReliabilityApi();
  const onSaved = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
    api.listSchedules.mockResolvedValue([]);
  });

  it('offers Edit to those who may change the schedule', async () => {
    await renderWithApis(
      <EditScheduleButton schedule={makeScheduleRecord()} onSaved={onSaved} />,
      { api, entity: null },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit checkout-primary' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Edit checkout-primary' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Schedule name/)).toHaveValue(
      'checkout-primary',
    );
  });

  it('offers no Edit to anyone else', async () => {
    // Another owner group: permission answers are cached per resource.
    const record = makeScheduleRecord({
      name: 'cart-primary',
      ownerRef: 'group:default/team-cart',
    });
    await renderWithApis(
      <EditScheduleButton schedule={record} onSaved={onSaved} />,
      { api, entity: null, allowed: false },
    );
    // Long enough for the permission's answer.
    await act(() => new Promise(resolve => setTimeout(resolve, 200)));
    expect(
      screen.queryByRole('button', { name: 'Edit cart-primary' }),
    ).not.toBeInTheDocument();
  });

  it('imports a pasted YAML document, and says why the backend refused one', async () => {
    const imported = makeScheduleRecord({ id: 'sch-9' });
    api.importSchedule
      .mockRejectedValueOnce(
        responseError(400, 'Invalid schedule: ownerRef: must be a group ref'),
      )
      .mockResolvedValueOnce(imported);
    await renderWithApis(<NewScheduleButtons onSaved={onSaved} />, {
      api,
      entity: null,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Import YAML' }));
    const yaml = 'kind: Schedule\nname: imported\n';
    fireEvent.change(screen.getByLabelText('Schedule YAML'), {
      target: { value: yaml },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'ownerRef: must be a group ref',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(imported));
    expect(api.importSchedule).toHaveBeenLastCalledWith(yaml);
  });

  it('opens an empty editor for a new schedule', async () => {
    await renderWithApis(<NewScheduleButtons onSaved={onSaved} />, {
      api,
      entity: null,
    });
    await userEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    expect(
      await screen.findByRole('dialog', { name: 'New on-call schedule' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Schedule name/)).toHaveValue('');
    expect(
      screen.getByRole('group', { name: 'Layer 1 (primary)' }),
    ).toBeInTheDocument();
  });
});

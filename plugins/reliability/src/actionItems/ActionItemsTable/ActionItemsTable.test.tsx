import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionItemsTable } from './ActionItemsTable';
import {
  makeActionItem,
  makeEntity,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const item = makeActionItem({
  id: 'ai-1',
  postmortemId: 'pm-1',
  title: 'Alert on pool saturation',
  priority: 'P1',
  owner: 'group:default/team-checkout',
  dueDate: '2024-05-10',
  overdue: true,
  version: 2,
});

describe('<ActionItemsTable />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const onChanged = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderTable = (
    options: { allowed?: boolean; showContext?: boolean } = {},
  ) => {
    const entityRef =
      options.allowed === false
        ? 'component:default/locked'
        : 'component:default/checkout';
    return renderWithApis(
      <ActionItemsTable
        title="Action items"
        items={[{ ...item, entityRef }]}
        editable={{ entityRef, onChanged }}
        showContext={options.showContext}
        emptyMessage="Nothing to do."
      />,
      {
        api,
        allowed: options.allowed,
        entity: makeEntity(
          {},
          options.allowed === false ? 'locked' : 'checkout',
        ),
      },
    );
  };

  it('lists the action items, overdue ones marked, and edits them in place', async () => {
    api.updateActionItem.mockResolvedValue(item);
    await renderTable();

    const row = async () =>
      (await screen.findByText('Alert on pool saturation')).closest('tr')!;
    expect(within(await row()).getByText('Overdue')).toBeInTheDocument();

    await userEvent.click(
      within(await row()).getByRole('button', { name: /Status of/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Done' }));
    expect(api.updateActionItem).toHaveBeenCalledWith('ai-1', {
      version: 2,
      status: 'done',
    });
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

    const due = within(await row()).getByLabelText(
      'Due date of Alert on pool saturation',
    );
    await userEvent.clear(due);
    await userEvent.type(due, '2030-01-31');
    await userEvent.tab();
    expect(api.updateActionItem).toHaveBeenLastCalledWith('ai-1', {
      version: 2,
      dueDate: '2030-01-31',
    });

    expect(within(await row()).getByText('team-checkout')).toBeInTheDocument();
    await userEvent.click(
      within(await row()).getByRole('button', {
        name: 'Change owner of Alert on pool saturation',
      }),
    );
    const owner = within(await row()).getByLabelText(
      'Owner of Alert on pool saturation',
    );
    expect(owner).toHaveFocus();
    await pickPerson(owner, 'jane', /Jane Doe/);
    expect(api.updateActionItem).toHaveBeenLastCalledWith('ai-1', {
      version: 2,
      owner: 'user:default/jane',
    });
    // Status, due date and owner: one request each, none twice.
    expect(api.updateActionItem).toHaveBeenCalledTimes(3);
  });

  it('says someone else changed an action item and reloads on a stale version', async () => {
    api.updateActionItem.mockRejectedValue(responseError(409, 'stale'));
    await renderTable();

    const row = (await screen.findByText('Alert on pool saturation')).closest(
      'tr',
    )!;
    await userEvent.click(
      within(row).getByRole('button', { name: /Priority of/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'P0' }));

    expect(api.updateActionItem).toHaveBeenCalledWith('ai-1', {
      version: 2,
      priority: 'P0',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this; reload',
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
  });

  it('shows plain values to those not allowed to edit', async () => {
    await renderTable({ allowed: false });

    const row = (await screen.findByText('Alert on pool saturation')).closest(
      'tr',
    )!;
    expect(within(row).getByText('2024-05-10')).toBeInTheDocument();
    expect(within(row).getByText('Open')).toBeInTheDocument();
    expect(within(row).getByText('team-checkout')).toBeInTheDocument();
    expect(within(row).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('links items to their components and postmortems when asked to', async () => {
    await renderTable({ showContext: true });

    const row = (await screen.findByText('Alert on pool saturation')).closest(
      'tr',
    )!;
    expect(within(row).getByText('Postmortem').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-1',
    );
    expect(within(row).getByText('checkout').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout',
    );
  });
});

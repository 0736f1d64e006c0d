import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddActionItemButton } from './AddActionItemButton';
import {
  makeActionItem,
  makeEntity,
  mockReliabilityApi,
  pickPerson,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

describe('<AddActionItemButton />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const onAdded = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderButton = (allowed = true) =>
    renderWithApis(
      <AddActionItemButton
        postmortemId="pm-1"
        entityRef={
          allowed ? 'component:default/checkout' : 'component:default/locked'
        }
        onAdded={onAdded}
      />,
      { api, allowed, entity: makeEntity({}, allowed ? 'checkout' : 'locked') },
    );

  it('adds an action item with owner, due date and ticket', async () => {
    api.createActionItem.mockResolvedValue(makeActionItem());
    await renderButton();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    const dialog = await screen.findByRole('dialog');
    // The signed-in user owns it unless someone else is picked.
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/Owner/)).toHaveValue(
        'Lena Hoffmann',
      ),
    );
    await userEvent.click(within(dialog).getByLabelText(/Title/));
    await userEvent.paste('Load test checkout');
    await userEvent.click(within(dialog).getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Detect' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Priority/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'P1' }));
    await pickPerson(
      within(dialog).getByLabelText(/Owner/),
      'checkout',
      /Team Checkout/,
    );
    await userEvent.type(
      within(dialog).getByLabelText('Due date'),
      '2024-01-15',
    );
    await userEvent.click(within(dialog).getByLabelText('Ticket URL'));
    await userEvent.paste('https://jira.example/CHK-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(api.createActionItem).toHaveBeenCalledWith('pm-1', {
      title: 'Load test checkout',
      type: 'detect',
      priority: 'P1',
      owner: 'group:default/team-checkout',
      dueDate: '2024-01-15',
      ticketUrl: 'https://jira.example/CHK-1',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(onAdded).toHaveBeenCalledTimes(1);
  });

  it('keeps the form open and names the field the server rejected', async () => {
    api.createActionItem.mockRejectedValue(
      responseError(400, 'owner: no such user or group in the catalog'),
    );
    await renderButton();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText(/Title/));
    await userEvent.paste('Load test checkout');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'owner: no such user or group in the catalog',
    );
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('is not offered to those not allowed to add action items', async () => {
    await renderButton(false);

    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(
      screen.queryByRole('button', { name: 'Add action item' }),
    ).not.toBeInTheDocument();
  });
});

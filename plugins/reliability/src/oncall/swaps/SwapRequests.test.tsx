import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SwapRequest } from '@reliability-hub/plugin-reliability-common';
import { SwapRequests } from './SwapRequests';
import {
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

const swap = (overrides: Partial<SwapRequest> = {}): SwapRequest => ({
  id: 'swap-1',
  scheduleId: 'sch-1',
  scheduleName: 'checkout-primary',
  ownerRef: 'group:default/team-checkout',
  requester: 'user:default/jonas.weber',
  recipient: 'user:default/lena.hoffmann',
  shift: { start: '2026-12-14T08:00:00.000Z', end: '2026-12-15T08:00:00.000Z' },
  note: 'Dentist',
  state: 'pending',
  createdAt: '2026-12-07T08:00:00.000Z',
  version: 1,
  ...overrides,
});

describe('<SwapRequests />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const onAccepted = jest.fn();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('shows requests for you with Accept and Decline, and accepts at the version seen', async () => {
    api.listSwaps.mockResolvedValue({
      incoming: [swap()],
      outgoing: [
        swap({
          id: 'swap-2',
          requester: 'user:default/lena.hoffmann',
          recipient: 'user:default/priya.raman',
        }),
      ],
    });
    api.answerSwap.mockResolvedValue(swap({ state: 'accepted' }));
    await renderWithApis(
      <SwapRequests profiles={new Map()} onAccepted={onAccepted} />,
      { api, entity: null },
    );

    const forYou = await screen.findByRole('region', {
      name: 'Swap requests for you',
    });
    expect(forYou).toHaveTextContent(
      'jonas.weber asks you to cover checkout-primary',
    );
    expect(forYou).toHaveTextContent('“Dentist”');
    const mine = screen.getByRole('region', { name: 'Your swap requests' });
    expect(mine).toHaveTextContent('You asked priya.raman to cover');
    expect(
      within(mine).getByRole('button', { name: 'Cancel request' }),
    ).toBeInTheDocument();

    api.listSwaps.mockResolvedValue({ incoming: [], outgoing: [] });
    await userEvent.click(
      within(forYou).getByRole('button', { name: 'Accept' }),
    );
    await waitFor(() => expect(onAccepted).toHaveBeenCalled());
    expect(api.answerSwap).toHaveBeenCalledWith('swap-1', 'accept', 1);
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Swap requests for you' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('says why an answer failed', async () => {
    api.listSwaps.mockResolvedValue({ incoming: [swap()], outgoing: [] });
    api.answerSwap.mockRejectedValue(
      responseError(
        409,
        'The schedule has changed since this swap was asked for',
      ),
    );
    await renderWithApis(
      <SwapRequests profiles={new Map()} onAccepted={onAccepted} />,
      { api, entity: null },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Decline' }),
    );
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(api.answerSwap).toHaveBeenCalledWith('swap-1', 'decline', 1);
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('shows nothing when nothing is open', async () => {
    api.listSwaps.mockResolvedValue({ incoming: [], outgoing: [] });
    const { container } = await renderWithApis(
      <SwapRequests profiles={new Map()} onAccepted={onAccepted} />,
      { api, entity: null },
    );
    await waitFor(() => expect(api.listSwaps).toHaveBeenCalled());
    expect(container).toBeEmptyDOMElement();
  });
});

import { screen, within } from '@testing-library/react';
import { MyActionItemsCardContent } from './MyActionItemsCardContent';
import {
  makeActionItem,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

describe('<MyActionItemsCardContent />', () => {
  const api = mockReliabilityApi();

  it("lists the open items the person's identity owns, overdue first", async () => {
    api.listActionItems.mockResolvedValue({
      items: [
        makeActionItem({ id: 'a', title: 'Later one', dueDate: '2099-01-01' }),
        makeActionItem({
          id: 'b',
          title: 'Late one',
          dueDate: '2020-01-01',
          overdue: true,
        }),
      ],
      nextCursor: null,
    } as any);
    await renderWithApis(<MyActionItemsCardContent />, { api, entity: null });

    const items = within(
      await screen.findByRole('list', { name: 'My action items' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      expect.stringMatching(/^Late one.*Overdue$/),
      expect.stringMatching(/^Later one/),
    ]);
    expect(api.listActionItems).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'open', owner: expect.any(Array) }),
    );
  });

  it('says nothing is owed when there is nothing open', async () => {
    api.listActionItems.mockResolvedValue({
      items: [],
      nextCursor: null,
    } as any);
    await renderWithApis(<MyActionItemsCardContent />, { api, entity: null });

    expect(
      await screen.findByText(
        'No open action items for you or your teams. Nothing owed.',
      ),
    ).toBeInTheDocument();
  });
});

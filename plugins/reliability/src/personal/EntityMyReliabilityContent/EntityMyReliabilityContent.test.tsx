import { configure, screen } from '@testing-library/react';
import {
  makeActionItem,
  makeHealthySloStatus,
  makeSloStatus,
  makeUser,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';
import { EntityMyReliabilityContent } from './EntityMyReliabilityContent';

configure({ asyncUtilTimeout: 10_000 });

describe('<EntityMyReliabilityContent />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  it("lists the user's and their teams' open action items, overdue first, and their teams' SLOs, least budget left first", async () => {
    const lena = {
      ...makeUser('lena.hoffmann', 'Lena Hoffmann'),
      relations: [
        { type: 'memberOf', targetRef: 'group:default/team-checkout' },
      ],
    };
    api.listSchedules.mockResolvedValue([]);
    api.listActionItems.mockResolvedValue({
      items: [
        makeActionItem({ id: 'a', title: 'Later item', dueDate: '2099-01-01' }),
        makeActionItem({
          id: 'b',
          title: 'Overdue item',
          dueDate: '2024-01-01',
          overdue: true,
        }),
      ],
    });
    api.getSloOverview.mockResolvedValue({
      items: [
        makeHealthySloStatus({ id: 'healthy', displayName: 'Healthy SLO' }),
        makeSloStatus({ id: 'burnt', displayName: 'Burnt SLO' }),
      ],
      tiers: [],
    });
    await renderWithApis(<EntityMyReliabilityContent />, { api, entity: lena });

    expect(
      await screen.findByText(
        'Open action items of mine and my teams (1 overdue)',
      ),
    ).toBeInTheDocument();
    expect(api.listActionItems).toHaveBeenCalledWith({
      owner: ['user:default/lena.hoffmann', 'group:default/team-checkout'],
      status: 'open',
      limit: 50,
    });
    expect(api.getSloOverview).toHaveBeenCalledWith({
      owner: 'group:default/team-checkout',
    });
    const titles = screen
      .getAllByText(/^(Later|Overdue) item$/)
      .map(el => el.textContent);
    expect(titles).toEqual(['Overdue item', 'Later item']);
    const slos = screen
      .getAllByText(/^(Healthy|Burnt) SLO$/)
      .map(el => el.textContent);
    expect(slos).toEqual(['Burnt SLO', 'Healthy SLO']);
    expect(screen.getByText('Shifts')).toBeInTheDocument();
  });
});

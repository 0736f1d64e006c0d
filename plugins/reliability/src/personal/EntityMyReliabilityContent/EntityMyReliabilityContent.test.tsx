import { configure, screen } from '@testing-library/react';
import {
  makeActionItem,
  makeHealthySloStatus,
  makeIncident,
  makePostmortem,
  makeSloOverview,
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
    api.getSloOverview.mockResolvedValue(
      makeSloOverview(
        [
          makeHealthySloStatus({ id: 'healthy', displayName: 'Healthy SLO' }),
          makeSloStatus({ id: 'burnt', displayName: 'Burnt SLO' }),
        ],
        // More than the first page holds.
        { totalItems: 30, nextCursor: 'next' },
      ),
    );
    api.listIncidents.mockResolvedValue({ items: [] });
    api.listPostmortems.mockResolvedValue({ items: [] });
    await renderWithApis(<EntityMyReliabilityContent />, {
      api,
      entity: lena,
      signedInAs: { userEntityRef: 'user:default/lena.hoffmann' },
    });

    expect(
      await screen.findByText(
        'Open action items of mine and my teams (1 overdue)',
      ),
    ).toBeInTheDocument();
    // Her own page offers her calendar feed.
    expect(
      await screen.findByRole('button', { name: 'My calendar feed' }),
    ).toBeInTheDocument();
    expect(api.listActionItems).toHaveBeenCalledWith({
      owner: ['user:default/lena.hoffmann', 'group:default/team-checkout'],
      status: 'open',
      limit: 50,
    });
    expect(api.getSloOverview).toHaveBeenCalledWith({
      owner: 'group:default/team-checkout',
      limit: 20,
    });
    expect(
      screen.getByText("SLOs of my teams' components (the 2 worst of 30)"),
    ).toBeInTheDocument();
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

  it('lists the open incidents the user commands and the postmortems they must write or review', async () => {
    const lena = makeUser('lena.hoffmann', 'Lena Hoffmann');
    api.listSchedules.mockResolvedValue([]);
    api.listActionItems.mockResolvedValue({ items: [] });
    api.getSloOverview.mockResolvedValue(makeSloOverview([]));
    api.listIncidents.mockResolvedValue({
      items: [makeIncident({ id: 'inc-1', title: 'Payments declined' })],
    });
    api.listPostmortems.mockImplementation(async request => ({
      items: [
        request?.author
          ? makePostmortem({ id: 'pm-draft', title: 'My draft' })
          : makePostmortem({
              id: 'pm-review',
              title: 'Asked to review',
              status: 'in_review',
              author: 'user:default/jonas.weber',
            }),
      ],
    }));
    await renderWithApis(<EntityMyReliabilityContent />, {
      api,
      entity: lena,
      signedInAs: { userEntityRef: 'user:default/jonas.weber' },
    });

    expect(
      await screen.findByRole('link', { name: 'Payments declined' }),
    ).toBeInTheDocument();
    // Someone else's page offers no calendar feed: it would be the viewer's.
    expect(
      screen.queryByRole('button', { name: 'My calendar feed' }),
    ).not.toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith({
      commander: 'user:default/lena.hoffmann',
      status: 'open',
      limit: 20,
    });
    expect(api.listPostmortems).toHaveBeenCalledWith({
      author: 'user:default/lena.hoffmann',
      status: 'draft',
      limit: 20,
    });
    // Reviews asked of her or of a team of hers.
    expect(api.listPostmortems).toHaveBeenCalledWith({
      reviewer: ['user:default/lena.hoffmann', 'group:default/team-checkout'],
      status: 'in_review',
      limit: 20,
    });
    const draft = screen.getByRole('link', { name: 'My draft' }).closest('tr')!;
    expect(draft).toHaveTextContent(/^Write/);
    expect(screen.getByRole('link', { name: 'My draft' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-draft',
    );
    const review = screen
      .getByRole('link', { name: 'Asked to review' })
      .closest('tr')!;
    expect(review).toHaveTextContent(/^Review/);
  });
});

import { EntityReliabilitySummary } from '@reliability-hub/plugin-reliability-common';
import { screen } from '@testing-library/react';
import { EntityActionItemsCard } from './EntityActionItemsCard';
import {
  makeActionItem,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';

describe('<EntityActionItemsCard />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const renderCard = () => renderWithApis(<EntityActionItemsCard />, { api });

  it('shows the figures and the open items, overdue ones marked, with their postmortems', async () => {
    api.getEntitySummary.mockResolvedValue(
      makeSummary({
        actionItems: {
          openCount: 2,
          overdueCount: 1,
          completionRate: 0.6,
          items: [
            makeActionItem({
              id: 'a',
              postmortemId: 'pm-7',
              title: 'Alert on pool saturation',
              owner: 'group:default/team-checkout',
              dueDate: '2024-05-10',
              overdue: true,
            }),
            makeActionItem({
              id: 'b',
              title: 'Load test the cart',
              owner: 'user:default/jane',
              dueDate: '2099-01-01',
            }),
          ],
        },
      }),
    );
    await renderCard();

    expect(
      await screen.findByText('Alert on pool saturation'),
    ).toBeInTheDocument();
    const figure = (label: string) =>
      screen.getByText(label).nextElementSibling?.textContent;
    expect(figure('Open')).toBe('2');
    expect(figure('Overdue')).toBe('1');
    expect(figure('Completed')).toBe('60 %');
    expect(screen.getByText('Overdue since 2024-05-10')).toBeInTheDocument();
    expect(screen.getByText('Due 2099-01-01')).toBeInTheDocument();
    expect(screen.getByText('team-checkout')).toBeInTheDocument();
    expect(screen.getByText('jane')).toBeInTheDocument();
    expect(screen.getAllByText('postmortem')[0].closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-7',
    );
    expect(api.getEntitySummary).toHaveBeenCalledWith(
      'component:default/checkout',
    );
  });

  it('tells how action items come about when there are none', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    await renderCard();

    expect(
      await screen.findByText(/No action items for this component/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Overdue')).not.toBeInTheDocument();
  });

  it('says when every item is done', async () => {
    api.getEntitySummary.mockResolvedValue(
      makeSummary({ actionItems: { completionRate: 1, items: [] } }),
    );
    await renderCard();

    expect(await screen.findByText(/Nothing open/)).toBeInTheDocument();
    expect(screen.getByText('100 %')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    api.getEntitySummary.mockReturnValue(new Promise(() => {}));
    await renderCard();

    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an error panel when the summary cannot be loaded', async () => {
    api.getEntitySummary.mockRejectedValue(new Error('backend is down'));
    await renderCard();

    expect(
      await screen.findByText(/Could not load action items/),
    ).toBeInTheDocument();
  });

  it('says what to set up when the backend is not installed', async () => {
    api.getEntitySummary.mockRejectedValue(responseError(404, 'Not Found'));
    await renderCard();

    expect(
      await screen.findByText('Reliability Hub backend not found'),
    ).toBeInTheDocument();
  });

  it('says the backend is too old when the summary has no action items', async () => {
    const { actionItems: _, ...old } = makeSummary();
    api.getEntitySummary.mockResolvedValue(old as EntityReliabilitySummary);
    await renderCard();

    expect(
      await screen.findByText(/Action items are not available/),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityIncidentsContent } from './EntityIncidentsContent';
import {
  makeIncident,
  makeIncidentDetail,
  makePostmortem,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

describe('<EntityIncidentsContent />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
    api.listIncidents.mockResolvedValue({ items: [] });
    api.listPostmortems.mockResolvedValue({ items: [] });
    api.getSeverityLevels.mockResolvedValue([]);
  });

  const renderAt = (path: string) =>
    renderWithApis(<EntityIncidentsContent />, { api, routeEntries: [path] });

  it('lists open incidents, the history and the postmortems of the entity', async () => {
    api.listIncidents.mockImplementation(async request => ({
      items:
        request.status === 'open'
          ? [makeIncident({ id: 'inc-9', title: 'Cart is slow' })]
          : [],
    }));
    api.listPostmortems.mockResolvedValue({
      items: [
        makePostmortem({
          id: 'pm-3',
          title: 'Gateway outage',
          status: 'published',
        }),
        makePostmortem({
          id: 'pm-4',
          title: 'Game day debrief',
          status: 'draft',
          drill: 'game_day',
        }),
      ],
    });
    await renderAt('/');

    expect(await screen.findByText('Cart is slow')).toBeInTheDocument();
    expect(screen.getByText('Open incidents')).toBeInTheDocument();
    expect(screen.getByText('Incident history')).toBeInTheDocument();
    expect(await screen.findByText('Gateway outage')).toBeInTheDocument();
    expect(screen.getByText('Gateway outage').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-3',
    );
    expect(screen.getByText('Published')).toBeInTheDocument();
    // A drill's debrief is marked as one; a real incident's postmortem is not.
    expect(
      within(screen.getByText('Game day debrief').closest('tr')!).getByText(
        'DRILL',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByText('Gateway outage').closest('tr')!).queryByText(
        'DRILL',
      ),
    ).not.toBeInTheDocument();
    expect(api.listPostmortems).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/checkout' }),
    );
    expect(
      screen.getByRole('button', { name: /Declare incident/ }),
    ).toBeInTheDocument();
  });

  it("lists the component's drills apart when asked, marked DRILL", async () => {
    api.listIncidents.mockImplementation(async request => ({
      items:
        request.drill === true
          ? [
              makeIncident({
                id: 'inc-7',
                title: 'Game day: lose Redis',
                drill: 'game_day',
              }),
            ]
          : [],
    }));
    await renderAt('/');

    expect(
      await screen.findByText('No incidents recorded for this component.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Kind/ }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText('Drills only'),
    );

    expect(await screen.findByText('Game day: lose Redis')).toBeInTheDocument();
    expect(screen.getByText('DRILL')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        drill: true,
      }),
    );
  });

  it('tells how to get a postmortem when there is none', async () => {
    await renderAt('/');

    expect(await screen.findByText(/No postmortems yet/)).toBeInTheDocument();
    expect(
      await screen.findByText('No incidents recorded for this component.'),
    ).toBeInTheDocument();
  });

  it('shows the incident page below the tab', async () => {
    api.getIncident.mockResolvedValue(
      makeIncidentDetail({ id: 'inc-1', title: 'Payments declined' }),
    );
    await renderAt('/inc-1');

    expect(await screen.findByText('Payments declined')).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('inc-1');
    expect(api.listIncidents).not.toHaveBeenCalled();
  });

  it('shows the postmortem page below the tab', async () => {
    api.getPostmortem.mockResolvedValue(
      makePostmortem({ id: 'pm-1', title: 'Gateway outage' }),
    );
    await renderAt('/postmortems/pm-1');

    expect(await screen.findByText('Gateway outage')).toBeInTheDocument();
    await waitFor(() => expect(api.getPostmortem).toHaveBeenCalledWith('pm-1'));
    expect(api.getIncident).not.toHaveBeenCalled();
  });
});

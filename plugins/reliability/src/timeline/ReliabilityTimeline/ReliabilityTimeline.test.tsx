import { ReliabilityTimeline as Timeline } from '@reliability-hub/plugin-reliability-common';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockReliabilityApi, renderWithApis } from '../../__testUtils__';
import { useChartSize } from '../../__testUtils__/chartSize';
import { ReliabilityTimeline } from './ReliabilityTimeline';

configure({ asyncUtilTimeout: 10_000 });

const HOUR = 3_600_000;
const FROM = Date.parse('2026-11-30T00:00:00.000Z');
const STEP = 56 * 60_000;
const at = (ms: number) => new Date(ms).toISOString();

/**
 * A week of checkout: the budget holds at 80 % until step 100, when a SEV1
 * takes it to 50 %; a SEV3 days earlier cost nothing.
 */
const timeline: Timeline = {
  entityRef: 'component:default/checkout',
  days: 7,
  from: at(FROM),
  to: at(FROM + 7 * 24 * HOUR),
  budget: {
    stepMs: STEP,
    points: Array.from({ length: 150 }, (_, i) => ({
      at: at(FROM + i * STEP),
      remainingFraction: i < 100 ? 0.8 : 0.5,
    })),
  },
  incidents: [
    {
      id: 'inc-early',
      humanId: 'INC-20261130-001',
      title: 'Slow search results',
      severity: 'SEV3',
      status: 'resolved',
      startedAt: at(FROM + 2 * HOUR),
      resolvedAt: at(FROM + 3 * HOUR),
    },
    {
      id: 'inc-drop',
      humanId: 'INC-20261203-001',
      title: 'Payments declined at checkout',
      severity: 'SEV1',
      status: 'resolved',
      startedAt: at(FROM + 99 * STEP + 10 * 60_000),
      resolvedAt: at(FROM + 101 * STEP),
    },
  ],
  postmortems: [
    {
      id: 'pm-1',
      title: 'Payments declined',
      publishedAt: at(FROM + 130 * STEP),
    },
  ],
  actionItems: [],
  handoffs: [
    {
      at: at(FROM + 100 * STEP + 5 * 60_000),
      schedule: 'checkout-main',
      from: 'user:default/lena.hoffmann',
      to: 'user:default/jonas.weber',
    },
  ],
  truncated: [],
};

describe('<ReliabilityTimeline />', () => {
  jest.setTimeout(30_000);
  useChartSize();
  const api = mockReliabilityApi();
  beforeEach(() => jest.resetAllMocks());

  it('shows the incidents behind a budget drop when the drop is clicked', async () => {
    api.getTimeline.mockResolvedValue(timeline);
    await renderWithApis(
      <ReliabilityTimeline entityRef="component:default/checkout" days={7} />,
      { api },
    );
    expect(api.getTimeline).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      days: 7,
    });
    expect(
      await screen.findByText(
        '2 incidents · 1 postmortem published · 0 action items closed · 1 on-call hand-off',
      ),
    ).toBeInTheDocument();
    const legend = screen.getByRole('list', { name: 'Legend' });
    for (const entry of [
      'Budget left (worst SLO)',
      'SEV1 incident',
      'SEV3 incident',
      'Postmortem published',
      'On-call hand-off',
    ]) {
      expect(within(legend).getByText(entry)).toBeInTheDocument();
    }
    expect(
      screen.queryByRole('list', { name: 'Incidents in the interval' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(screen.getByRole('group', { name: 'Budget drops' })).getByRole(
        'button',
        { name: /^80 % → 50 % on / },
      ),
    );

    const incidents = screen.getByRole('list', {
      name: 'Incidents in the interval',
    });
    expect(
      within(incidents).getByRole('link', {
        name: 'Payments declined at checkout',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/INC-20261203-001',
    );
    // The SEV3 three days earlier is not behind this drop.
    expect(
      within(incidents).queryByText('Slow search results'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('On call (checkout-main): lena.hoffmann → jonas.weber', {
        exact: false,
      }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(
      screen.queryByRole('list', { name: 'Incidents in the interval' }),
    ).not.toBeInTheDocument();
  });

  it('marks a drill as a drill, counted apart from the incidents', async () => {
    api.getTimeline.mockResolvedValue({
      ...timeline,
      incidents: timeline.incidents.map(incident =>
        incident.id === 'inc-drop'
          ? {
              ...incident,
              title: 'Game day: card gateway down',
              drill: 'game_day',
            }
          : incident,
      ),
    });
    await renderWithApis(
      <ReliabilityTimeline entityRef="component:default/checkout" days={7} />,
      { api },
    );
    expect(
      await screen.findByText(
        '1 incident · 1 drill · 1 postmortem published · 0 action items closed · 1 on-call hand-off',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(screen.getByRole('group', { name: 'Budget drops' })).getByRole(
        'button',
        { name: /^80 % → 50 % on / },
      ),
    );
    const item = within(
      screen.getByRole('list', { name: 'Incidents in the interval' }),
    )
      .getByRole('link', { name: 'Game day: card gateway down' })
      .closest('li')!;
    expect(within(item).getByText('DRILL')).toBeInTheDocument();
  });

  it('asks for another range when one is picked', async () => {
    api.getTimeline.mockResolvedValue(timeline);
    await renderWithApis(
      <ReliabilityTimeline entityRef="component:default/checkout" />,
      { api },
    );
    expect(
      await screen.findByRole('button', { name: '30 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: '90 days' }));
    expect(api.getTimeline).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout',
      days: 90,
    });
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('says when there is nothing to show, and why a timeline failed', async () => {
    api.getTimeline.mockResolvedValueOnce({
      ...timeline,
      budget: { stepMs: STEP, points: [] },
      incidents: [],
      postmortems: [],
      handoffs: [],
    });
    await renderWithApis(
      <ReliabilityTimeline entityRef="component:default/checkout" />,
      { api },
    );
    expect(
      await screen.findByText(/Nothing to show for the last 7 days/),
    ).toBeInTheDocument();

    api.getTimeline.mockRejectedValueOnce(
      new Error('The database is unavailable'),
    );
    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    expect(
      await screen.findByText(/Could not load the timeline/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/The database is unavailable/)[0],
    ).toBeInTheDocument();
  });
});

import { ScheduleHealth } from '@reliability-hub/plugin-reliability-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeScheduleRecord,
  makeUser,
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { useChartSize } from '../../__testUtils__/chartSize';
import { OnCallHealth } from './OnCallHealth';

configure({ asyncUtilTimeout: 10_000 });

const LENA = 'user:default/lena.hoffmann';
const JONAS = 'user:default/jonas.weber';

const health: ScheduleHealth = {
  scheduleId: 'sch-1',
  name: 'checkout-primary',
  ownerRef: 'group:default/team-checkout',
  period: { kind: 'month', start: '2026-11-01', end: '2026-11-30' },
  componentCount: 2,
  incidentsLimited: false,
  from: '2026-10-31T23:00:00.000Z',
  to: '2026-11-30T23:00:00.000Z',
  hours: 720,
  timeZone: 'Europe/Berlin',
  people: [
    {
      user: LENA,
      timeZone: 'America/New_York',
      timeZoneSource: 'person',
      inRotation: true,
      shifts: 3,
      onCallHours: 400,
      outOfHoursHours: 300,
      weekendHours: 96,
      incidents: 2,
      longestStretchHours: 168,
    },
    {
      user: JONAS,
      timeZone: 'Europe/Berlin',
      timeZoneSource: 'schedule',
      inRotation: true,
      shifts: 2,
      onCallHours: 311,
      outOfHoursHours: 221.5,
      weekendHours: 48,
      incidents: 0,
      longestStretchHours: 167,
    },
  ],
  totals: {
    shifts: 5,
    onCallHours: 711,
    outOfHoursHours: 521.5,
    weekendHours: 144,
    incidents: 2,
    incidentsInGaps: 1,
    longestStretchHours: 168,
  },
  fairness: {
    mostLoaded: LENA,
    leastLoaded: JONAS,
    onCallHoursSpread: 89,
    outOfHoursSpread: 78.5,
  },
  gaps: [
    { start: '2026-10-31T23:00:00.000Z', end: '2026-11-01T08:00:00.000Z' },
  ],
  gapHours: 9,
};

const schedules = [
  makeScheduleRecord(),
  makeScheduleRecord({ id: 'sch-2', name: 'payments-primary' }),
];

const people = [
  makeUser('lena.hoffmann', 'Lena Hoffmann'),
  makeUser('jonas.weber', 'Jonas Weber'),
];

describe('<OnCallHealth />', () => {
  jest.setTimeout(30_000);
  useChartSize();
  const api = mockReliabilityApi();
  beforeEach(() => jest.resetAllMocks());

  it("shows last month's load per person, with names, zones and the tiles", async () => {
    api.getScheduleHealth.mockResolvedValue(health);
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
      people,
    });
    expect(await screen.findByText('Load per person')).toBeInTheDocument();
    expect(api.getScheduleHealth).toHaveBeenCalledWith('sch-1', {
      period: 'month',
      start: undefined,
      end: undefined,
    });
    const row = (await screen.findAllByText('Jonas Weber'))
      .map(name => name.closest('tr'))
      .find(Boolean)!;
    expect(within(row).getByText('311 h')).toBeInTheDocument();
    expect(within(row).getByText('221.5 h')).toBeInTheDocument();
    expect(within(row).getByText('71 %')).toBeInTheDocument();
    expect(
      within(row).getByText("the schedule's zone: no zone in the catalog"),
    ).toBeInTheDocument();
    expect(screen.getByText('89 h')).toBeInTheDocument();
    expect(
      screen.getByText(/Lena Hoffmann most, Jonas Weber least/),
    ).toBeInTheDocument();
    expect(screen.getByText('1 while nobody was on call')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Hours on call per person'),
    ).toBeInTheDocument();
  });

  it('asks for the schedule and the period chosen', async () => {
    api.getScheduleHealth.mockResolvedValue(health);
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
      people,
    });
    await userEvent.click(screen.getByRole('button', { name: /Schedule/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'payments-primary' }),
    );
    await waitFor(() =>
      expect(api.getScheduleHealth).toHaveBeenLastCalledWith('sch-2', {
        period: 'month',
        start: undefined,
        end: undefined,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Period/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Week' }));
    await waitFor(() =>
      expect(api.getScheduleHealth).toHaveBeenLastCalledWith('sch-2', {
        period: 'week',
        start: undefined,
        end: undefined,
      }),
    );
  });

  it('downloads the load per person as CSV, with names', async () => {
    api.getScheduleHealth.mockResolvedValue(health);
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:health';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function clickLink(this: HTMLAnchorElement) {
        expect(this.download).toBe(
          'oncall-health-checkout-primary-2026-11-01.csv',
        );
      });
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
      people,
    });
    await screen.findAllByText('Jonas Weber');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    const lines = (await blobs[0].text()).split('\r\n');
    expect(lines[2]).toBe(
      'checkout-primary,2026-11-01,2026-11-30,user:default/jonas.weber,Jonas Weber,Europe/Berlin,schedule,yes,2,311,221.5,48,0,167',
    );
    click.mockRestore();
  });

  it('says why a period was refused, naming the field', async () => {
    api.getScheduleHealth.mockRejectedValue(
      responseError(
        400,
        'Invalid period: end: must be at most 92 days (a quarter) after start',
      ),
    );
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
    });
    expect(
      await screen.findByText(/end: must be at most 92 days/),
    ).toBeInTheDocument();
  });

  it('says so when nobody was on call in the period', async () => {
    api.getScheduleHealth.mockResolvedValue({
      ...health,
      people: [],
      totals: { ...health.totals, shifts: 0 },
      fairness: null,
    });
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
    });
    expect(
      await screen.findByText(/Nobody was on call on checkout-primary/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Load per person')).not.toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    api.getScheduleHealth.mockReturnValue(new Promise(() => {}));
    await renderWithApis(<OnCallHealth schedules={schedules} />, {
      api,
      entity: null,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});

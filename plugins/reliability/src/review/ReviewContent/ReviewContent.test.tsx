import { ReliabilityReview } from '@reliability-hub/plugin-reliability-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockReliabilityApi,
  renderWithApis,
  responseError,
} from '../../__testUtils__';
import { useChartSize } from '../../__testUtils__/chartSize';
import { ReviewContent } from './ReviewContent';

configure({ asyncUtilTimeout: 10_000 });

function figures(start: string, end: string, incidents: number) {
  return {
    period: { kind: 'month' as const, start, end },
    slos: {
      evaluated: 4,
      met: 3,
      missed: 1,
      unknown: 0,
      budgetConsumedMean: 0.42,
      budgetConsumedWorst: 1.1,
      tierChanges: 2,
      tierWorsened: 1,
    },
    incidents: {
      total: incidents,
      bySeverity: [{ severity: 'SEV2', count: incidents }],
      mttdSeconds: 300,
      mttaSeconds: 600,
      mttrSeconds: incidents * 1800,
      mtbfSeconds: null,
      repeatRate: 0,
    },
    postmortems: { completed: 2, onTime: 1, due: 2, late: 1 },
    actionItems: {
      created: 5,
      closed: 4,
      overdueAtEnd: 1,
      thirtyDayCohort: 4,
      closedWithin30DaysRate: 0.75,
    },
    oncall: { pages: 2, pagesPerWeek: 0.5, offHoursPages: 1 },
  };
}

const review: ReliabilityReview = {
  componentCount: null,
  current: figures('2026-11-01', '2026-11-30', 2),
  previous: figures('2026-10-01', '2026-10-31', 3),
  trend: {
    step: 'day',
    points: [
      {
        start: '2026-11-01',
        incidents: [{ severity: 'SEV2', count: 2 }],
        budgetConsumedMean: 0.3,
      },
      { start: '2026-11-02', incidents: [], budgetConsumedMean: 0.42 },
    ],
  },
  generatedAt: '2026-12-06T12:00:00.000Z',
};

describe('<ReviewContent />', () => {
  jest.setTimeout(30_000);
  useChartSize();
  const api = mockReliabilityApi();
  beforeEach(() => jest.resetAllMocks());

  it("shows last month's figures beside the month before, in charts and tables", async () => {
    api.getReview.mockResolvedValue(review);
    await renderWithApis(<ReviewContent />, { api });
    expect(
      await screen.findByText('2026-11-01 – 2026-11-30'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Figures as of Dec 6, 2026/)).toBeInTheDocument();
    expect(api.getReview).toHaveBeenCalledWith({
      period: 'month',
      entityRef: undefined,
      start: undefined,
      end: undefined,
    });
    const mttr = screen.getAllByText('MTTR (mean time to resolve)');
    // Once as a headline, once in the Incidents table.
    expect(mttr).toHaveLength(2);
    const row = mttr[1].closest('tr')!;
    expect(within(row).getByText('1 h')).toBeInTheDocument();
    expect(within(row).getByText('1 h 30 min')).toBeInTheDocument();
    expect(within(row).getByText('-30 min')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Incidents over the period'),
    ).toBeInTheDocument();
  });

  it('downloads the review as Markdown', async () => {
    api.getReview.mockResolvedValue(review);
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:review';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function clickLink(this: HTMLAnchorElement) {
        expect(this.download).toBe(
          'reliability-review-the-organisation-2026-11-01.md',
        );
      });
    await renderWithApis(<ReviewContent />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export Markdown' }),
    );
    expect(click).toHaveBeenCalledTimes(1);
    const text = await blobs[0].text();
    expect(text).toContain(
      '# Reliability review: the organisation, 2026-11-01 – 2026-11-30',
    );
    expect(text).toContain(
      '| MTTR (mean time to resolve) | 1 h | 1 h 30 min | -30 min |',
    );
    click.mockRestore();
  });

  it('says why a period was refused, naming the field', async () => {
    api.getReview.mockRejectedValue(
      responseError(400, 'Invalid review query: end: must not be before start'),
    );
    await renderWithApis(
      <ReviewContent entityRef="group:default/team-checkout" />,
      {
        api,
      },
    );
    await waitFor(() => expect(api.getReview).toHaveBeenCalledTimes(1));
    expect(api.getReview).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRef: 'group:default/team-checkout' }),
    );
    expect(
      await screen.findByText(/end: must not be before start/),
    ).toBeInTheDocument();
  });
});

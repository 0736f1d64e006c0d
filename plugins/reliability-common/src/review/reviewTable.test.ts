import {
  formatReviewChange,
  reviewChangeDirection,
  reviewFigureRows,
  reviewToCsv,
  reviewToMarkdown,
} from './reviewTable';
import { ReliabilityReview, ReviewFigures } from './types';

function figures(
  start: string,
  end: string,
  overrides: Partial<ReviewFigures['incidents']> = {},
): ReviewFigures {
  return {
    period: { kind: 'month', start, end },
    slos: {
      evaluated: 2,
      met: 1,
      missed: 1,
      unknown: 0,
      budgetConsumedMean: 0.5,
      budgetConsumedWorst: 1.2,
      tierChanges: 1,
      tierWorsened: 1,
    },
    incidents: {
      total: 3,
      bySeverity: [{ severity: 'SEV2', count: 3 }],
      mttdSeconds: 300,
      mttaSeconds: 600,
      mttrSeconds: 3900,
      mtbfSeconds: null,
      repeatRate: 0,
      ...overrides,
    },
    postmortems: { completed: 2, onTime: 1, due: 2, late: 1 },
    actionItems: {
      created: 4,
      closed: 2,
      overdueAtEnd: 1,
      thirtyDayCohort: 4,
      closedWithin30DaysRate: 0.75,
    },
    oncall: { pages: 2, pagesPerWeek: 0.5, offHoursPages: 1 },
  };
}

const review: ReliabilityReview = {
  componentCount: null,
  current: figures('2026-11-01', '2026-11-30', {
    total: 4,
    bySeverity: [
      { severity: 'SEV1', count: 1 },
      { severity: 'SEV2', count: 3 },
    ],
    mttrSeconds: 1800,
  }),
  previous: figures('2026-10-01', '2026-10-31'),
  trend: { step: 'day', points: [] },
  generatedAt: '2026-12-06T12:00:00.000Z',
};

describe('reviewFigureRows', () => {
  it('lists each severity of either period after the incident count, with the change and its direction', () => {
    const rows = reviewFigureRows(review);
    const byLabel = (label: string) => rows.find(r => r.label === label)!;
    expect(rows.map(r => r.label)).toEqual(
      expect.arrayContaining(['Incidents', 'SEV1 incidents', 'SEV2 incidents']),
    );
    expect(byLabel('SEV1 incidents')).toMatchObject({
      current: 1,
      previous: 0,
    });
    expect(formatReviewChange(byLabel('MTTR (mean time to resolve)'))).toBe(
      '-35 min',
    );
    expect(reviewChangeDirection(byLabel('MTTR (mean time to resolve)'))).toBe(
      'better',
    );
    expect(reviewChangeDirection(byLabel('Incidents'))).toBe('worse');
    expect(
      formatReviewChange(byLabel('MTBF (mean time between incidents)')),
    ).toBe('');
  });
});

describe('reviewToMarkdown', () => {
  it('writes one table per section, and a title cannot break out of its heading', () => {
    const markdown = reviewToMarkdown(review, 'Team | checkout\n# injected');
    expect(markdown).toContain('# Team \\| checkout # injected\n');
    expect(markdown).toContain('## Incidents');
    expect(markdown).toContain(
      '| MTTR (mean time to resolve) | 30 min | 1 h 5 min | -35 min |',
    );
    expect(markdown).toContain(
      '| Done within 30 days (target 90 %) | 75 % | 75 % | ±0 |',
    );
    expect(markdown.match(/^## /gm)).toHaveLength(5);
  });
});

describe('reviewToCsv', () => {
  it('writes raw numbers with their unit, one line per figure', () => {
    const lines = reviewToCsv(review).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'section,figure,unit,current (2026-11-01 – 2026-11-30),previous (2026-10-01 – 2026-10-31)',
    );
    expect(lines).toContain(
      'Incidents,MTTR (mean time to resolve),seconds,1800,3900',
    );
    expect(lines).toContain(
      'Incidents,MTBF (mean time between incidents),seconds,,',
    );
    expect(lines).toContain(
      'SLOs,Error budget consumed (worst SLO),fraction,1.2,1.2',
    );
    expect(lines).toHaveLength(reviewFigureRows(review).length + 1);
  });
});

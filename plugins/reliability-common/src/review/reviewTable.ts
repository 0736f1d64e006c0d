/**
 * A review as the rows people read and paste: one row per figure, this
 * period beside the previous one, in the same words on the page, in the
 * Markdown export and in the CSV export.
 */
import { csvText } from '../csvText';
import { formatDuration } from '../incidents/lifecycle';
import { ReliabilityReview, ReviewFigures } from './types';

/**
 * How a review figure is written.
 *
 * @public
 */
export type ReviewFigureFormat = 'count' | 'percent' | 'duration' | 'decimal';

/**
 * One figure of a review in both periods.
 *
 * @public
 */
export interface ReviewFigureRow {
  section: 'SLOs' | 'Incidents' | 'Postmortems' | 'Action items' | 'On-call';
  label: string;
  format: ReviewFigureFormat;
  current: number | null;
  previous: number | null;
  /** Which way is better; undefined where neither is. */
  better?: 'higher' | 'lower';
}

type Figure = Omit<ReviewFigureRow, 'current' | 'previous'> & {
  of: (figures: ReviewFigures) => number | null;
};

const share = (part: number, whole: number) => (whole ? part / whole : null);

const FIGURES: Figure[] = [
  {
    section: 'SLOs',
    label: 'SLOs evaluated',
    format: 'count',
    of: f => f.slos.evaluated,
  },
  {
    section: 'SLOs',
    label: 'SLOs met at period end',
    format: 'count',
    better: 'higher',
    of: f => f.slos.met,
  },
  {
    section: 'SLOs',
    label: 'SLOs missed at period end',
    format: 'count',
    better: 'lower',
    of: f => f.slos.missed,
  },
  {
    section: 'SLOs',
    label: 'SLOs without figures at period end',
    format: 'count',
    better: 'lower',
    of: f => f.slos.unknown,
  },
  {
    section: 'SLOs',
    label: 'Error budget consumed (mean)',
    format: 'percent',
    better: 'lower',
    of: f => f.slos.budgetConsumedMean,
  },
  {
    section: 'SLOs',
    label: 'Error budget consumed (worst SLO)',
    format: 'percent',
    better: 'lower',
    of: f => f.slos.budgetConsumedWorst,
  },
  {
    section: 'SLOs',
    label: 'Policy tier changes',
    format: 'count',
    of: f => f.slos.tierChanges,
  },
  {
    section: 'SLOs',
    label: 'Policy tier changes for the worse',
    format: 'count',
    better: 'lower',
    of: f => f.slos.tierWorsened,
  },
  {
    section: 'Incidents',
    label: 'Incidents',
    format: 'count',
    better: 'lower',
    of: f => f.incidents.total,
  },
  {
    section: 'Incidents',
    label: 'MTTD (mean time to detect)',
    format: 'duration',
    better: 'lower',
    of: f => f.incidents.mttdSeconds,
  },
  {
    section: 'Incidents',
    label: 'MTTA (mean time to acknowledge)',
    format: 'duration',
    better: 'lower',
    of: f => f.incidents.mttaSeconds,
  },
  {
    section: 'Incidents',
    label: 'MTTR (mean time to resolve)',
    format: 'duration',
    better: 'lower',
    of: f => f.incidents.mttrSeconds,
  },
  {
    section: 'Incidents',
    label: 'MTBF (mean time between incidents)',
    format: 'duration',
    better: 'higher',
    of: f => f.incidents.mtbfSeconds,
  },
  {
    section: 'Incidents',
    label: 'Repeat incidents',
    format: 'percent',
    better: 'lower',
    of: f => f.incidents.repeatRate,
  },
  {
    section: 'Postmortems',
    label: 'Postmortems published',
    format: 'count',
    of: f => f.postmortems.completed,
  },
  {
    section: 'Postmortems',
    label: 'Published on time',
    format: 'percent',
    better: 'higher',
    of: f => share(f.postmortems.onTime, f.postmortems.completed),
  },
  {
    section: 'Postmortems',
    label: 'Postmortems due',
    format: 'count',
    of: f => f.postmortems.due,
  },
  {
    section: 'Postmortems',
    label: 'Postmortems late',
    format: 'count',
    better: 'lower',
    of: f => f.postmortems.late,
  },
  {
    section: 'Action items',
    label: 'Action items created',
    format: 'count',
    of: f => f.actionItems.created,
  },
  {
    section: 'Action items',
    label: 'Action items done',
    format: 'count',
    better: 'higher',
    of: f => f.actionItems.closed,
  },
  {
    section: 'Action items',
    label: 'Overdue at period end',
    format: 'count',
    better: 'lower',
    of: f => f.actionItems.overdueAtEnd,
  },
  {
    section: 'Action items',
    label: 'Done within 30 days (target 90 %)',
    format: 'percent',
    better: 'higher',
    of: f => f.actionItems.closedWithin30DaysRate,
  },
  {
    section: 'On-call',
    label: 'Pages (incidents from alerts)',
    format: 'count',
    better: 'lower',
    of: f => f.oncall.pages,
  },
  {
    section: 'On-call',
    label: 'Pages per week',
    format: 'decimal',
    better: 'lower',
    of: f => f.oncall.pagesPerWeek,
  },
  {
    section: 'On-call',
    label: 'Pages outside working hours',
    format: 'count',
    better: 'lower',
    of: f => f.oncall.offHoursPages,
  },
];

/**
 * Every figure of a review as a row, this period beside the previous one.
 * Incidents by severity follow the incident count, one row per severity
 * that occurred in either period.
 *
 * @public
 */
export function reviewFigureRows(review: ReliabilityReview): ReviewFigureRow[] {
  const rows: ReviewFigureRow[] = [];
  for (const { of, ...figure } of FIGURES) {
    rows.push({
      ...figure,
      current: of(review.current),
      previous: of(review.previous),
    });
    if (figure.label === 'Incidents') {
      const severities = [
        ...new Set(
          [
            ...review.current.incidents.bySeverity,
            ...review.previous.incidents.bySeverity,
          ].map(c => c.severity),
        ),
      ];
      const countOf = (figures: ReviewFigures, severity: string) =>
        figures.incidents.bySeverity.find(c => c.severity === severity)
          ?.count ?? 0;
      for (const severity of severities) {
        rows.push({
          section: 'Incidents',
          label: `${severity} incidents`,
          format: 'count',
          better: 'lower',
          current: countOf(review.current, severity),
          previous: countOf(review.previous, severity),
        });
      }
    }
  }
  return rows;
}

/**
 * A figure as the review writes it; `–` for none.
 *
 * @public
 */
export function formatReviewFigure(
  value: number | null,
  format: ReviewFigureFormat,
): string {
  if (value === null) {
    return '–';
  }
  switch (format) {
    case 'percent':
      return `${Math.round(value * 1000) / 10} %`;
    case 'duration':
      return formatDuration(value);
    case 'decimal':
      return String(Math.round(value * 10) / 10);
    default:
      return String(value);
  }
}

/**
 * The change from the previous period, e.g. `+2`, `-12.5 pp`, `+1 h 5 min`;
 * empty when either side has no figure.
 *
 * @public
 */
export function formatReviewChange(row: ReviewFigureRow): string {
  if (row.current === null || row.previous === null) {
    return '';
  }
  const delta = row.current - row.previous;
  if (delta === 0) {
    return '±0';
  }
  const sign = delta > 0 ? '+' : '-';
  const size = Math.abs(delta);
  if (row.format === 'percent') {
    return `${sign}${Math.round(size * 1000) / 10} pp`;
  }
  return `${sign}${formatReviewFigure(size, row.format)}`;
}

/**
 * Whether a row's change is for the better, the worse, or neither.
 *
 * @public
 */
export function reviewChangeDirection(
  row: ReviewFigureRow,
): 'better' | 'worse' | 'same' {
  if (row.current === null || row.previous === null || !row.better) {
    return 'same';
  }
  const delta = row.current - row.previous;
  if (delta === 0) {
    return 'same';
  }
  return delta > 0 === (row.better === 'higher') ? 'better' : 'worse';
}

function periodLabel(review: ReliabilityReview, which: 'current' | 'previous') {
  const { start, end } = review[which].period;
  return `${start} – ${end}`;
}

/** Cell text for Markdown: no pipes or line breaks can leak in. */
function markdownCell(text: string): string {
  return text.replace(/[|\\]/g, c => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/**
 * The review as Markdown for meeting notes: a heading, then one table per
 * section with this period, the previous one and the change.
 *
 * @public
 */
export function reviewToMarkdown(
  review: ReliabilityReview,
  title: string,
): string {
  const rows = reviewFigureRows(review);
  const lines = [
    `# ${markdownCell(title)}`,
    '',
    `${periodLabel(review, 'current')}, compared with ${periodLabel(
      review,
      'previous',
    )}.`,
  ];
  for (const section of [...new Set(rows.map(row => row.section))]) {
    lines.push(
      '',
      `## ${section}`,
      '',
      `| Figure | ${periodLabel(review, 'current')} | ${periodLabel(
        review,
        'previous',
      )} | Change |`,
      '|---|---:|---:|---:|',
    );
    for (const row of rows.filter(r => r.section === section)) {
      lines.push(
        `| ${markdownCell(row.label)} | ${formatReviewFigure(
          row.current,
          row.format,
        )} | ${formatReviewFigure(
          row.previous,
          row.format,
        )} | ${formatReviewChange(row)} |`,
      );
    }
  }
  lines.push('', `Generated ${review.generatedAt}.`, '');
  return lines.join('\n');
}

/**
 * The review as CSV, one row per figure with raw numbers (seconds,
 * fractions), for spreadsheets.
 *
 * @public
 */
export function reviewToCsv(review: ReliabilityReview): string {
  const header = [
    'section',
    'figure',
    'unit',
    `current (${periodLabel(review, 'current')})`,
    `previous (${periodLabel(review, 'previous')})`,
  ];
  const unit: Record<ReviewFigureFormat, string> = {
    count: 'count',
    percent: 'fraction',
    duration: 'seconds',
    decimal: 'number',
  };
  const lines = [
    header,
    ...reviewFigureRows(review).map(row => [
      row.section,
      row.label,
      unit[row.format],
      row.current === null ? '' : String(row.current),
      row.previous === null ? '' : String(row.previous),
    ]),
  ];
  return csvText(lines);
}

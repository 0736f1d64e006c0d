import { readFileSync } from 'fs';
import { resolve } from 'path';
import { stringify } from 'yaml';
import { openSloProblemToString, parseOpenSlo } from './parseOpenSlo';
import { SloIndicator } from './types';

const examples = resolve(__dirname, '../../../../../examples/components');

function readExample(component: string): string {
  return readFileSync(resolve(examples, component, 'openslo.yaml'), 'utf8');
}

const prometheus = (query: string) => ({
  metricSource: { type: 'Prometheus', spec: { query } },
});

const sli = (name = 'requests-ok', ratioMetric: unknown = undefined) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLI',
  metadata: { name },
  spec: {
    ratioMetric: ratioMetric ?? {
      good: prometheus('sum(rate(ok[{{.window}}]))'),
      total: prometheus('sum(rate(all[{{.window}}]))'),
    },
  },
});

type Doc = Record<string, any>;

/** good or bad for a ratio SLI (which side it counts), else threshold. */
function indicatorKind(indicator: SloIndicator): string {
  if (indicator.threshold) {
    return 'threshold';
  }
  return indicator.ratio.good ? 'good' : 'bad';
}

const slo = (
  edit: (doc: Doc) => void = () => {},
  name = 'api-availability',
) => {
  const doc: Doc = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, displayName: 'API availability' },
    spec: {
      service: 'api',
      indicatorRef: 'requests-ok',
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Requests OK', target: 0.999 }],
    },
  };
  edit(doc);
  return doc;
};

const file = (...docs: unknown[]) =>
  docs.map(d => (typeof d === 'string' ? d : `---\n${stringify(d)}`)).join('');

describe('parseOpenSlo', () => {
  it.each([
    {
      component: 'catalog-search',
      expected: [
        {
          name: 'catalog-search-latency',
          service: 'catalog-search',
          targets: [0.99],
          timeWindow: { rolling: true, duration: '7d' },
          budgetingMethod: 'Occurrences',
          indicator: 'catalog-search-requests-under-300ms',
          ratio: 'good',
        },
      ],
    },
    {
      component: 'checkout',
      expected: [
        {
          name: 'checkout-availability',
          service: 'checkout',
          targets: [0.999],
          timeWindow: { rolling: true, duration: '28d' },
          budgetingMethod: 'Occurrences',
          indicator: 'checkout-non-5xx-requests',
          ratio: 'good',
        },
        {
          name: 'checkout-latency',
          service: 'checkout',
          targets: [0.99],
          timeWindow: { rolling: true, duration: '7d' },
          budgetingMethod: 'Timeslices',
          indicator: 'checkout-requests-under-500ms',
          ratio: 'good',
        },
        {
          name: 'checkout-latency-p95',
          service: 'checkout',
          targets: [0.99],
          timeWindow: { rolling: true, duration: '7d' },
          budgetingMethod: 'Timeslices',
          indicator: 'checkout-p95-latency',
          ratio: 'threshold',
        },
      ],
    },
    {
      component: 'ledger',
      expected: [
        {
          name: 'ledger-correctness',
          service: 'ledger',
          targets: [0.9999],
          timeWindow: { rolling: true, duration: '30d' },
          budgetingMethod: 'Occurrences',
          indicator: 'ledger-reconciliation-mismatches',
          ratio: 'bad',
        },
      ],
    },
    {
      component: 'payments-api',
      expected: [
        {
          name: 'payments-api-availability',
          service: 'payments-api',
          targets: [0.9995],
          timeWindow: { rolling: true, duration: '28d' },
          budgetingMethod: 'Occurrences',
          indicator: 'payments-api-server-errors',
          ratio: 'bad',
        },
        {
          name: 'payments-api-availability-monthly',
          service: 'payments-api',
          targets: [0.9995],
          timeWindow: {
            rolling: false,
            duration: '1M',
            timeZone: 'UTC',
            startTime: '2026-01-01 00:00:00',
          },
          budgetingMethod: 'Occurrences',
          indicator: 'payments-api-server-errors',
          ratio: 'bad',
        },
      ],
    },
  ])(
    'parses examples/components/$component/openslo.yaml',
    ({ component, expected }) => {
      const result = parseOpenSlo(readExample(component), 'openslo.yaml');
      expect(result.problems).toEqual([]);
      expect(
        result.slos.map(s => ({
          name: s.name,
          service: s.service,
          targets: s.objectives.map(o => o.target),
          timeWindow: s.timeWindow,
          budgetingMethod: s.budgetingMethod,
          indicator: s.indicator.name,
          ratio: indicatorKind(s.indicator),
        })),
      ).toEqual(expected);
      for (const s of result.slos) {
        expect(s.file).toBe('openslo.yaml');
        // The demo reads its counts from the built-in push source.
        const source = s.indicator.ratio?.total ?? s.indicator.threshold;
        expect(source?.type).toBe('push');
        expect(source?.spec).toEqual({});
      }
    },
  );

  it('normalizes a Timeslices objective and keeps document indexes', () => {
    const { slos } = parseOpenSlo(readExample('checkout'), 'checkout.yaml');
    expect(slos.map(s => s.documentIndex)).toEqual([3, 4, 5]);
    expect(slos[1]).toMatchObject({
      displayName: 'Checkout latency',
      objectives: [
        {
          displayName: '5-minute slices with p95 under 500 ms',
          target: 0.99,
          timeSliceTarget: 0.95,
          timeSliceWindowSeconds: 300,
        },
      ],
    });
    expect(slos[0].objectives[0]).toEqual({
      displayName: 'Requests without a 5xx',
      target: 0.999,
      timeSliceTarget: null,
      timeSliceWindowSeconds: null,
      threshold: null,
    });
    // "p95 < 500 ms" as the procedures write it.
    expect(slos[2].objectives[0]).toEqual({
      displayName: '5-minute slices with p95 under 500 ms',
      target: 0.99,
      timeSliceTarget: 1,
      timeSliceWindowSeconds: 300,
      threshold: { op: 'lt', value: 0.5 },
    });
    expect(slos[2].indicator.threshold).toEqual({ type: 'push', spec: {} });
  });

  it.each([
    {
      name: 'targetPercent as a percentage',
      edit: (d: Doc) => {
        d.spec.objectives = [{ displayName: 'ok', targetPercent: 99.5 }];
      },
      targets: [0.995],
    },
    {
      name: 'several objectives and a calendar week in Europe/Berlin',
      edit: (d: Doc) => {
        d.spec.timeWindow = [
          {
            duration: '1w',
            isRolling: false,
            calendar: {
              startTime: '2026-01-05 00:00:00',
              timeZone: 'Europe/Berlin',
            },
          },
        ];
        d.spec.objectives = [
          { displayName: 'a', target: 0.99 },
          { displayName: 'b', target: 0.999 },
        ];
      },
      targets: [0.99, 0.999],
    },
    {
      name: 'an inline indicator',
      edit: (d: Doc) => {
        delete d.spec.indicatorRef;
        d.spec.indicator = {
          metadata: { name: 'inline' },
          spec: {
            ratioMetric: {
              counter: true,
              bad: prometheus('b'),
              total: prometheus('t'),
            },
          },
        };
      },
      targets: [0.999],
    },
  ])('accepts $name', ({ edit, targets }) => {
    const result = parseOpenSlo(file(sli(), slo(edit)), 'f.yaml');
    expect(result.problems).toEqual([]);
    expect(result.slos.map(s => s.objectives.map(o => o.target))).toEqual([
      targets,
    ]);
  });

  it('ignores other OpenSLO kinds without problems', () => {
    const result = parseOpenSlo(
      file(
        {
          apiVersion: 'openslo/v1',
          kind: 'Service',
          metadata: { name: 'api' },
          spec: {},
        },
        {
          apiVersion: 'openslo/v1',
          kind: 'AlertPolicy',
          metadata: { name: 'p' },
          spec: {},
        },
        {
          apiVersion: 'openslo/v1',
          kind: 'DataSource',
          metadata: { name: 'd' },
          spec: {},
        },
        sli(),
        slo(),
        '---\n',
      ),
      'f.yaml',
    );
    expect(result.problems).toEqual([]);
    expect(result.slos.map(s => s.name)).toEqual(['api-availability']);
  });

  it.each([
    {
      case: 'wrong kind',
      text: file(
        sli(),
        slo(d => (d.kind = 'ServiceLevelObjective')),
      ),
      documentIndex: 1,
      field: 'kind',
      words: ['unknown kind "ServiceLevelObjective"', 'expected SLO or SLI'],
    },
    {
      case: 'kind in the wrong case',
      text: file(
        sli(),
        slo(d => (d.kind = 'slo')),
      ),
      documentIndex: 1,
      field: 'kind',
      words: ['did you mean SLO?'],
    },
    {
      case: 'wrong apiVersion',
      text: file(
        sli(),
        slo(d => (d.apiVersion = 'v1')),
      ),
      documentIndex: 1,
      field: 'apiVersion',
      words: ['not an OpenSLO v1 object', 'openslo/v1', '"v1"'],
    },
    {
      case: 'missing apiVersion',
      text: file(
        sli(),
        slo(d => delete d.apiVersion),
      ),
      documentIndex: 1,
      field: 'apiVersion',
      words: ['missing', 'not an OpenSLO object'],
    },
    {
      case: 'target of 1',
      text: file(
        sli(),
        slo(d => (d.spec.objectives[0].target = 1)),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].target',
      words: ['must be below 1 (100 %), got 1'],
    },
    {
      case: 'target given as a percentage',
      text: file(
        sli(),
        slo(d => (d.spec.objectives[0].target = 99.9)),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].target',
      words: ['must be below 1', 'got 99.9', 'targetPercent'],
    },
    {
      case: 'target of 0',
      text: file(
        sli(),
        slo(d => (d.spec.objectives[0].target = 0)),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].target',
      words: ['must be above 0'],
    },
    {
      case: 'targetPercent of 100',
      text: file(
        sli(),
        slo(
          d => (d.spec.objectives = [{ displayName: 'x', targetPercent: 100 }]),
        ),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].targetPercent',
      words: ['must be below 100', 'got 100'],
    },
    {
      case: 'objective without target',
      text: file(
        sli(),
        slo(d => (d.spec.objectives = [{ displayName: 'x' }])),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].target',
      words: ['missing', 'targetPercent'],
    },
    {
      case: 'ratioMetric without total',
      text: file(sli('requests-ok', { good: prometheus('g') })),
      documentIndex: 0,
      field: 'spec.ratioMetric.total',
      words: ['missing', 'total'],
    },
    {
      case: 'ratioMetric without good or bad',
      text: file(sli('requests-ok', { total: prometheus('t') })),
      documentIndex: 0,
      field: 'spec.ratioMetric.good',
      words: ['missing', 'good (or bad)'],
    },
    {
      case: 'inline indicator without total',
      text: file(
        slo(d => {
          delete d.spec.indicatorRef;
          d.spec.indicator = {
            metadata: { name: 'x' },
            spec: { ratioMetric: { bad: prometheus('b') } },
          };
        }),
      ),
      documentIndex: 0,
      field: 'spec.indicator.spec.ratioMetric.total',
      words: ['missing', 'total'],
    },
    {
      case: 'metric source without type',
      text: file(
        sli('requests-ok', {
          good: prometheus('g'),
          total: { metricSource: { spec: {} } },
        }),
      ),
      documentIndex: 0,
      field: 'spec.ratioMetric.total.metricSource.type',
      words: ['missing'],
    },
    {
      case: 'unknown indicatorRef',
      text: file(
        sli('requests-ok'),
        sli('latency-ok'),
        slo(d => (d.spec.indicatorRef = 'request-ok')),
      ),
      documentIndex: 2,
      field: 'spec.indicatorRef',
      words: ['unknown SLI "request-ok"', '"requests-ok", "latency-ok"'],
    },
    {
      case: 'indicatorRef in a file without SLIs',
      text: file(slo()),
      documentIndex: 0,
      field: 'spec.indicatorRef',
      words: ['unknown SLI "requests-ok"', 'defines no SLI'],
    },
    {
      case: 'missing objectives',
      text: file(
        sli(),
        slo(d => delete d.spec.objectives),
      ),
      documentIndex: 1,
      field: 'spec.objectives',
      words: ['missing', 'at least one objective'],
    },
    {
      case: 'empty objectives',
      text: file(
        sli(),
        slo(d => (d.spec.objectives = [])),
      ),
      documentIndex: 1,
      field: 'spec.objectives',
      words: ['non-empty list'],
    },
    {
      case: 'invalid duration',
      text: file(
        sli(),
        slo(d => (d.spec.timeWindow[0].duration = '28days')),
      ),
      documentIndex: 1,
      field: 'spec.timeWindow[0].duration',
      words: ['Invalid OpenSLO duration "28days"'],
    },
    {
      case: 'Timeslices without timeSliceTarget',
      text: file(
        sli(),
        slo(d => {
          d.spec.budgetingMethod = 'Timeslices';
          d.spec.objectives[0].timeSliceWindow = '5m';
        }),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].timeSliceTarget',
      words: ['missing', 'Timeslices', 'timeSliceTarget'],
    },
    {
      case: 'Timeslices without timeSliceWindow',
      text: file(
        sli(),
        slo(d => {
          d.spec.budgetingMethod = 'Timeslices';
          d.spec.objectives[0].timeSliceTarget = 0.95;
        }),
      ),
      documentIndex: 1,
      field: 'spec.objectives[0].timeSliceWindow',
      words: ['missing', 'timeSliceWindow'],
    },
    {
      case: 'unknown budgetingMethod',
      text: file(
        sli(),
        slo(d => (d.spec.budgetingMethod = 'RatioTimeslices')),
      ),
      documentIndex: 1,
      field: 'spec.budgetingMethod',
      words: ['Occurrences or Timeslices', 'RatioTimeslices'],
    },
    {
      case: 'calendar window without timeZone',
      text: file(
        sli(),
        slo(
          d =>
            (d.spec.timeWindow = [
              {
                duration: '1M',
                isRolling: false,
                calendar: { startTime: '2026-01-01 00:00:00' },
              },
            ]),
        ),
      ),
      documentIndex: 1,
      field: 'spec.timeWindow[0].calendar.timeZone',
      words: ['missing', 'time zone'],
    },
    {
      case: 'calendar window with an unknown zone',
      text: file(
        sli(),
        slo(
          d =>
            (d.spec.timeWindow = [
              {
                duration: '1M',
                isRolling: false,
                calendar: {
                  startTime: '2026-01-01 00:00:00',
                  timeZone: 'Europe/Atlantis',
                },
              },
            ]),
        ),
      ),
      documentIndex: 1,
      field: 'spec.timeWindow[0].calendar.timeZone',
      words: ['Unknown time zone "Europe/Atlantis"'],
    },
    {
      case: 'calendar window without calendar',
      text: file(
        sli(),
        slo(d => (d.spec.timeWindow = [{ duration: '1M', isRolling: false }])),
      ),
      documentIndex: 1,
      field: 'spec.timeWindow[0].calendar',
      words: ['missing', 'startTime, timeZone'],
    },
    {
      case: 'calendar window of 28d',
      text: file(
        sli(),
        slo(
          d =>
            (d.spec.timeWindow = [
              {
                duration: '28d',
                isRolling: false,
                calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
              },
            ]),
        ),
      ),
      documentIndex: 1,
      field: 'spec.timeWindow[0].duration',
      words: ['not supported', '1M'],
    },
    {
      case: 'missing service',
      text: file(
        sli(),
        slo(d => delete d.spec.service),
      ),
      documentIndex: 1,
      field: 'spec.service',
      words: ['missing'],
    },
    {
      case: 'duplicate SLO name',
      text: file(sli(), slo(), slo()),
      documentIndex: 2,
      field: 'metadata.name',
      words: ['duplicate SLO name "api-availability"', 'document 2'],
    },
  ])('$case → $field', ({ text, documentIndex, field, words }) => {
    const result = parseOpenSlo(text, 'openslo.yaml');
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({
      file: 'openslo.yaml',
      documentIndex,
      field,
    });
    expect(problem.line).toEqual(expect.any(Number));
    for (const word of words) {
      expect(problem.message).toContain(word);
    }
  });

  it.each([
    {
      case: 'unclosed flow sequence',
      text: 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: [a\nspec: {}\n',
      line: 5,
    },
    {
      case: 'duplicate key',
      text: 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\n  name: b\n',
      line: 5,
    },
  ])('reports a YAML syntax error with its line ($case)', ({ text, line }) => {
    const result = parseOpenSlo(text, 'openslo.yaml');
    expect(result.slos).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0]).toMatchObject({ field: 'yaml', line });
    expect(result.problems[0].message).toContain('YAML syntax error');
  });

  it('keeps valid SLOs of a file whose other documents are broken', () => {
    const text = file(
      sli(),
      slo(d => (d.spec.objectives[0].target = 1), 'broken'),
      '---\nfoo: [bar\n',
      slo(undefined, 'good-one'),
    );
    const result = parseOpenSlo(text, 'openslo.yaml');
    expect(result.slos.map(s => [s.name, s.documentIndex])).toEqual([
      ['good-one', 3],
    ]);
    expect(result.problems.map(p => [p.documentIndex, p.field])).toEqual([
      [1, 'spec.objectives[0].target'],
      [2, 'yaml'],
    ]);
  });

  it('reports an SLO whose referenced SLI is invalid, not only the SLI', () => {
    const result = parseOpenSlo(
      file(sli('requests-ok', { good: prometheus('g') }), slo()),
      'f',
    );
    expect(result.slos).toEqual([]);
    expect(result.problems.map(p => [p.documentIndex, p.field])).toEqual([
      [0, 'spec.ratioMetric.total'],
      [1, 'spec.indicatorRef'],
    ]);
    expect(result.problems[1].message).toContain(
      'SLI "requests-ok" (document 1) is invalid',
    );
  });

  it('reports documents that are not OpenSLO objects', () => {
    const result = parseOpenSlo('---\n- a\n- b\n---\njust text\n', 'f.yaml');
    expect(result.problems.map(p => [p.documentIndex, p.field])).toEqual([
      [0, ''],
      [1, ''],
    ]);
    expect(result.problems[0].message).toContain('not an OpenSLO object');
  });

  it.each([[''], ['# only a comment\n'], [undefined as unknown as string]])(
    'never throws (%j)',
    text => {
      expect(() => parseOpenSlo(text, 'f')).not.toThrow();
      expect(parseOpenSlo(text, 'f').slos).toEqual([]);
    },
  );

  it('formats a problem with file, document, line and field', () => {
    const text = file(
      sli(),
      slo(d => (d.spec.objectives[0].target = 1)),
    );
    const [problem] = parseOpenSlo(text, 'openslo.yaml').problems;
    const lines = text.split('\n');
    expect(lines[problem.line! - 1]).toContain('target: 1');
    expect(openSloProblemToString(problem)).toBe(
      `openslo.yaml, document 2 (line ${problem.line}), spec.objectives[0].target: must be below 1 (100 %), got 1`,
    );
    expect(
      openSloProblemToString({
        file: 'x.yaml',
        documentIndex: null,
        field: 'yaml',
        message: 'm',
      }),
    ).toBe('x.yaml, yaml: m');
  });
});

describe('parseOpenSlo with threshold SLIs', () => {
  const p95 = (name = 'p95-latency') => ({
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name },
    spec: {
      thresholdMetric: prometheus(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[{{.window}}])))',
      ),
    },
  });
  const latencySlo = (edit: (doc: Doc) => void = () => {}) =>
    slo(d => {
      d.spec.indicatorRef = 'p95-latency';
      d.spec.budgetingMethod = 'Timeslices';
      d.spec.objectives = [
        {
          displayName: 'p95 under 500 ms',
          op: 'lt',
          value: 0.5,
          target: 0.99,
          timeSliceWindow: '5m',
        },
      ];
      edit(d);
    }, 'api-latency');

  it.each(['lt', 'lte', 'gt', 'gte'])('accepts op %s', op => {
    const result = parseOpenSlo(
      file(
        p95(),
        latencySlo(d => (d.spec.objectives[0].op = op)),
      ),
      'f.yaml',
    );
    expect(result.problems).toEqual([]);
    expect(result.slos[0].objectives[0].threshold).toEqual({ op, value: 0.5 });
    expect(result.slos[0].indicator.threshold?.type).toBe('Prometheus');
  });

  it('accepts Occurrences (each data point an occurrence) and timeSliceTarget 1', () => {
    const result = parseOpenSlo(
      file(
        p95(),
        latencySlo(d => {
          d.spec.budgetingMethod = 'Occurrences';
          delete d.spec.objectives[0].timeSliceWindow;
        }),
        latencySlo(d => {
          d.metadata.name = 'with-slice-target';
          d.spec.objectives[0].timeSliceTarget = 1;
        }),
      ),
      'f.yaml',
    );
    expect(result.problems).toEqual([]);
    expect(result.slos.map(s => s.objectives[0].timeSliceTarget)).toEqual([
      null,
      1,
    ]);
  });

  it.each([
    {
      case: 'an unknown op',
      text: file(
        p95(),
        latencySlo(d => (d.spec.objectives[0].op = 'eq')),
      ),
      field: 'spec.objectives[0].op',
      words: ['must be one of lt, lte, gt, gte', '"eq"'],
      lineHas: 'op: eq',
    },
    {
      case: 'a threshold without value',
      text: file(
        p95(),
        latencySlo(d => delete d.spec.objectives[0].value),
      ),
      field: 'spec.objectives[0].value',
      words: ['missing', 'thresholdMetric SLI needs value'],
      lineHas: 'displayName: p95 under 500 ms',
    },
    {
      case: 'a value that is not a number',
      text: file(
        p95(),
        latencySlo(d => (d.spec.objectives[0].value = '500ms')),
      ),
      field: 'spec.objectives[0].value',
      words: ['must be a number', '"500ms"'],
      lineHas: 'value: 500ms',
    },
    {
      case: 'a threshold SLI with a ratio objective',
      text: file(
        p95(),
        latencySlo(d => {
          d.spec.objectives = [
            {
              displayName: 'ratio',
              target: 0.99,
              timeSliceTarget: 0.95,
              timeSliceWindow: '5m',
            },
          ];
        }),
      ),
      field: 'spec.objectives[0].op',
      words: ['missing', 'thresholdMetric SLI needs op'],
      lineHas: 'displayName: ratio',
    },
    {
      case: 'a threshold objective on a ratio SLI',
      text: file(
        sli(),
        slo(d => {
          d.spec.objectives[0].op = 'lt';
          d.spec.objectives[0].value = 0.5;
        }),
      ),
      field: 'spec.objectives[0].op',
      words: ['belong to a thresholdMetric SLI', 'ratioMetric'],
      lineHas: 'op: lt',
    },
    {
      case: 'a timeSliceTarget share with a threshold',
      text: file(
        p95(),
        latencySlo(d => (d.spec.objectives[0].timeSliceTarget = 0.95)),
      ),
      field: 'spec.objectives[0].timeSliceTarget',
      words: ['leave timeSliceTarget out', '0.95'],
      lineHas: 'timeSliceTarget: 0.95',
    },
    {
      case: 'both ratioMetric and thresholdMetric',
      text: file(
        {
          ...p95(),
          spec: { ...p95().spec, ratioMetric: sli().spec.ratioMetric },
        },
        latencySlo(),
      ),
      field: 'spec.thresholdMetric',
      words: ['either ratioMetric or thresholdMetric'],
      lineHas: 'metricSource:',
      documentIndex: 0,
    },
    {
      case: 'a thresholdMetric without metricSource',
      text: file(
        { ...p95(), spec: { thresholdMetric: { query: 'x' } } },
        latencySlo(),
      ),
      field: 'spec.thresholdMetric.metricSource',
      words: ['missing'],
      lineHas: 'query: x',
      documentIndex: 0,
    },
  ])(
    'reports $case with file, document, line and field',
    ({ text, field, words, lineHas, documentIndex = 1 }) => {
      const result = parseOpenSlo(text, 'openslo.yaml');
      expect(result.slos).toEqual([]);
      const problem = result.problems.find(
        p => p.documentIndex === documentIndex,
      );
      expect(problem).toMatchObject({ file: 'openslo.yaml', field });
      expect(problem!.line).toEqual(expect.any(Number));
      const lines = text.split('\n');
      // The line is the field's own (or its key's) line in the file.
      expect(lines[problem!.line! - 1]).toContain(lineHas);
      for (const word of words) {
        expect(problem!.message).toContain(word);
      }
    },
  );
});

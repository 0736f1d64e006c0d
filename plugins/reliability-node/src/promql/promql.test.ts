import { checkExpression, promDuration, queryText, windowExpr } from './promql';

describe('promDuration', () => {
  it.each([
    [300, '5m'],
    [1800, '30m'],
    [3600, '1h'],
    [21600, '6h'],
    [259200, '3d'],
    [2419200, '28d'],
    [90, '90s'],
    [5400, '90m'],
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(promDuration(seconds)).toBe(text);
  });

  it('refuses a length that is not whole seconds', () => {
    expect(() => promDuration(1.5)).toThrow(
      'window length must be a whole number of seconds > 0, got 1.5',
    );
  });
});

describe('queries and windows', () => {
  it.each([
    ['sum(increase(a_total[{{.window}}]))', 'sum(sum(increase(a_total[1h])))'],
    [
      'sum(increase(a_total[{{ .window }}])) - sum(increase(b_total[{{.window}}]))',
      'sum(sum(increase(a_total[1h])) - sum(increase(b_total[1h])))',
    ],
    ['a_total', 'sum(increase(a_total[1h]))'],
    [
      'a_total{code=~"5..", job="api"}',
      'sum(increase(a_total{code=~"5..", job="api"}[1h]))',
    ],
    ['{__name__="a_total"}', 'sum(increase({__name__="a_total"}[1h]))'],
  ])('reads %p for a 1h window as %p', (query, expr) => {
    expect(windowExpr(queryText({ query }, 'good'), 3600)).toBe(expr);
  });

  it.each([
    [
      { query: 'sum(rate(a_total[5m]))' },
      'the good query (spec.query) has no {{.window}} placeholder',
    ],
    [{ query: '  ' }, 'the good metricSource.spec has no PromQL'],
    [{ promql: 42 }, 'the good metricSource.spec has no PromQL'],
    [undefined, 'the good metricSource.spec has no PromQL'],
  ])('refuses %p', (spec, message) => {
    expect(() => queryText(spec as Record<string, unknown>, 'good')).toThrow(
      message,
    );
  });

  it.each([
    [
      'sum(a)), "__rh_key", "0", "", "") or label_replace(vector(1',
      'the ) at character 7 closes no bracket',
    ],
    [
      'sum(a[{{.window}}]), vector(1)',
      'the comma at character 20 is outside all brackets',
    ],
    [
      'sum(a{x="1"]) [{{.window}}]',
      'the ] at character 12 does not close the { at character 6',
    ],
    ['sum(rate(a[{{.window}}])', 'the ( at character 4 is never closed'],
    ['sum(a{x="[{{.window}}]})', 'the string at character 9 is never closed'],
    [
      "sum(a{x='1\n'}[{{.window}}])",
      'the string at character 9 is never closed',
    ],
    ['sum(a{x=`(`}[{{.window}}]) )', 'the ) at character 28 closes no bracket'],
  ])(
    'refuses %p, which is not one expression, without quoting it',
    (query, problem) => {
      const read = () => queryText({ query }, 'good');
      expect(read).toThrow(
        `the good query (spec.query) is not one PromQL expression: ${problem}`,
      );
      expect(read).not.toThrow(query);
    },
  );

  it.each([
    [
      'sum(increase(a{x=")]}"}[{{.window}}]))',
      'sum(increase(a{x=")]}"}[{{.window}}]))',
    ],
    [
      "sum(increase(a{x='\\'', y=`\\`}[{{ .window }}]))",
      "sum(increase(a{x='\\'', y=`\\`}[{{ .window }}]))",
    ],
    // A comment is left out, so it cannot hide what follows the query.
    [
      'sum(a[{{.window}}]) # ), "__rh_key", "0", "", "")',
      'sum(a[{{.window}}])',
    ],
    [
      'sum(increase(a[{{.window}}])) # counts, (all of them\n',
      'sum(increase(a[{{.window}}]))',
    ],
    [
      'sum(increase(a{x="#"}[{{.window}}:1m]))',
      'sum(increase(a{x="#"}[{{.window}}:1m]))',
    ],
    ['a{x="1", y=~"a|b"}', 'a{x="1", y=~"a|b"}'],
  ])('reads %p as one expression', (query, text) => {
    expect(queryText({ query }, 'good')).toBe(text);
  });

  it('refuses a query longer than 20000 characters', () => {
    expect(() =>
      queryText(
        { promql: `sum(a[{{.window}}])${' '.repeat(20_000)}` },
        'total',
      ),
    ).toThrow('the total query (spec.promql) is longer than 20000 characters');
  });

  it('reads a long query in linear time', () => {
    const started = Date.now();
    expect('problem' in checkExpression('('.repeat(10_000))).toBe(true);
    expect('text' in checkExpression(`"${'\\"'.repeat(10_000)}"`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

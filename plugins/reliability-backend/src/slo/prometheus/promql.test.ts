import { batchExpr, promDuration, queryText, windowExpr } from './promql';

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
      'the good query has no {{.window}} placeholder',
    ],
    [{ query: '  ' }, 'the good metricSource.spec has no PromQL'],
    [{ promql: 42 }, 'the good metricSource.spec has no PromQL'],
    [undefined, 'the good metricSource.spec has no PromQL'],
  ])('refuses %p', (spec, message) => {
    expect(() => queryText(spec as Record<string, unknown>, 'good')).toThrow(
      message,
    );
  });

  it('labels every branch of a batch with its index, in a balanced tree of or', () => {
    expect(batchExpr(['sum(a)', 'sum(b)'])).toBe(
      'label_replace(sum(a), "__rh_key", "0", "", "") or label_replace(sum(b), "__rh_key", "1", "", "")',
    );
    const branch = (name: string, index: number) =>
      `label_replace(${name}, "__rh_key", "${index}", "", "")`;
    expect(batchExpr(['a', 'b', 'c', 'd', 'e'])).toBe(
      `((${branch('a', 0)} or ${branch('b', 1)}) or ${branch('c', 2)}) or ` +
        `(${branch('d', 3)} or ${branch('e', 4)})`,
    );
  });
});

import {
  describeThreshold,
  isSloThresholdOp,
  meetsThreshold,
  thresholdSign,
} from './threshold';

describe('meetsThreshold', () => {
  it.each([
    [0.499, 'lt', 0.5, true],
    [0.5, 'lt', 0.5, false],
    [0.5, 'lte', 0.5, true],
    [0.501, 'lte', 0.5, false],
    [0.5, 'gt', 0.5, false],
    [0.501, 'gt', 0.5, true],
    [0.5, 'gte', 0.5, true],
    [0.499, 'gte', 0.5, false],
    [Infinity, 'lt', 0.5, false],
    [NaN, 'lt', 0.5, false],
    [NaN, 'gte', 0.5, false],
  ] as const)('%p %s %p → %p', (measured, op, value, expected) => {
    expect(meetsThreshold(measured, { op, value })).toBe(expected);
  });
});

describe('threshold operators', () => {
  it('knows the four OpenSLO operators only', () => {
    expect(['lt', 'lte', 'gt', 'gte'].every(isSloThresholdOp)).toBe(true);
    expect(isSloThresholdOp('eq')).toBe(false);
    expect(isSloThresholdOp('LT')).toBe(false);
    expect(isSloThresholdOp(undefined)).toBe(false);
  });

  it('writes them as PromQL signs and in words', () => {
    expect(thresholdSign('lt')).toBe('<');
    expect(thresholdSign('lte')).toBe('<=');
    expect(thresholdSign('gt')).toBe('>');
    expect(thresholdSign('gte')).toBe('>=');
    expect(describeThreshold({ op: 'lt', value: 0.5 })).toBe('< 0.5');
    expect(describeThreshold({ op: 'gte', value: 99 })).toBe('≥ 99');
  });
});

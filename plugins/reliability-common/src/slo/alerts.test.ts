import {
  BurnRates,
  burnRateAlertRules,
  burnRateFactor,
  evaluateBurnRateAlerts,
} from './alerts';

const DAY = 24 * 60 * 60;
const RULES_30D = burnRateAlertRules(30 * DAY);

describe('burnRateAlertRules', () => {
  it.each([
    [30, [14.4, 6, 3, 1]],
    [28, [13.44, 5.6, 2.8, 28 / 30]],
    [7, [3.36, 1.4, 0.7, 7 / 30]],
  ])('scales the workbook factors to a %p-day period', (days, factors) => {
    const rules = burnRateAlertRules(days * DAY);
    expect(rules.map(r => r.name)).toEqual([
      'page-1h',
      'page-6h',
      'ticket-1d',
      'ticket-3d',
    ]);
    rules.forEach((rule, i) => expect(rule.factor).toBeCloseTo(factors[i], 9));
  });

  it('gives the workbook factors exactly, not approximately, for 30 days', () => {
    expect(RULES_30D.map(r => r.factor)).toEqual([14.4, 6, 3, 1]);
  });

  it('accepts a custom policy', () => {
    expect(
      burnRateAlertRules(30 * DAY, [
        {
          name: 'page-fast',
          severity: 'page',
          longWindow: '1h',
          shortWindow: '5m',
          budgetShare: 0.05,
        },
      ]),
    ).toEqual([
      {
        name: 'page-fast',
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        factor: 36,
      },
    ]);
  });

  it.each([
    [0, 30 * DAY, 3600],
    [1.5, 30 * DAY, 3600],
    [0.02, 0, 3600],
    [0.02, 30 * DAY, -1],
  ])('burnRateFactor rejects share %p, period %p, window %p', (s, p, l) => {
    expect(() => burnRateFactor(s, p, l)).toThrow(RangeError);
  });
});

// Burn rates that fire nothing: every window just below the lowest factor.
const calm: BurnRates = {
  '5m': 0.5,
  '30m': 0.5,
  '1h': 0.5,
  '2h': 0.5,
  '6h': 0.5,
  '1d': 0.5,
  '3d': 0.5,
};

describe('evaluateBurnRateAlerts (30-day period)', () => {
  it.each<[string, BurnRates, string, string | null]>([
    ['all calm', calm, 'ok', null],
    // page-1h: 1h ≥ 14.4 AND 5m ≥ 14.4
    ['page-1h on its boundary', { '1h': 14.4, '5m': 14.4 }, 'page', 'page-1h'],
    ['page-1h, 1h just below', { '1h': 14.399999, '5m': 20 }, 'ok', null],
    ['page-1h, 5m just below', { '1h': 20, '5m': 14.399999 }, 'ok', null],
    // page-6h: 6h ≥ 6 AND 30m ≥ 6
    ['page-6h on its boundary', { '6h': 6, '30m': 6 }, 'page', 'page-6h'],
    ['page-6h, 6h just below', { '6h': 5.999999, '30m': 6 }, 'ok', null],
    ['page-6h, 30m just below', { '6h': 6, '30m': 5.999999 }, 'ok', null],
    // ticket-1d: 1d ≥ 3 AND 2h ≥ 3
    ['ticket-1d on its boundary', { '1d': 3, '2h': 3 }, 'ticket', 'ticket-1d'],
    ['ticket-1d, 1d just below', { '1d': 2.999999, '2h': 3 }, 'ok', null],
    ['ticket-1d, 2h just below', { '1d': 3, '2h': 2.999999 }, 'ok', null],
    // ticket-3d: 3d ≥ 1 AND 6h ≥ 1
    ['ticket-3d on its boundary', { '3d': 1, '6h': 1 }, 'ticket', 'ticket-3d'],
    ['ticket-3d, 3d just below', { '3d': 0.999999, '6h': 1 }, 'ok', null],
    ['ticket-3d, 6h just below', { '3d': 1, '6h': 0.999999 }, 'ok', null],
    // precedence and missing data
    [
      'page wins over ticket',
      { '1h': 15, '5m': 15, '1d': 4, '2h': 4 },
      'page',
      'page-1h',
    ],
    [
      'ticket when a page rule is only half met',
      { '1h': 15, '5m': 1, '1d': 4, '2h': 4 },
      'ticket',
      'ticket-1d',
    ],
    ['short window missing', { '1h': 100 }, 'ok', null],
    ['short window null (no traffic)', { '1h': 100, '5m': null }, 'ok', null],
    ['high burn in short window only', { '5m': 100, '1h': 2 }, 'ok', null],
  ])('%s → %s', (_, rates, state, ruleName) => {
    const result = evaluateBurnRateAlerts(rates, RULES_30D);
    expect(result.state).toBe(state);
    expect(result.rule?.name ?? null).toBe(ruleName);
  });

  it('lists every firing rule', () => {
    const result = evaluateBurnRateAlerts(
      { '5m': 20, '30m': 20, '1h': 20, '2h': 20, '6h': 20, '1d': 20, '3d': 20 },
      RULES_30D,
    );
    expect(result.firing.map(r => r.name)).toEqual([
      'page-1h',
      'page-6h',
      'ticket-1d',
      'ticket-3d',
    ]);
  });
});

describe('evaluateBurnRateAlerts (28-day period)', () => {
  const rules28 = burnRateAlertRules(28 * DAY);

  it.each<[string, BurnRates, string, string | null]>([
    [
      'page-1h on its boundary',
      { '1h': 13.44, '5m': 13.44 },
      'page',
      'page-1h',
    ],
    ['page-1h just below', { '1h': 13.439999, '5m': 13.44 }, 'ok', null],
    ['page-6h on its boundary', { '6h': 5.6, '30m': 5.6 }, 'page', 'page-6h'],
    ['page-6h just below', { '6h': 5.599999, '30m': 5.6 }, 'ok', null],
    [
      'ticket-1d on its boundary',
      { '1d': 2.8, '2h': 2.8 },
      'ticket',
      'ticket-1d',
    ],
    ['ticket-1d just below', { '1d': 2.8, '2h': 2.799999 }, 'ok', null],
    [
      'ticket-3d at 28/30',
      { '3d': 28 / 30, '6h': 28 / 30 },
      'ticket',
      'ticket-3d',
    ],
    ['ticket-3d just below', { '3d': 0.933332, '6h': 1 }, 'ok', null],
    [
      'ticket-3d: 1× fires in 28 d where 30 d needs it exactly',
      { '3d': 0.95, '6h': 0.95 },
      'ticket',
      'ticket-3d',
    ],
  ])('%s → %s', (_, rates, state, ruleName) => {
    const result = evaluateBurnRateAlerts(rates, rules28);
    expect(result.state).toBe(state);
    expect(result.rule?.name ?? null).toBe(ruleName);
  });

  it('0.95× does not fire the 30-day ticket-3d rule', () => {
    expect(
      evaluateBurnRateAlerts({ '3d': 0.95, '6h': 0.95 }, RULES_30D).state,
    ).toBe('ok');
  });
});

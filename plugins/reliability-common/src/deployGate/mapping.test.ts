import { ErrorBudgetPolicyTier } from '../slo/policy';
import {
  deployRecoveryThreshold,
  deployVerdictFor,
  formatConsumedPercent,
  worseVerdict,
} from './mapping';

describe('deployVerdictFor', () => {
  it.each`
    consumed | standard                     | critical
    ${0}     | ${'allowed'}                 | ${'allowed'}
    ${0.249} | ${'allowed'}                 | ${'allowed'}
    ${0.25}  | ${'allowed'}                 | ${'allowed'}
    ${0.499} | ${'allowed'}                 | ${'allowed'}
    ${0.5}   | ${'allowed-with-conditions'} | ${'allowed-with-conditions'}
    ${0.749} | ${'allowed-with-conditions'} | ${'allowed-with-conditions'}
    ${0.75}  | ${'blocked'}                 | ${'allowed-with-conditions'}
    ${0.849} | ${'blocked'}                 | ${'allowed-with-conditions'}
    ${0.85}  | ${'blocked'}                 | ${'blocked'}
    ${0.999} | ${'blocked'}                 | ${'blocked'}
    ${1}     | ${'blocked'}                 | ${'blocked'}
    ${2.5}   | ${'blocked'}                 | ${'blocked'}
  `(
    'at $consumed consumed: standard $standard, critical $critical',
    ({ consumed, standard, critical }) => {
      expect(deployVerdictFor(consumed, 'standard')).toBe(standard);
      expect(deployVerdictFor(consumed, 'critical')).toBe(critical);
    },
  );

  it('allows when there are no figures to judge', () => {
    expect(deployVerdictFor(null, 'standard')).toBe('allowed');
  });

  it('follows rules configured for a tier, keeping the defaults of the rest', () => {
    const rules = {
      'Deployment slowdown': { standard: 'blocked' as const },
      'Full deployment freeze': {
        critical: 'allowed-with-conditions' as const,
      },
    };
    expect(deployVerdictFor(0.6, 'standard', { rules })).toBe('blocked');
    expect(deployVerdictFor(0.6, 'critical', { rules })).toBe(
      'allowed-with-conditions',
    );
    expect(deployVerdictFor(0.9, 'critical', { rules })).toBe(
      'allowed-with-conditions',
    );
    expect(deployVerdictFor(1, 'critical', { rules })).toBe('blocked');
  });

  it('gates the tiers of a custom policy by where they start', () => {
    const tiers: ErrorBudgetPolicyTier[] = [
      { minConsumed: 0, maxConsumed: 0.8, name: 'Fine', action: 'Ship.' },
      { minConsumed: 0.8, maxConsumed: 0.9, name: 'Careful', action: 'Fix.' },
      { minConsumed: 0.9, name: 'Stop', action: 'Stop.' },
    ];
    expect(deployVerdictFor(0.79, 'standard', { tiers })).toBe('allowed');
    expect(deployVerdictFor(0.8, 'standard', { tiers })).toBe('blocked');
    expect(deployVerdictFor(0.8, 'critical', { tiers })).toBe(
      'allowed-with-conditions',
    );
    expect(deployVerdictFor(0.9, 'critical', { tiers })).toBe('blocked');
  });
});

describe('worseVerdict', () => {
  it('prefers blocked over conditions over allowed', () => {
    expect(worseVerdict('allowed', 'blocked')).toBe('blocked');
    expect(worseVerdict('allowed-with-conditions', 'allowed')).toBe(
      'allowed-with-conditions',
    );
    expect(worseVerdict('blocked', 'allowed-with-conditions')).toBe('blocked');
  });
});

describe('deployRecoveryThreshold', () => {
  it.each`
    consumed | change        | below
    ${0.3}   | ${'standard'} | ${undefined}
    ${0.5}   | ${'standard'} | ${0.5}
    ${0.8}   | ${'standard'} | ${0.75}
    ${0.9}   | ${'standard'} | ${0.75}
    ${1.2}   | ${'standard'} | ${0.75}
    ${0.8}   | ${'critical'} | ${0.5}
    ${0.85}  | ${'critical'} | ${0.85}
    ${1}     | ${'critical'} | ${0.85}
  `(
    '$change at $consumed improves below $below',
    ({ consumed, change, below }) => {
      expect(deployRecoveryThreshold(consumed, change)).toBe(below);
    },
  );
});

describe('formatConsumedPercent', () => {
  it.each`
    fraction  | maxConsumed  | text
    ${0.5996} | ${0.75}      | ${'60 %'}
    ${0.746}  | ${0.75}      | ${'74 %'}
    ${0.75}   | ${0.85}      | ${'75 %'}
    ${0.8}    | ${0.85}      | ${'80 %'}
    ${1.304}  | ${undefined} | ${'130 %'}
  `('shows $fraction as $text', ({ fraction, maxConsumed, text }) => {
    expect(formatConsumedPercent(fraction, { maxConsumed })).toBe(text);
  });
});

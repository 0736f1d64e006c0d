import {
  DeployVerdict,
  DeployVerdictName,
  EntityDeployVerdicts,
  formatConsumedPercent,
} from '@reliability-hub/plugin-reliability-common';

const RANK: Record<DeployVerdictName, number> = {
  allowed: 0,
  'allowed-with-conditions': 1,
  blocked: 2,
};

const LABEL: Record<DeployVerdictName, string> = {
  allowed: 'allowed',
  'allowed-with-conditions': 'allowed with conditions',
  blocked: 'blocked',
};

/** "12 Dec" in the reader's time zone. */
function day(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone,
  });
}

/**
 * The deploy verdicts of an entity in plain words, as the SLO card and tab
 * lead with them.
 *
 * @internal
 */
export interface DeployVerdictText {
  /** The worse of the two verdicts, for the colour. */
  worst: DeployVerdictName;
  /** "Feature deploys blocked: Checkout availability has used 80 % of its budget (…)." */
  headline: string;
  /** Further sentences: what else may go out, the exceptions in force, recovery. */
  details: string[];
  /** The verdict whose approvers may grant exceptions, when one is needed. */
  gated?: DeployVerdict;
}

/**
 * Words for an entity's deploy verdicts: one headline naming what may not
 * go out and the SLO and tier that decided it, then what else may, the
 * exceptions in force and when the budget is expected back.
 *
 * @internal
 */
export function deployVerdictText(
  verdicts: EntityDeployVerdicts,
  options: { timeZone?: string } = {},
): DeployVerdictText {
  const { standard, critical } = verdicts;
  const worst =
    RANK[critical.verdict] > RANK[standard.verdict]
      ? critical.verdict
      : standard.verdict;
  const decided = standard.slos.length ? standard : critical;
  const slo = decided.slos[0];
  const cause = slo
    ? `: ${slo.displayName || slo.sloName} has used ${formatConsumedPercent(
        slo.consumedFraction,
        slo.tier,
      )} of its budget (${slo.tier.name}).`
    : '';
  const headline =
    standard.verdict === critical.verdict
      ? `Deploys ${LABEL[standard.verdict]}${cause || '.'}`
      : `Feature deploys ${LABEL[standard.verdict]}${cause || '.'}`;
  const details: string[] = [];
  if (standard.verdict !== critical.verdict) {
    details.push(
      {
        allowed: 'Bug fixes and security patches may go out.',
        'allowed-with-conditions':
          'Bug fixes and security patches may go out with conditions.',
        blocked: 'Bug fixes and security patches are blocked too.',
      }[critical.verdict],
    );
  }
  if (worst !== 'allowed' && slo) {
    details.push(slo.tier.action);
  }
  for (const exception of [...standard.exceptions, ...critical.exceptions]) {
    details.push(
      `${exception.change === 'standard' ? 'Features' : 'Fixes'} approved by ${
        exception.grantedByName ?? exception.grantedBy
      } until ${day(exception.until, options.timeZone)}: ${exception.reason}`,
    );
  }
  if (decided.recoveryBelow !== null) {
    details.push(
      decided.recoveryAt
        ? `Budget back below ${formatConsumedPercent(
            decided.recoveryBelow,
          )} around ${day(
            decided.recoveryAt,
            options.timeZone,
          )} at the current burn.`
        : `Budget not back below ${formatConsumedPercent(
            decided.recoveryBelow,
          )}: not at the current burn.`,
    );
  }
  const gated = [standard, critical].find(v => v.approvers.length > 0);
  return { worst, headline, details, gated };
}

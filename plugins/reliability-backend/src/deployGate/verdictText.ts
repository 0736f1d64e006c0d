import {
  DeployChangeClass,
  DeployException,
  DeployGateSlo,
  DeployVerdictName,
  formatConsumedPercent,
} from '@reliability-hub/plugin-reliability-common';

/** What a change class is called in a verdict. */
export const CHANGE_LABELS: Record<DeployChangeClass, string> = {
  standard: 'Feature deploys',
  critical: 'Bug fixes, security patches and reliability work',
};

const VERDICT_LABELS: Record<DeployVerdictName, string> = {
  allowed: 'allowed',
  'allowed-with-conditions': 'allowed with conditions',
  blocked: 'blocked',
};

/** An instant as people read it in a log: `2026-12-12 09:30 UTC`. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function sloCause(slos: DeployGateSlo[]): string {
  const [first, ...rest] = slos;
  const others = rest.length
    ? ` (and ${rest.length} more SLO${rest.length > 1 ? 's' : ''})`
    : '';
  return `${first.sloName} has used ${formatConsumedPercent(
    first.consumedFraction,
    first.tier,
  )} of its error budget${others} (${first.tier.name})`;
}

/**
 * The verdict in plain words: what may go out, the SLO and tier that
 * decided it, what the tier asks, and when the budget comes back.
 */
export function verdictReason(options: {
  change: DeployChangeClass;
  verdict: DeployVerdictName;
  /** The verdict before exceptions. */
  gateVerdict: DeployVerdictName;
  slos: DeployGateSlo[];
  exception?: DeployException;
  recovery?: { below: number; at: string | null };
}): string {
  const { change, verdict, gateVerdict, slos, exception, recovery } = options;
  const label = CHANGE_LABELS[change];
  if (!slos.length) {
    return `${label} allowed: no SLO has used enough of its error budget to hold them back.`;
  }
  const cause = `${sloCause(slos)}. ${slos[0].tier.action}`;
  let back = '';
  if (recovery?.at) {
    back = ` The budget is expected back below ${formatConsumedPercent(
      recovery.below,
    )} around ${utcMinute(recovery.at)} at the current burn.`;
  } else if (recovery) {
    back = ` The budget does not come back below ${formatConsumedPercent(
      recovery.below,
    )}: not at the current burn.`;
  }
  if (exception) {
    return `${label} ${VERDICT_LABELS[verdict]}: approved by ${
      exception.grantedByName ?? exception.grantedBy
    } until ${utcMinute(exception.until)}: ${
      exception.reason
    }. Without the exception they are ${
      VERDICT_LABELS[gateVerdict]
    }: ${cause}${back}`;
  }
  return `${label} ${VERDICT_LABELS[verdict]}: ${cause}${back}`;
}

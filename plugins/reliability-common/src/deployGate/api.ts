import { ErrorBudgetPolicyTier } from '../slo/policy';

/**
 * The kinds of change a deploy pipeline asks about: `standard` is a feature
 * release; `critical` a bug fix, security patch or reliability work, which
 * the error-budget policy lets out in more tiers.
 *
 * @public
 */
export const DEPLOY_CHANGE_CLASSES = ['standard', 'critical'] as const;

/**
 * A kind of change, see {@link DEPLOY_CHANGE_CLASSES}.
 *
 * @public
 */
export type DeployChangeClass = (typeof DEPLOY_CHANGE_CLASSES)[number];

/**
 * What the deploy gate answers, best to worst.
 *
 * @public
 */
export const DEPLOY_VERDICTS = [
  'allowed',
  'allowed-with-conditions',
  'blocked',
] as const;

/**
 * The deploy gate's answer, see {@link DEPLOY_VERDICTS}.
 *
 * @public
 */
export type DeployVerdictName = (typeof DEPLOY_VERDICTS)[number];

/**
 * One person who may grant an exception, resolved from the catalog.
 *
 * @public
 */
export interface DeployApprover {
  /** User entity ref. */
  userRef: string;
  /** `spec.profile.displayName`, else the user's name. */
  displayName: string;
  /** Why they may, e.g. "team lead of Team Checkout" or "member of SRE". */
  role: string;
}

/**
 * An exception to the deploy gate: someone named as approver let a change
 * class of one entity out until a time, for a reason.
 *
 * @public
 */
export interface DeployException {
  id: string;
  entityRef: string;
  change: DeployChangeClass;
  /** ISO instant the exception ends. */
  until: string;
  reason: string;
  /** User ref of who granted it. */
  grantedBy: string;
  /** Display name of who granted it, when the catalog knows them. */
  grantedByName?: string;
  /** ISO instant it was granted. */
  createdAt: string;
}

/**
 * An SLO whose tier decided the verdict.
 *
 * @public
 */
export interface DeployGateSlo {
  /** The SLO objective's id, as in `SloStatus.id`. */
  id: string;
  /** `metadata.name` of the SLO document, e.g. `checkout-availability`. */
  sloName: string;
  displayName: string;
  consumedFraction: number;
  tier: ErrorBudgetPolicyTier & { index: number };
  /** The verdict this SLO alone gives the change class. */
  verdict: DeployVerdictName;
}

/**
 * An incident of the entity in the SLO window, the likely spender of the
 * budget.
 *
 * @public
 */
export interface DeployGateIncident {
  id: string;
  humanId?: string | null;
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  resolvedAt: string | null;
}

/**
 * `GET /deploy-gate?entityRef=&change=`: may this entity deploy a change of
 * this class now, and why.
 *
 * @public
 */
export interface DeployVerdict {
  entityRef: string;
  change: DeployChangeClass;
  verdict: DeployVerdictName;
  /** The answer in plain words, cause included. */
  reason: string;
  /** The worst tier among the entity's SLOs; null without SLO figures. */
  tier: (ErrorBudgetPolicyTier & { index: number }) | null;
  /** The SLOs that decided it (those in the worst tier), most consumed first. */
  slos: DeployGateSlo[];
  /** Incidents of the entity overlapping the deciding SLOs' window, most severe first. */
  incidents: DeployGateIncident[];
  /**
   * When the budget is expected back below the consumption at which the
   * verdict improves, at the current burn; null when the verdict is already
   * `allowed` or it never comes back at this burn (see `recoveryNote`).
   */
  recoveryAt: string | null;
  /** The budget consumption the verdict improves below (0.75 = 75 %). */
  recoveryBelow: number | null;
  /** "not at the current burn" when the budget does not come back at this burn. */
  recoveryNote?: string;
  /** Who may grant an exception in this tier; empty when nobody is needed. */
  approvers: DeployApprover[];
  /** Exceptions for this entity and change class in force now. */
  exceptions: DeployException[];
}

/**
 * The deploy verdicts of an entity for every change class, as the entity
 * summary carries them for the SLO card.
 *
 * @public
 */
export type EntityDeployVerdicts = Record<DeployChangeClass, DeployVerdict>;

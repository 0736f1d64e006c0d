/**
 * Whether a severity asks for a postmortem after resolution.
 *
 * @public
 */
export type PostmortemRequirement = 'required' | 'optional' | 'none';

/**
 * What a severity level asks of the people running an incident: how soon it
 * is acknowledged, how often its status is updated, when it escalates, how
 * soon it should be mitigated, and its postmortem. Every duration is in
 * seconds; null means the level sets no such target.
 *
 * @public
 */
export interface SeverityPolicy {
  /** From detection (or the start) to acknowledgement. */
  acknowledgeWithinSeconds: number | null;
  /** Between status updates while the incident is open. */
  updateEverySeconds: number | null;
  /** Without acknowledgement, how long each escalation level is given. */
  escalateAfterSeconds: number | null;
  /** From the start to mitigation. */
  mitigateWithinSeconds: number | null;
  postmortem: PostmortemRequirement;
  /** From resolution to the published postmortem. */
  postmortemDueWithinSeconds: number | null;
  /** Who hears about it, e.g. `executives and all customers`. */
  audience: string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A policy that sets no targets: the policy of a severity the configuration
 * does not describe.
 *
 * @public
 */
export const NO_SEVERITY_POLICY: SeverityPolicy = {
  acknowledgeWithinSeconds: null,
  updateEverySeconds: null,
  escalateAfterSeconds: null,
  mitigateWithinSeconds: null,
  postmortem: 'none',
  postmortemDueWithinSeconds: null,
  audience: '',
};

/**
 * The policies of the default severity levels, from the incident procedures:
 * SEV1 acknowledged in 5 minutes, updates every 15, postmortem within 48 hours;
 * SEV2 30 minutes, 30, 5 days; SEV3 4 hours, 2 hours, postmortem optional;
 * SEV4 acknowledged within a day (the next business day), updates as needed.
 *
 * @public
 */
export const DEFAULT_SEVERITY_POLICIES: Record<string, SeverityPolicy> = {
  SEV1: {
    acknowledgeWithinSeconds: 5 * MINUTE,
    updateEverySeconds: 15 * MINUTE,
    escalateAfterSeconds: 5 * MINUTE,
    mitigateWithinSeconds: 1 * HOUR,
    postmortem: 'required',
    postmortemDueWithinSeconds: 2 * DAY,
    audience:
      'executives, all affected customers and the whole engineering organisation',
  },
  SEV2: {
    acknowledgeWithinSeconds: 30 * MINUTE,
    updateEverySeconds: 30 * MINUTE,
    escalateAfterSeconds: 30 * MINUTE,
    mitigateWithinSeconds: 4 * HOUR,
    postmortem: 'required',
    postmortemDueWithinSeconds: 5 * DAY,
    audience: 'engineering leadership and affected customers',
  },
  SEV3: {
    acknowledgeWithinSeconds: 4 * HOUR,
    updateEverySeconds: 2 * HOUR,
    escalateAfterSeconds: null,
    mitigateWithinSeconds: null,
    postmortem: 'optional',
    postmortemDueWithinSeconds: null,
    audience: 'the owning team',
  },
  SEV4: {
    acknowledgeWithinSeconds: 1 * DAY,
    updateEverySeconds: null,
    escalateAfterSeconds: null,
    mitigateWithinSeconds: null,
    postmortem: 'none',
    postmortemDueWithinSeconds: null,
    audience: 'the owning team',
  },
};

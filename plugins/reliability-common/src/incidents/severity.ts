import { DEFAULT_SEVERITY_POLICIES, SeverityPolicy } from './policy';

/**
 * A severity level of incidents.
 *
 * @public
 */
export interface SeverityLevel {
  /** Stored value, e.g. `SEV1`. */
  id: string;
  /** Short name shown beside the id. */
  name: string;
  description: string;
  /** What the level asks of the responders; no targets when absent. */
  policy?: SeverityPolicy;
}

/**
 * The default severity levels, most severe first.
 *
 * @public
 */
export const DEFAULT_SEVERITY_LEVELS: SeverityLevel[] = [
  {
    id: 'SEV1',
    name: 'Critical',
    description:
      'Customer-facing outage or data loss; all hands, executive updates.',
    policy: DEFAULT_SEVERITY_POLICIES.SEV1,
  },
  {
    id: 'SEV2',
    name: 'Major',
    description:
      'Major degradation for many customers or a core feature down; page the on-call.',
    policy: DEFAULT_SEVERITY_POLICIES.SEV2,
  },
  {
    id: 'SEV3',
    name: 'Minor',
    description:
      'Partial degradation with a workaround, or an internal system impaired.',
    policy: DEFAULT_SEVERITY_POLICIES.SEV3,
  },
  {
    id: 'SEV4',
    name: 'Low',
    description: 'Little or no customer impact; handled in working hours.',
    policy: DEFAULT_SEVERITY_POLICIES.SEV4,
  },
];

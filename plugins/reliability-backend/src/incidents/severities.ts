import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_SEVERITY_LEVELS,
  DEFAULT_SEVERITY_POLICIES,
  NO_SEVERITY_POLICY,
  PostmortemRequirement,
  SeverityLevel,
  SeverityPolicy,
} from '@reliability-hub/plugin-reliability-common';
import { readDuration } from '../config/readDuration';

const KEY = 'reliability.incidents.severities';

const DURATION_KEYS = {
  acknowledgeWithin: 'acknowledgeWithinSeconds',
  updateEvery: 'updateEverySeconds',
  escalateAfter: 'escalateAfterSeconds',
  mitigateWithin: 'mitigateWithinSeconds',
  postmortemDueWithin: 'postmortemDueWithinSeconds',
} as const;

const POSTMORTEM_REQUIREMENTS: PostmortemRequirement[] = [
  'required',
  'optional',
  'none',
];

/** A policy duration: `none` switches the target off. */
function readPolicyDuration(
  level: Config,
  path: string,
  key: string,
  fallback: number | null,
): number | null {
  if (!level.has(key)) {
    return fallback;
  }
  if (level.getOptional(key) === 'none') {
    return null;
  }
  try {
    return (
      durationToMilliseconds(readDuration(level, key, { seconds: 1 })) / 1000
    );
  } catch (error) {
    throw new InputError(
      `${(error as Error).message.replace(
        `at ${key}:`,
        `at ${path}.${key}:`,
      )} (or "none" for no target)`,
    );
  }
}

function readPolicy(level: Config, path: string, id: string): SeverityPolicy {
  const defaults = DEFAULT_SEVERITY_POLICIES[id] ?? NO_SEVERITY_POLICY;
  const policy: SeverityPolicy = { ...defaults };
  for (const [key, field] of Object.entries(DURATION_KEYS)) {
    policy[field] = readPolicyDuration(level, path, key, defaults[field]);
  }
  if (level.has('postmortem')) {
    const postmortem = level.getOptional('postmortem');
    if (!POSTMORTEM_REQUIREMENTS.includes(postmortem as any)) {
      throw new InputError(
        `Invalid value at ${path}.postmortem: ${JSON.stringify(
          postmortem,
        )}; expected one of ${POSTMORTEM_REQUIREMENTS.join(', ')}`,
      );
    }
    policy.postmortem = postmortem as PostmortemRequirement;
  }
  if (
    policy.postmortem === 'required' &&
    policy.postmortemDueWithinSeconds === null
  ) {
    throw new InputError(
      `Missing value at ${path}.postmortemDueWithin: a required postmortem needs a due time`,
    );
  }
  policy.audience = level.getOptionalString('audience') ?? defaults.audience;
  return policy;
}

/**
 * The severity levels from `reliability.incidents.severities` with their
 * policies, or the defaults. A level's policy starts from the default policy
 * of its id (none for other ids) and takes what the configuration sets.
 *
 * @throws InputError naming the key of a bad setting, so that the backend
 *   stops at start rather than running wrong clocks
 * @internal
 */
export function readSeverityLevels(config: Config): SeverityLevel[] {
  const configured = config.getOptionalConfigArray(KEY);
  if (!configured?.length) {
    return DEFAULT_SEVERITY_LEVELS;
  }
  const seen = new Set<string>();
  return configured.map((level, index) => {
    const path = `${KEY}[${index}]`;
    const id = level.getString('id');
    if (seen.has(id)) {
      throw new InputError(`Duplicate severity at ${path}.id: ${id}`);
    }
    seen.add(id);
    return {
      id,
      name: level.getString('name'),
      description: level.getOptionalString('description') ?? '',
      policy: readPolicy(level, path, id),
    };
  });
}

import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError, stringifyError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/**
 * A duration setting, read as Backstage reads every duration of its config
 * (`readDurationFromConfig`): a string such as `10m`, `90s` or `2 hours`, an
 * ISO 8601 duration such as `PT10M`, or an object such as `{ minutes: 10 }`;
 * `fallback` when the key is not set. Zero is refused too: every duration of
 * the plugin is an interval or a timeout, and zero would spin or give up at
 * once.
 *
 * @throws InputError naming the key, so that a bad setting stops the backend
 *   at start rather than later
 * @internal
 */
export function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config.has(key)) {
    return fallback;
  }
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new InputError(
      `Invalid duration at ${key}: ${JSON.stringify(
        config.get(key),
      )}; ${stringifyError(error)}`,
    );
  }
  if (!(durationToMilliseconds(duration) > 0)) {
    throw new InputError(
      `Invalid duration at ${key}: ${JSON.stringify(
        config.get(key),
      )}; it must be longer than zero`,
    );
  }
  return duration;
}

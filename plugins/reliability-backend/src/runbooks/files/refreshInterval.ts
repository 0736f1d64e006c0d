import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** The default of `reliability.runbooks.refreshInterval`. */
const DEFAULT_MINUTES = 10;

const UNIT_MINUTES: Record<string, number> = {
  s: 1 / 60,
  m: 1,
  h: 60,
  d: 24 * 60,
};

/**
 * `reliability.runbooks.refreshInterval` in minutes: a duration object
 * (`{ minutes: 10 }`, as Backstage's schedules take), or a string such as
 * `10m`, `1h`, `90s` or ISO 8601 `PT10M`. Ten minutes when not set.
 *
 * @throws InputError naming the key when the value is not a duration
 * @internal
 */
export function readRunbookRefreshMinutes(config: RootConfigService): number {
  const key = 'reliability.runbooks.refreshInterval';
  if (!config.has(key)) {
    return DEFAULT_MINUTES;
  }
  const value = config.getOptional(key);
  let minutes = NaN;
  if (typeof value === 'string') {
    const short = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(value);
    const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(
      value.trim(),
    );
    if (short) {
      minutes = Number(short[1]) * UNIT_MINUTES[short[2].toLowerCase()];
    } else if (iso && value.trim().length > 1) {
      const [, d, h, m, s] = iso.map(part => Number(part ?? 0));
      minutes = d * 24 * 60 + h * 60 + m + s / 60;
    }
  } else if (value && typeof value === 'object') {
    const obj = config.getConfig(key);
    minutes =
      (obj.getOptionalNumber('days') ?? 0) * 24 * 60 +
      (obj.getOptionalNumber('hours') ?? 0) * 60 +
      (obj.getOptionalNumber('minutes') ?? 0) +
      (obj.getOptionalNumber('seconds') ?? 0) / 60;
  }
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new InputError(
      `${key} must be a duration such as "10m", "PT10M" or { minutes: 10 }, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return minutes;
}

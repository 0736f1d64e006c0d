/**
 * Reading `reliability.slo.prometheus` from the app config.
 */
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * One Prometheus the SLI source may query (`reliability.slo.prometheus.instances[]`).
 *
 * @public
 */
export interface PrometheusInstance {
  /** The name OpenSLO files use in `metricSource.spec.instance`. */
  name: string;
  /** Base URL without the `/api/v1` part, e.g. `http://prometheus:9090`. */
  baseUrl: string;
  /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir or Cortex. */
  headers: Record<string, string>;
  /** How long one HTTP request may take, in milliseconds. */
  timeoutMs: number;
  /** The most (query, window) pairs put into one PromQL request. */
  batchSize: number;
  /** The most requests in flight at once against this instance. */
  concurrency: number;
  /** Evaluation instants are rounded down to a multiple of this, in milliseconds. */
  alignMs: number;
}

/** @internal */
export const PROMETHEUS_DEFAULTS = {
  timeoutMs: 30_000,
  batchSize: 100,
  concurrency: 4,
  alignMs: 60_000,
} as const;

/**
 * A duration setting in milliseconds: a number of seconds, or a duration as
 * Backstage reads them (`readDurationFromConfig`): `"30s"`, `"500ms"`,
 * `"PT2M"` or `{ seconds: 30 }`.
 */
function readDurationMs(
  config: Config,
  key: string,
  fallback: number,
  at: string,
): number {
  if (!config.has(key)) {
    return fallback;
  }
  const value = config.get(key);
  let ms = NaN;
  try {
    ms =
      typeof value === 'number'
        ? value * 1000
        : durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch {
    // Answered below with the key as the whole config names it.
  }
  if (!(Number.isFinite(ms) && ms > 0)) {
    throw new Error(
      `Invalid duration at ${at}.${key}: ${JSON.stringify(
        value,
      )}; use seconds or a duration such as "30s", "500ms" or { seconds: 30 }`,
    );
  }
  return ms;
}

function readPositiveInt(
  config: Config,
  key: string,
  fallback: number,
  at: string,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid ${at}.${key}: expected a whole number ≥ 1, got ${value}`,
    );
  }
  return value;
}

/**
 * The configured Prometheus instances, in config order; empty when
 * `reliability.slo.prometheus` is absent.
 *
 * @throws Error naming the key of an invalid or duplicate setting.
 * @internal
 */
export function readPrometheusInstances(config: Config): PrometheusInstance[] {
  const base = 'reliability.slo.prometheus.instances';
  const list = config.getOptionalConfigArray(base) ?? [];
  const seen = new Set<string>();
  return list.map((item, index) => {
    const at = `${base}[${index}]`;
    const name = item.getOptionalString('name') ?? 'default';
    if (seen.has(name)) {
      throw new Error(
        `Duplicate Prometheus instance name '${name}' at ${at}.name`,
      );
    }
    seen.add(name);
    const baseUrl = item.getString('baseUrl').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(baseUrl)) {
      throw new Error(
        `Invalid ${at}.baseUrl ${JSON.stringify(
          baseUrl,
        )}: expected an http(s) URL`,
      );
    }
    const headers: Record<string, string> = {};
    const headerConfig = item.getOptionalConfig('headers');
    for (const key of headerConfig?.keys() ?? []) {
      headers[key] = headerConfig!.getString(key);
    }
    const bearerToken = item.getOptionalString('bearerToken');
    if (bearerToken) {
      headers.Authorization = `Bearer ${bearerToken}`;
    }
    return {
      name,
      baseUrl,
      headers,
      timeoutMs: readDurationMs(
        item,
        'timeout',
        PROMETHEUS_DEFAULTS.timeoutMs,
        at,
      ),
      batchSize: readPositiveInt(
        item,
        'batchSize',
        PROMETHEUS_DEFAULTS.batchSize,
        at,
      ),
      concurrency: readPositiveInt(
        item,
        'concurrency',
        PROMETHEUS_DEFAULTS.concurrency,
        at,
      ),
      alignMs: readDurationMs(
        item,
        'alignment',
        PROMETHEUS_DEFAULTS.alignMs,
        at,
      ),
    };
  });
}

/**
 * Reading `reliability.slo.prometheus` from the app config.
 */
import { RootConfigService } from '@backstage/backend-plugin-api';

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

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A duration from config: a number of seconds or a string such as `500ms`,
 * `30s`, `2m`.
 */
function readDurationMs(
  config: RootConfigService,
  key: string,
  fallback: number,
  at: string,
): number {
  if (!config.has(key)) {
    return fallback;
  }
  const value = config.get(key);
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return value * 1000;
  }
  const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  if (match && Number(match[1]) > 0) {
    return Number(match[1]) * UNIT_MS[match[2]];
  }
  throw new Error(
    `Invalid duration at ${at}.${key}: ${JSON.stringify(
      value,
    )}; use seconds or a string such as "30s", "500ms", "2m"`,
  );
}

function readPositiveInt(
  config: RootConfigService,
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
export function readPrometheusInstances(
  config: RootConfigService,
): PrometheusInstance[] {
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

// HTTP helpers for the reliability suite: sign-in, timed requests, percentiles.
// Node's built-in fetch only: its default pool has no per-origin connection limit.

/**
 * Signs in through the portal's guest provider (Lena Hoffmann, owner of checkout)
 * and answers the Backstage token.
 */
export async function signIn(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * Calls the reliability API; never throws. Answers
 * `{ status, body, ms, error }` where status 0 means no response (refused, reset, timeout).
 */
export async function call(api, token, method, path, body, timeoutMs = 30_000) {
  const started = performance.now();
  try {
    const res = await fetch(`${api}${path}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return {
      status: res.status,
      body: parsed,
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      status: 0,
      error: String(error?.cause?.code ?? error?.name ?? error),
      ms: performance.now() - started,
    };
  }
}

/** The p-th percentile (0..100) of a list of numbers, by nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[rank];
}

/** Collects latencies and status counts per endpoint label. */
export class Stats {
  constructor() {
    this.byEndpoint = new Map();
    this.noResponse = 0;
    this.unavailableCount = 0;
  }
  add(label, result) {
    let entry = this.byEndpoint.get(label);
    if (!entry) {
      entry = { ms: [], statuses: {} };
      this.byEndpoint.set(label, entry);
    }
    entry.ms.push(result.ms);
    if (result.status === 0) this.noResponse++;
    if (result.status === 503) this.unavailableCount++;
    const key =
      result.status === 0
        ? `no-response:${result.error}`
        : String(result.status);
    entry.statuses[key] = (entry.statuses[key] ?? 0) + 1;
  }
  summary() {
    const endpoints = {};
    let requests = 0;
    let serverErrors = 0;
    let unavailable = 0;
    for (const [label, { ms, statuses }] of this.byEndpoint) {
      const count = ms.length;
      const fiveXx = Object.entries(statuses)
        .filter(([s]) => /^5\d\d$/.test(s))
        .reduce((n, [, c]) => n + c, 0);
      requests += count;
      serverErrors += fiveXx;
      unavailable += statuses['503'] ?? 0;
      endpoints[label] = {
        count,
        p50: Math.round(percentile(ms, 50)),
        p99: Math.round(percentile(ms, 99)),
        statuses,
      };
    }
    return { requests, serverErrors, unavailable, endpoints };
  }
}

/** Parses `--name value` and `--flag` arguments. */
export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) {
      args[key] = true;
    } else {
      args[key] = next;
      i++;
    }
  }
  return args;
}

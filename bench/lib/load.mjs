// Load generation and its figures, shared by the HTTP benchmarks: autocannon
// with N connections kept busy for the whole duration (latency includes
// queueing behind the other connections), latencies from every 2xx response
// (not autocannon's whole-millisecond histogram).
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const autocannon = createRequire(path.join(ROOT, 'package.json'))('autocannon');

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** One autocannon run against `url` as the holder of `token`. */
export async function load(url, token, seconds, connections) {
  const latencies = [];
  const from = Date.now();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  return {
    latencies,
    from,
    to: Date.now(),
    seconds,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes: result.throughput.total,
  };
}

/** Merges the rounds of one endpoint. */
export function aggregate(runs) {
  const latencies = runs.flatMap(r => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  return {
    requests,
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    rps: latencies.length / seconds,
    bytesPerRequest: runs.reduce((a, r) => a + r.bytes, 0) / (requests || 1),
  };
}

/**
 * The event-loop delay over `runs` (their `from`–`to` windows) from the
 * backend's samples (`BackendProcess.eventLoopSamples`): p50, p99 and max in
 * ms, or `{ blocked: true }` without samples.
 */
export function loopDelayOver(samples, runs) {
  if (!samples) return { blocked: true };
  const delays = samples
    .filter(([at]) => runs.some(r => at >= r.from && at <= r.to))
    .map(([, delay]) => delay)
    .sort((a, b) => a - b);
  const ms = v => (Number.isNaN(v) ? '?' : v.toFixed(1));
  return {
    p50: ms(percentile(delays, 50)),
    p99: ms(percentile(delays, 99)),
    max: ms(delays.length ? delays[delays.length - 1] : NaN),
    samples: delays.length,
  };
}

/** Prints rows of cells as an aligned text table; columns from `align` ('l' or 'r'). */
export function printTable(log, header, body, align) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map(b => String(b[i]).length)),
  );
  const line = cells =>
    cells
      .map((c, i) =>
        align[i] === 'l'
          ? String(c).padEnd(widths[i])
          : String(c).padStart(widths[i]),
      )
      .join('  ');
  log(line(header));
  log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const b of body) log(line(b));
}

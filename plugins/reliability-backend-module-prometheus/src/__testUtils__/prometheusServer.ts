import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertBinariesInstalled, freePort, sleep } from './systemBinaries';

/** Debian's Prometheus. */
export const PROMETHEUS = '/usr/bin/prometheus';
/** Debian's promtool, from the same package. */
export const PROMTOOL = '/usr/bin/promtool';

const run = promisify(execFile);

/**
 * A real Prometheus on a free port of 127.0.0.1 (or `port`), serving the
 * series of `openMetrics` (OpenMetrics text with timestamps in seconds,
 * backfilled with `promtool tsdb create-blocks-from openmetrics`), and, when
 * given, evaluating `rules` (a rule file's text) with the rest of its
 * configuration in `config` (scrape targets, Alertmanagers, intervals).
 */
export interface PrometheusServer {
  baseUrl: string;
  /** What Prometheus logged so far, for a failing test's message. */
  log(): string;
  /** Stops Prometheus (SIGTERM, SIGKILL after 5 s) and removes its data. */
  stop(): Promise<void>;
}

/** Starts a {@link PrometheusServer}; throws with its log when it does not become ready. */
export async function startPrometheus(options: {
  openMetrics: string;
  rules?: string;
  /** More of prometheus.yml, e.g. `scrape_configs` and `alerting`. */
  config?: Record<string, unknown>;
  port?: number;
  /** More command-line flags, e.g. `--rules.alert.resend-delay=1s`. */
  args?: string[];
}): Promise<PrometheusServer> {
  assertBinariesInstalled([PROMETHEUS, PROMTOOL], 'prometheus');
  const tempDir = await mkdtemp(join(tmpdir(), 'reliability-prometheus-'));
  let prometheus: ChildProcess | undefined;
  let log = '';
  const stop = async () => {
    if (prometheus && prometheus.exitCode === null) {
      const child = prometheus;
      // Give it 5 s to stop cleanly, then kill it; no timer outlives this.
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const input = join(tempDir, 'series.om');
    const dataDir = join(tempDir, 'data');
    await writeFile(input, options.openMetrics);
    // Blocks of up to 31 days: promtool reads the input once per block, and
    // at its default of 2 hours the 372 passes take about a minute.
    await run(
      PROMTOOL,
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        '--max-block-duration=744h',
        input,
        dataDir,
      ],
      { timeout: 40_000 },
    );
    const configFile = join(tempDir, 'prometheus.yml');
    const config: Record<string, unknown> = { global: {}, ...options.config };
    if (options.rules !== undefined) {
      const rulesFile = join(tempDir, 'rules.yml');
      await writeFile(rulesFile, options.rules);
      config.rule_files = [rulesFile];
    }
    // JSON is YAML.
    await writeFile(configFile, JSON.stringify(config));

    const port = options.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=400d',
        `--web.listen-address=127.0.0.1:${port}`,
        ...(options.args ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', chunk => (log += chunk));
    prometheus.stderr!.on('data', chunk => (log += chunk));

    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = await fetch(`${baseUrl}/-/ready`)
        .then(response => response.ok)
        .catch(() => false);
      if (ready) break;
      if (prometheus.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `Prometheus did not become ready:\n${log.slice(-2000)}`,
        );
      }
      await sleep(100);
    }
    return { baseUrl, stop, log: () => log };
  } catch (error) {
    await stop();
    throw error;
  }
}

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
 * A real Prometheus on a free port of 127.0.0.1, serving the series of
 * `openMetrics` (OpenMetrics text with timestamps in seconds, backfilled with
 * `promtool tsdb create-blocks-from openmetrics`).
 */
export interface PrometheusServer {
  baseUrl: string;
  /** Stops Prometheus (SIGTERM, SIGKILL after 5 s) and removes its data. */
  stop(): Promise<void>;
}

/** Starts a {@link PrometheusServer}; throws with its log when it does not become ready. */
export async function startPrometheus(options: {
  openMetrics: string;
}): Promise<PrometheusServer> {
  assertBinariesInstalled([PROMETHEUS, PROMTOOL], 'prometheus');
  const tempDir = await mkdtemp(join(tmpdir(), 'reliability-prometheus-'));
  let prometheus: ChildProcess | undefined;
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
    await writeFile(configFile, 'global: {}\n');

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let log = '';
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=400d',
        `--web.listen-address=127.0.0.1:${port}`,
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
    return { baseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

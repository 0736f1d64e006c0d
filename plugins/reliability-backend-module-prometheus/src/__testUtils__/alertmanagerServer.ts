import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBinariesInstalled, freePort, sleep } from './systemBinaries';

/** Debian's Alertmanager (prometheus-alertmanager). */
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** A real Alertmanager on a free port of 127.0.0.1. */
export interface AlertmanagerServer {
  baseUrl: string;
  /** What Alertmanager logged so far, for a failing test's message. */
  log(): string;
  /** Stops Alertmanager (SIGTERM, SIGKILL after 3 s) and removes its data. */
  stop(): Promise<void>;
}

/**
 * Starts an {@link AlertmanagerServer} that sends every alert to one webhook
 * with a bearer secret, in groups by alert name and service, quickly: 1 s to
 * wait for a group and between its notifications, as the backend's own
 * Alertmanager test configures it.
 */
export async function startAlertmanager(options: {
  webhookUrl: string;
  secret: string;
}): Promise<AlertmanagerServer> {
  assertBinariesInstalled([ALERTMANAGER], 'prometheus-alertmanager');
  const tempDir = await mkdtemp(join(tmpdir(), 'reliability-alertmanager-'));
  let child: ChildProcess | undefined;
  let log = '';
  const stop = async () => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => running.kill('SIGKILL'), 3_000);
        running.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        running.kill('SIGTERM');
      });
    }
    await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const configFile = join(tempDir, 'alertmanager.yml');
    // JSON is YAML.
    await writeFile(
      configFile,
      JSON.stringify({
        route: {
          receiver: 'reliability-hub',
          group_by: ['alertname', 'service'],
          group_wait: '1s',
          group_interval: '1s',
          repeat_interval: '1h',
        },
        receivers: [
          {
            name: 'reliability-hub',
            webhook_configs: [
              {
                url: options.webhookUrl,
                send_resolved: true,
                http_config: {
                  authorization: {
                    type: 'Bearer',
                    credentials: options.secret,
                  },
                },
              },
            ],
          },
        ],
      }),
    );
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(
      ALERTMANAGER,
      [
        `--config.file=${configFile}`,
        // Fresh per run: a reused one suppresses notifications already sent.
        `--storage.path=${join(tempDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        `--web.external-url=${baseUrl}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', chunk => (log += chunk));
    child.stderr!.on('data', chunk => (log += chunk));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ready = await fetch(`${baseUrl}/-/ready`)
        .then(response => response.ok)
        .catch(() => false);
      if (ready) break;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `Alertmanager did not become ready:\n${log.slice(-2000)}`,
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

// Starts the real portal backend (packages/backend) as a separate process on a free port, with a
// config override: in-memory SQLite by default, or the PostgreSQL server given as a URL.
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// The YAML library the backend plugin depends on (the root package has none).
const { parse, stringify } = createRequire(
  join(ROOT, 'plugins/reliability-backend/package.json'),
)('yaml');

/** The Alertmanager webhook secret the started backend is configured with. */
export const WEBHOOK_SECRET = 'reliability-fuzz-webhook-secret';

/**
 * Components the started backend's catalog holds besides the examples: alert
 * selectors with regexes that a backtracking engine takes forever on, for the
 * hostile alert labels of the webhook cases (`HOSTILE_LABELS` in routes.mjs).
 */
const FUZZ_ENTITIES = [
  ['fuzz-nested-plus', 'service=~"(a+)+b"'],
  ['fuzz-negated-alternation', 'team!~"(x|x)*y", env=~"(x+x+)+y"'],
]
  .map(([name, selector]) =>
    stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'reliability-hub.io/alert-selector': selector },
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'group:default/team-checkout',
      },
    }),
  )
  .join('---\n');

/**
 * The catalog locations of app-config.yaml plus a file holding
 * {@link FUZZ_ENTITIES} (a config override replaces lists, it does not add to them).
 */
function catalogConfig(dir, extraLocations = []) {
  const file = join(dir, 'fuzz-entities.yaml');
  writeFileSync(file, FUZZ_ENTITIES);
  const locations =
    parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'))?.catalog
      ?.locations ?? [];
  return stringify({
    catalog: {
      locations: [
        ...locations,
        { type: 'file', target: file },
        ...extraLocations,
      ],
    },
  });
}

/** A TCP port nobody listens on right now, from `from` upwards. */
export async function freePort(from = 17400) {
  for (let port = from; port < from + 500; port++) {
    const free = await new Promise(done => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '0.0.0.0', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

function databaseConfig(postgresUrl) {
  if (!postgresUrl) {
    return `  database:\n    client: better-sqlite3\n    connection: ':memory:'\n`;
  }
  const url = new URL(postgresUrl);
  return [
    '  database:',
    '    client: pg',
    '    connection:',
    `      host: ${url.hostname}`,
    `      port: ${url.port || 5432}`,
    `      user: ${decodeURIComponent(url.username || 'postgres')}`,
    `      password: '${decodeURIComponent(url.password || '')}'`,
    '',
  ].join('\n');
}

/**
 * Starts the backend and resolves once `/api/reliability/health` answers.
 *
 * @param {{ postgresUrl?: string, log?: string, timeoutSeconds?: number, configFiles?: string[], extraLocations?: object[] }} options
 *   `configFiles` are read after the override (lists in them replace the override's);
 *   `extraLocations` are added to the portal's catalog locations.
 * @returns {Promise<{ url: string, alive: () => boolean, stop: () => Promise<void> }>}
 */
export async function startBackend(options = {}) {
  // Native modules (better-sqlite3) are built for the repository's Node.
  const wanted = /"node":\s*"[^\d]*(\d+)/.exec(
    readFileSync(join(ROOT, 'package.json'), 'utf8'),
  )?.[1];
  if (wanted && process.versions.node.split('.')[0] !== wanted) {
    throw new Error(
      `run with Node ${wanted} (source scripts/env.sh): this is Node ${process.versions.node}`,
    );
  }
  const port = await freePort(
    Number(process.env.RELIABILITY_FUZZ_PORT || 17400),
  );
  const url = `http://localhost:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'reliability-fuzz-'));
  const override = join(dir, 'app-config.fuzz.yaml');
  writeFileSync(
    override,
    [
      'app:',
      `  baseUrl: http://localhost:${port + 1000}`,
      'backend:',
      `  baseUrl: ${url}`,
      '  listen:',
      `    port: ${port}`,
      databaseConfig(options.postgresUrl),
      'reliability:',
      '  alertmanager:',
      `    webhookSecret: ${WEBHOOK_SECRET}`,
      catalogConfig(dir, options.extraLocations),
    ].join('\n'),
  );
  const logFile = options.log ?? join(dir, 'backend.log');
  const out = openSync(logFile, 'w');
  const yarnPath = /^yarnPath:\s*(\S+)/m.exec(
    readFileSync(join(ROOT, '.yarnrc.yml'), 'utf8'),
  )?.[1];
  const yarnJs = process.env.YARN_JS ?? (yarnPath && join(ROOT, yarnPath));
  if (!yarnJs) {
    throw new Error(
      'no yarn release found: set YARN_JS or yarnPath in .yarnrc.yml',
    );
  }
  // detached: its own process group, so stop() ends the CLI and the backend it forks.
  const child = spawn(
    process.execPath,
    [
      yarnJs,
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      override,
      ...(options.configFiles ?? []).flatMap(file => ['--config', file]),
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      detached: true,
      stdio: ['ignore', out, out],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  /** Whether any process of the backend's group is still there. */
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    // The CLI may exit at once while the backend it forked, busy on a request
    // that never ends, cannot handle SIGTERM: wait for the whole group.
    if (groupAlive()) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 100 && groupAlive(); i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      if (groupAlive()) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
    }
    if (!options.log) rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutSeconds ?? 300) * 1000;
  for (;;) {
    if (exited) {
      throw new Error(
        `the backend exited before it answered (log: ${logFile})`,
      );
    }
    if (
      /Plugin 'reliability' startup failed/.test(readFileSync(logFile, 'utf8'))
    ) {
      await stop();
      throw new Error(
        `the reliability plugin failed to start (log: ${logFile})`,
      );
    }
    try {
      const res = await fetch(`${url}/api/reliability/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the backend did not answer within the time limit (log: ${logFile})`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  return { url, alive: () => !exited, stop, logFile };
}

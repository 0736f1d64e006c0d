// Hostile files behind catalog entities. A catalog folder and a small web server hold entities
// whose reliability-hub.io/openslo and reliability-hub.io/runbooks annotations (and a
// backstage.io/source-location of their own) name a secret outside their folder, /dev/zero, a
// FIFO, symbolic links out, a huge file, URLs off their origin, a host outside
// backend.reading.allow, a 32 MiB response and files whose mistakes quote a secret marker. The
// backend must read nothing outside the entity's folder, answer every refresh promptly, and never
// return the marker.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { ROOT } from './backend.mjs';

/** Stands for a secret of the backend host; longer than any excerpt a problem may quote. */
export const SECRET_MARKER = `fuzz-s3cret-${'q7zt-'.repeat(10)}end`;

const SECRET_ENV = `DATABASE_URL=postgres://app:${SECRET_MARKER}@db/prod\nAPI_TOKEN=${SECRET_MARKER}\n`;

/** An OpenSLO file whose mistakes would quote the marker: bad YAML, enum, kind, alias, huge line. */
const HOSTILE_OPENSLO = [
  `- x\nb: ${SECRET_MARKER}`,
  `apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: enum }\nspec:\n  service: s\n  budgetingMethod: ${SECRET_MARKER}\n`,
  `apiVersion: openslo/v1\nkind: ${SECRET_MARKER}\nmetadata: !${SECRET_MARKER} x\n`,
  `apiVersion: openslo/v1\nkind: SLO\nmetadata: *${SECRET_MARKER}\n`,
  `apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: huge }\nspec:\n  indicatorRef: ${SECRET_MARKER}\n  objectives: [{ target: "${SECRET_MARKER}${'x'.repeat(
    100_000,
  )}" }]\n`,
  SECRET_ENV,
].join('\n---\n');

/** A runbook file with the same kinds of mistakes, and unknown fields named by the marker. */
const HOSTILE_RUNBOOK = [
  `- x\nb: ${SECRET_MARKER}`,
  `id: unknown-field\ntitle: T\n${SECRET_MARKER}: x\nsteps: [{ title: A, commands: [{ run: ls, ${SECRET_MARKER}: y }] }]\n`,
  `id: bad-values\ntitle: T\nseverity: ${SECRET_MARKER}\nlastReviewed: ${SECRET_MARKER}\nsteps: [{ title: A }]\n`,
  `id: bad-steps\ntitle: T\nsteps:\n  - { id: ${SECRET_MARKER}, title: A }\n  - { id: ${SECRET_MARKER}, title: B }\n`,
  `id: huge\ntitle: T\nseverity: "${SECRET_MARKER}${'x'.repeat(
    100_000,
  )}"\nsteps: [{ title: A }]\n`,
  SECRET_ENV,
].join('\n---\n');

/** How long one refresh may take before the backend counts as stalled. */
const STALL_MS = 20_000;

function component(name, annotations) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: 'team-checkout',
    },
  };
}

const both = value => ({
  'reliability-hub.io/openslo': value,
  'reliability-hub.io/runbooks': value,
});

const catalogFile = entities =>
  entities.map(e => YAML.stringify(e)).join('---\n');

const listen = server =>
  new Promise(done =>
    server.listen(0, '127.0.0.1', () => done(server.address().port)),
  );

/**
 * Writes the hostile catalog folder, starts the web servers and writes a config file for the
 * backend (its catalog locations plus the hostile ones, and the web server in
 * backend.reading.allow).
 *
 * @returns {Promise<{ configFile: string, locations: object[], entityRefs: string[], violations: () => string[], stop: () => Promise<void> }>}
 */
export async function prepareEntityFileAttacks() {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-fuzz-files-'));
  const repo = join(dir, 'repo');
  const outside = join(dir, 'outside');
  for (const folder of [
    repo,
    outside,
    join(repo, 'slos'),
    join(repo, 'echo', 'runbooks'),
  ])
    mkdirSync(folder, { recursive: true });
  writeFileSync(join(outside, 'secret.env'), SECRET_ENV);
  writeFileSync(
    join(repo, 'slos', 'ok.yaml'),
    'apiVersion: openslo/v1\nkind: Service\nmetadata: { name: ok }\n',
  );
  symlinkSync(join(outside, 'secret.env'), join(repo, 'slos', 'leak.yaml'));
  symlinkSync(join(outside, 'secret.env'), join(repo, 'link.yaml'));
  symlinkSync('/dev/zero', join(repo, 'zero.yaml'));
  writeFileSync(
    join(repo, 'huge.yaml'),
    `# ${SECRET_MARKER}\n${'#'.repeat(3 * 1024 * 1024)}\n`,
  );
  writeFileSync(join(repo, 'echo', 'openslo.yaml'), HOSTILE_OPENSLO);
  writeFileSync(
    join(repo, 'echo', 'runbooks', 'hostile.yaml'),
    HOSTILE_RUNBOOK,
  );
  let fifo = true;
  try {
    execFileSync('mkfifo', [join(repo, 'pipe.yaml')]);
  } catch {
    fifo = false; // no mkfifo here: the FIFO case is left out
  }

  // The web server: a repository folder /repo/ and, outside it, files no entity may reach.
  let urlCatalog = '';
  const forbidden = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    if (!path.startsWith('/repo/')) forbidden.push(`${req.method} ${path}`);
    if (path === '/repo/catalog-info.yaml') return res.end(urlCatalog);
    if (path === '/repo/hostile.yaml') return res.end(HOSTILE_OPENSLO);
    if (path === '/repo/hostile-runbook.yaml') return res.end(HOSTILE_RUNBOOK);
    if (path === '/repo/big.yaml') {
      let left = 512; // × 64 KiB = 32 MiB
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = () => {
        while (left-- > 0)
          if (!res.write(chunk)) return void res.once('drain', write);
        res.end();
      };
      res.on('close', () => (left = 0));
      return write();
    }
    res.statusCode = path === '/repo/error.yaml' ? 500 : 404;
    return res.end(SECRET_ENV);
  });
  const refusedRequests = [];
  const refused = createServer((req, res) => {
    refusedRequests.push(`${req.method} ${req.url}`);
    res.end(SECRET_ENV);
  });
  const port = await listen(server);
  const refusedPort = await listen(refused);
  const host = `127.0.0.1:${port}`;
  const refusedHost = `127.0.0.1:${refusedPort}`;

  const fileEntities = [
    component('fuzz-source-file', {
      'backstage.io/source-location': `file:${outside}/catalog-info.yaml`,
      ...both('./secret.env'),
    }),
    component('fuzz-source-dev', {
      'backstage.io/source-location': 'file:/dev/catalog-info.yaml',
      ...both('./zero'),
    }),
    component('fuzz-source-url', {
      'backstage.io/source-location': `url:http://${host}/via-source/catalog-info.yaml`,
      ...both('./hostile.yaml'),
    }),
    component('fuzz-traversal', both('../outside/secret.env')),
    component('fuzz-symlink', both('./link.yaml')),
    component('fuzz-symlink-in-dir', {
      'reliability-hub.io/openslo': 'dir:./slos',
      'reliability-hub.io/runbooks': './slos',
    }),
    component('fuzz-dev-zero', both('./zero.yaml')),
    component('fuzz-huge', both('./huge.yaml')),
    component('fuzz-echo', {
      'reliability-hub.io/openslo': './echo/openslo.yaml',
      'reliability-hub.io/runbooks': './echo/runbooks',
    }),
    ...(fifo ? [component('fuzz-fifo', both('./pipe.yaml'))] : []),
  ];
  const urlEntities = [
    ...[
      '../secret.yaml',
      '/secret.yaml',
      './%2e%2e/secret.yaml',
      `//${host}/secret.yaml`,
      `file:http://${host}/secret.yaml`,
      `dir:http://${host}/`,
    ].map((value, i) => component(`fuzz-url-escape-${i}`, both(value))),
    component('fuzz-url-hostile', {
      'reliability-hub.io/openslo': './hostile.yaml',
      'reliability-hub.io/runbooks': './hostile-runbook.yaml',
    }),
    component('fuzz-url-big', both('./big.yaml')),
    component('fuzz-url-error', both('./error.yaml')),
    component('fuzz-url-refused', both(`url:http://${refusedHost}/x.yaml`)),
  ];
  writeFileSync(join(repo, 'catalog-info.yaml'), catalogFile(fileEntities));
  urlCatalog = catalogFile(urlEntities);

  const appConfig = YAML.parse(
    readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  const configFile = join(dir, 'app-config.entity-files.yaml');
  writeFileSync(
    configFile,
    YAML.stringify({
      backend: {
        reading: {
          allow: [...(appConfig.backend?.reading?.allow ?? []), { host }],
        },
      },
    }),
  );

  const stop = async () => {
    for (const s of [server, refused]) {
      s.closeAllConnections();
      await new Promise(done => s.close(done));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    configFile,
    // Added to the backend's catalog locations (a config file would replace the list).
    locations: [
      { type: 'file', target: join(repo, 'catalog-info.yaml') },
      { type: 'url', target: `http://${host}/repo/catalog-info.yaml` },
    ],
    entityRefs: [...fileEntities, ...urlEntities].map(
      e => `component:default/${e.metadata.name}`,
    ),
    violations: () => [
      ...forbidden.map(r => `read outside the entity's folder: ${r}`),
      ...refusedRequests.map(
        r => `contacted a host outside backend.reading.allow: ${r}`,
      ),
    ],
    stop,
  };
}

/**
 * Waits for the hostile entities, refreshes each one's SLO definitions and runbooks as their
 * owner, and reads every route that shows them. The client fails any answer that carries the
 * marker; this adds refreshes that fail or stall, and every request the backend made where it
 * must not.
 *
 * @returns {Promise<{ checked: number, failures: string[] }>}
 */
export async function checkEntityFileAttacks(client, base, attacks) {
  const failures = [];
  const deadline = Date.now() + 120_000;
  for (const ref of attacks.entityRefs) {
    const [kind, rest] = ref.split(':');
    for (;;) {
      let res;
      try {
        res = await fetch(
          `${base}/api/catalog/entities/by-name/${kind}/${rest}`,
          {
            headers: { authorization: `Bearer ${client.token}` },
            signal: AbortSignal.timeout(STALL_MS),
          },
        );
      } catch (error) {
        // Reading the entities' files in the background brought the backend down.
        failures.push(
          `the backend stopped answering (${error.cause?.code ?? error.name})`,
        );
        failures.push(...attacks.violations());
        return { checked: 0, failures };
      }
      if (res.ok) break;
      if (Date.now() > deadline) {
        failures.push(`the catalog never showed ${ref}`);
        break;
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }
  let checked = 0;
  for (const ref of attacks.entityRefs) {
    for (const route of ['/slos/refresh', '/runbooks/refresh']) {
      const started = Date.now();
      const res = await client.send(
        'entity files',
        'POST',
        `${route}?entityRef=${ref}`,
        {
          body: {},
          timeoutMs: STALL_MS,
        },
      );
      const took = Date.now() - started;
      checked++;
      if (res.status === 0 || took >= STALL_MS) {
        // A read that blocks holds one of libuv's few threads: the rest would only wait too.
        failures.push(
          `POST ${route} for ${ref} stalled the backend (no answer in ${took} ms)`,
        );
        failures.push(...attacks.violations());
        return { checked, failures };
      }
      if (res.status !== 200)
        failures.push(
          `POST ${route} for ${ref} → ${res.status} ${res.text.slice(0, 200)}`,
        );
    }
    for (const route of ['/slos', '/entity-summary', '/runbooks']) {
      const res = await client.send(
        'entity files',
        'GET',
        `${route}?entityRef=${ref}`,
      );
      checked++;
      if (res.status !== 200)
        failures.push(`GET ${route} for ${ref} → ${res.status}`);
    }
  }
  for (const route of ['/slos/overview', '/runbooks/library']) {
    await client.send('entity files', 'GET', route);
    checked++;
  }
  failures.push(...attacks.violations());
  return { checked, failures };
}

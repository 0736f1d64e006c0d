import {
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { TEST_OPENSLO } from '../slo/__testUtils__/sloFixtures';
import { DB_POOL_YAML } from '../runbooks/__testUtils__/runbookFiles';
import {
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

// Attacks of an entity on the backend through the files its annotations name
// (reliability-hub.io/openslo and reliability-hub.io/runbooks), seen through
// the routes: nothing outside the entity's own folder is read, nothing read is
// echoed beyond a short excerpt, and nothing stalls the refresh.

/** Stands for a secret: longer than any excerpt a problem may quote. */
const MARKER = `s3cret-${'k9qx-'.repeat(12)}end`;

/** A file of the backend host that must never come back through the API. */
const SECRET_ENV = `DATABASE_URL=postgres://app:${MARKER}@db/prod\nAPI_TOKEN=${MARKER}\n`;

/** An OpenSLO file whose every document is wrong in a way that could quote it. */
const HOSTILE_OPENSLO = [
  // invalid YAML: the parser names the unexpected token
  `- x\nb: ${MARKER}`,
  // a wrong enum value
  TEST_OPENSLO.split('---\n')[2]
    .replace('payments-availability', 'enum')
    .replace('budgetingMethod: Occurrences', `budgetingMethod: ${MARKER}`),
  // an unknown kind and an unresolvable tag
  `apiVersion: openslo/v1\nkind: ${MARKER}\nmetadata: !${MARKER} x\n`,
  // an alias to nothing
  `apiVersion: openslo/v1\nkind: SLO\nmetadata: *${MARKER}\n`,
  // an unknown SLI and a huge line
  TEST_OPENSLO.split('---\n')[2]
    .replace('payments-availability', 'huge')
    .replace('indicatorRef: payments-requests', `indicatorRef: ${MARKER}`)
    .replace('target: 0.999', `target: "${MARKER}${'x'.repeat(200_000)}"`),
  // a document that is only text, as an .env file read as YAML is
  SECRET_ENV,
].join('\n---\n');

/** A runbook file with the same kinds of mistakes. */
const HOSTILE_RUNBOOK = [
  `- x\nb: ${MARKER}`,
  `id: unknown-field\ntitle: T\n${MARKER}: x\nsteps:\n  - title: Look\n    commands: [{ run: ls, ${MARKER}: y }]\n`,
  `id: bad-values\ntitle: T\nseverity: ${MARKER}\nlastReviewed: ${MARKER}\nowner: "${MARKER}:x/y/z"\nsteps:\n  - title: Look\n`,
  `id: ${MARKER.toUpperCase()}\ntitle: T\nsteps:\n  - title: Look\n`,
  `id: bad-steps\ntitle: T\nsteps:\n  - { id: ${MARKER}, title: A }\n  - { id: ${MARKER}, title: B, decisions: [{ condition: c, action: a, next: ${MARKER}-x }] }\n`,
  `id: huge\ntitle: T\nseverity: "${MARKER}${'x'.repeat(
    200_000,
  )}"\nsteps:\n  - title: Look\n`,
  SECRET_ENV,
].join('\n---\n');

const REPO_URL = 'https://git.example.com/acme/shop/blob/main';

describe('files an entity points at', () => {
  const databases = TestDatabases.create();
  let tmp: string;
  let repo: string;
  let outside: string;
  let allowed: http.Server;
  let refused: http.Server;
  let allowedHost: string;
  let refusedHost: string;
  const served: string[] = [];
  const refusedServed: string[] = [];

  beforeAll(async () => {
    tmp = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'entity-files-')),
    );
    repo = path.join(tmp, 'repo');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(repo, 'echo', 'runbooks'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'runbooks'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.yaml'), SECRET_ENV);
    fs.writeFileSync(path.join(outside, '.env'), SECRET_ENV);
    fs.writeFileSync(path.join(repo, 'openslo.yaml'), TEST_OPENSLO);
    fs.writeFileSync(path.join(repo, 'runbooks', 'db-pool.yaml'), DB_POOL_YAML);
    fs.symlinkSync(
      path.join(outside, 'secret.yaml'),
      path.join(repo, 'link.yaml'),
    );
    fs.symlinkSync(outside, path.join(repo, 'linkdir'));
    fs.mkdirSync(path.join(repo, 'slos'));
    fs.writeFileSync(path.join(repo, 'slos', 'a.yaml'), TEST_OPENSLO);
    fs.symlinkSync(
      path.join(outside, 'secret.yaml'),
      path.join(repo, 'slos', 'leak.yaml'),
    );
    fs.symlinkSync('/dev/zero', path.join(repo, 'zero.yaml'));
    execFileSync('mkfifo', [path.join(repo, 'pipe.yaml')]);
    fs.writeFileSync(
      path.join(repo, 'huge.yaml'),
      `# ${MARKER}\n${'#'.repeat(2 * 1024 * 1024)}\n`,
    );
    fs.writeFileSync(path.join(repo, 'echo', 'openslo.yaml'), HOSTILE_OPENSLO);
    fs.writeFileSync(
      path.join(repo, 'echo', 'runbooks', 'hostile.yaml'),
      HOSTILE_RUNBOOK,
    );
    fs.writeFileSync(
      path.join(repo, 'echo', 'runbooks', 'hostile.md'),
      `---\nid: md\ntitle: T\nseverity: ${MARKER}\nsteps: [{ title: A }]\n---\nbody\n`,
    );

    allowed = http.createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url?.endsWith('/hostile.yaml')) {
        res.end(HOSTILE_OPENSLO);
      } else if (req.url?.endsWith('/hostile-runbook.yaml')) {
        res.end(HOSTILE_RUNBOOK);
      } else if (req.url === '/big.yaml') {
        // 32 MiB, more than any file should be, and more than fits in socket buffers.
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let left = 512;
        const write = () => {
          while (left > 0) {
            left -= 1;
            if (!res.write(chunk)) {
              res.once('drain', write);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => {
          left = 0;
        });
        write();
      } else {
        res.statusCode = req.url === '/error.yaml' ? 500 : 404;
        res.end(SECRET_ENV);
      }
    });
    refused = http.createServer((req, res) => {
      refusedServed.push(req.url ?? '');
      res.end(SECRET_ENV);
    });
    await new Promise<void>(done => allowed.listen(0, '127.0.0.1', done));
    await new Promise<void>(done => refused.listen(0, '127.0.0.1', done));
    allowedHost = `127.0.0.1:${(allowed.address() as AddressInfo).port}`;
    refusedHost = `127.0.0.1:${(refused.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    // Unblock a reader still waiting on the FIFO, so that nothing hangs.
    try {
      fs.closeSync(
        fs.openSync(
          path.join(repo, 'pipe.yaml'),
          fs.constants.O_WRONLY | fs.constants.O_NONBLOCK,
        ),
      );
    } catch {
      // nobody reads it
    }
    allowed.closeAllConnections();
    refused.closeAllConnections();
    await new Promise(done => allowed.close(done));
    await new Promise(done => refused.close(done));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The backend's UrlReader, as configured, recording what it was asked. */
  function realUrlReader(requested: string[]) {
    return createServiceFactory({
      service: coreServices.urlReader,
      deps: {},
      factory(): UrlReaderService {
        const reader = UrlReaders.default({
          config: mockServices.rootConfig({
            data: { backend: { reading: { allow: [{ host: allowedHost }] } } },
          }),
          logger: mockServices.logger.mock(),
        });
        return {
          readUrl: (url, options) => {
            requested.push(url);
            return reader.readUrl(url, options);
          },
          readTree: (url, options) => {
            requested.push(url);
            return reader.readTree(url, options);
          },
          search: (url, options) => {
            requested.push(url);
            return reader.search(url, options);
          },
        };
      },
    });
  }

  function component(
    name: string,
    annotations: Record<string, string>,
    managedBy = `file:${path.join(repo, 'catalog-info.yaml')}`,
  ) {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: {
          'backstage.io/managed-by-location': managedBy,
          ...annotations,
        },
      },
      spec: { type: 'service', owner: OWNER },
      relations: [{ type: 'ownedBy', targetRef: OWNER }],
    };
  }

  const both = (value: string) => ({
    'reliability-hub.io/openslo': value,
    'reliability-hub.io/runbooks': value,
  });

  function entities() {
    return [
      component('normal', {
        'reliability-hub.io/openslo': './openslo.yaml',
        'reliability-hub.io/runbooks': './runbooks',
      }),
      component('source-file', {
        // The catalog takes a source-location from the entity file as written.
        'backstage.io/source-location': `file:${outside}/catalog-info.yaml`,
        ...both('./secret.yaml'),
      }),
      component('source-dev', {
        'backstage.io/source-location': 'file:/dev/catalog-info.yaml',
        ...both('./zero'),
      }),
      component(
        'source-url',
        {
          'backstage.io/source-location': `url:http://${allowedHost}/via-source/`,
          ...both('./hostile.yaml'),
        },
        `url:${REPO_URL}/catalog-info.yaml`,
      ),
      component('symlink-file', both('./link.yaml')),
      component('symlink-dir', {
        'reliability-hub.io/openslo': 'dir:./linkdir',
        'reliability-hub.io/runbooks': './linkdir',
      }),
      component('symlink-in-dir', {
        'reliability-hub.io/openslo': 'dir:./slos',
        'reliability-hub.io/runbooks': './slos',
      }),
      component('dev-zero', both('./zero.yaml')),
      component('fifo', both('./pipe.yaml')),
      component('huge', both('./huge.yaml')),
      component('echo', {
        'reliability-hub.io/openslo': './echo/openslo.yaml',
        'reliability-hub.io/runbooks': './echo/runbooks',
      }),
      ...[
        '//evil.example/x.yaml',
        'file:https://evil.example/x.yaml',
        'dir:https://evil.example/',
        '../../../other/blob/main/x.yaml',
        '/acme/other/blob/main/x.yaml',
        './%2e%2e/%2e%2e/%2e%2e/other/x.yaml',
      ].map((value, i) =>
        component(
          `url-escape-${i}`,
          both(value),
          `url:${REPO_URL}/catalog-info.yaml`,
        ),
      ),
      component('ssrf-allowed', {
        'reliability-hub.io/openslo': `url:http://${allowedHost}/hostile.yaml`,
        'reliability-hub.io/runbooks': `url:http://${allowedHost}/hostile-runbook.yaml`,
      }),
      component('ssrf-refused', {
        'reliability-hub.io/openslo': `url:http://${refusedHost}/openslo.yaml`,
        'reliability-hub.io/runbooks': `url:http://${refusedHost}/runbook.yaml`,
      }),
      component('ssrf-error', both(`url:http://${allowedHost}/error.yaml`)),
      component('ssrf-big', both(`url:http://${allowedHost}/big.yaml`)),
    ];
  }

  type Problem = { file: string; field: string; message: string };

  /** The marker is lower-case; a problem might quote it upper-cased. */
  const expectNoSecret = (text: string) =>
    expect(text.toLocaleLowerCase('en-US')).not.toContain(MARKER);

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const requested: string[] = [];

    async function setup() {
      requested.length = 0;
      served.length = 0;
      refusedServed.length = 0;
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        entities: entities(),
        features: [realUrlReader(requested)],
      });
      const api = (method: 'get' | 'post', route: string) =>
        request(server)
          [method](`/api/reliability${route}`)
          .set('Authorization', mockCredentials.user.header(OWNER));
      /** Reads the entity's files now, as its owner's refresh button does. */
      const refresh = async (name: string) => {
        const ref = `component:default/${name}`;
        const slos = await api('post', `/slos/refresh?entityRef=${ref}`);
        const runbooks = await api(
          'post',
          `/runbooks/refresh?entityRef=${ref}`,
        );
        expect([slos.status, runbooks.status]).toEqual([200, 200]);
        expectNoSecret(slos.text + runbooks.text);
        return {
          slos: slos.body as { slos: unknown[]; problems: Problem[] },
          runbooks: runbooks.body as {
            runbooks: unknown[];
            problems: Problem[];
          },
          text: slos.text + runbooks.text,
        };
      };
      return { knex, api, refresh };
    }

    const messages = (problems: Problem[]) =>
      problems.map(p => `${p.field}: ${p.message}`).join('\n');

    it('still reads the files next to the catalog file', async () => {
      const { refresh } = await setup();
      const read = await refresh('normal');
      expect(read.slos.problems).toEqual([]);
      expect(read.slos.slos.length).toBeGreaterThan(0);
      expect(read.runbooks.problems).toEqual([]);
      expect(read.runbooks.runbooks.length).toBeGreaterThan(0);
    });

    it('resolves relative paths against the managed-by location, never the source-location the entity sets', async () => {
      const { refresh } = await setup();
      // Each path is looked for next to the catalog file, where there is none.
      for (const name of ['source-dev', 'source-file', 'source-url']) {
        const started = Date.now();
        const read = await refresh(name);
        expect(Date.now() - started).toBeLessThan(10_000);
        for (const problems of [read.slos.problems, read.runbooks.problems]) {
          expect(problems).toHaveLength(1);
          expect(messages(problems)).toMatch(
            /not found|does not exist|backend\.reading\.allow/,
          );
        }
      }
      expect(served.filter(url => url.startsWith('/via-source'))).toEqual([]);
      expect(requested.filter(url => url.includes(allowedHost))).toEqual([]);
    });

    it('reads no file that a symbolic link leads out of the folder', async () => {
      const { refresh } = await setup();
      for (const name of [
        'symlink-in-dir',
        'symlink-file',
        'symlink-dir',
        'dev-zero',
      ]) {
        const read = await refresh(name);
        expectNoSecret(read.text);
        expect(read.slos.slos).toEqual([]);
        expect(messages(read.slos.problems)).toMatch(
          /leaves the folder of the entity's catalog file/,
        );
        expect(messages(read.runbooks.problems)).toMatch(
          /leaves the folder of the entity's catalog file/,
        );
      }
    });

    it('reads only regular files, and none larger than the cap', async () => {
      const { refresh } = await setup();
      const fifo = await refresh('fifo');
      expect(messages(fifo.slos.problems)).toMatch(/not a regular file/);
      expect(messages(fifo.runbooks.problems)).toMatch(/not a regular file/);

      const huge = await refresh('huge');
      expectNoSecret(huge.text);
      expect(messages(huge.slos.problems)).toMatch(/larger than 512 KiB/);
      expect(messages(huge.runbooks.problems)).toMatch(/larger than 512 KiB/);
    });

    it('keeps a relative path on the origin and under the folder of a URL catalog file', async () => {
      const { refresh } = await setup();
      for (let i = 0; i < 6; i++) {
        const read = await refresh(`url-escape-${i}`);
        for (const problems of [read.slos.problems, read.runbooks.problems]) {
          expect(problems).toEqual([
            expect.objectContaining({
              field: expect.stringMatching(/^metadata\.annotations\./),
              message: expect.stringMatching(
                /leaves the folder of the entity's catalog file/,
              ),
            }),
          ]);
        }
      }
      expect(requested.filter(url => !url.startsWith(`${REPO_URL}/`))).toEqual(
        [],
      );
    });

    it('reads URLs through the UrlReader only, stopping at the size cap, and quotes no response', async () => {
      const { refresh } = await setup();
      const refusedRead = await refresh('ssrf-refused');
      expect(refusedServed).toEqual([]);
      for (const problems of [
        refusedRead.slos.problems,
        refusedRead.runbooks.problems,
      ]) {
        expect(messages(problems)).toMatch(/backend\.reading\.allow/);
      }
      const error = await refresh('ssrf-error');
      expectNoSecret(error.text);
      expect(messages(error.slos.problems)).toMatch(/500/);

      const big = await refresh('ssrf-big');
      expect(messages(big.slos.problems)).toMatch(/larger than 512 KiB/);
      expect(messages(big.runbooks.problems)).toMatch(/larger than 512 KiB/);
    });

    it('names file, line and field of every mistake but never echoes what was read', async () => {
      const { api, knex, refresh } = await setup();
      for (const name of ['echo', 'ssrf-allowed']) {
        const read = await refresh(name);
        const problems = [...read.slos.problems, ...read.runbooks.problems];
        expect(problems.length).toBeGreaterThanOrEqual(10);
        for (const problem of problems) {
          expect(problem.file).toBeTruthy();
          expect(problem.field.length).toBeLessThanOrEqual(120);
          expect(problem.message.length).toBeLessThanOrEqual(300);
          // eslint-disable-next-line no-control-regex
          expect(problem.message).not.toMatch(/[\u0000-\u001f\u007f]/);
        }
        expectNoSecret(read.text);
      }
      // Every route that shows what was read, and everything stored.
      const routes = [
        '/slos?entityRef=component:default/echo',
        '/slos?entityRef=component:default/ssrf-allowed',
        '/slos/overview',
        '/entity-summary?entityRef=component:default/echo',
        '/entity-summary?entityRef=component:default/ssrf-allowed',
        '/runbooks?entityRef=component:default/echo',
        '/runbooks?entityRef=component:default/ssrf-allowed',
        '/runbooks/library',
      ];
      for (const route of routes) {
        const res = await api('get', route);
        expect(res.status).toBe(200);
        expectNoSecret(res.text);
      }
      for (const table of [
        'slo_definitions',
        'runbooks',
        'runbook_sources',
        'runbook_texts',
        'audit_log',
      ]) {
        const rows = await knex(table).select();
        expectNoSecret(JSON.stringify(rows));
      }
    });
  });
});

import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyDatabaseMigrations } from '../../database/migrations';
import { parseRunbookFile } from '../parse';
import { DB_POOL_YAML, ROLLBACK_MARKDOWN } from '../__testUtils__/runbookFiles';
import { DatabaseRunbookStore } from '../store/DatabaseRunbookStore';
import { RunbookFileRefresher } from './RunbookFileRefresher';

jest.setTimeout(60_000);

const REPO = 'https://git.example/acme/checkout/blob/main';
const TODAY = '2026-11-22';

/** A repository of files behind the UrlReader, with an ETag per tree. */
class FakeRepository implements UrlReaderService {
  files = new Map<string, string>();
  version = 1;

  set(file: string, text: string) {
    this.files.set(file, text);
    this.version += 1;
  }

  async readUrl(url: string): Promise<any> {
    const text = this.files.get(url);
    if (text === undefined) throw new NotFoundError(`${url} not found`);
    return { buffer: async () => Buffer.from(text), etag: `v${this.version}` };
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<any> {
    const etag = `v${this.version}`;
    if (options?.etag === etag) throw new NotModifiedError();
    const prefix = url.endsWith('/') ? url : `${url}/`;
    const files = [...this.files.entries()].filter(([name]) =>
      name.startsWith(prefix),
    );
    if (!files.length) throw new NotFoundError(`${url} not found`);
    return {
      etag,
      files: async () =>
        files.map(([name, text]) => ({
          path: name.slice(prefix.length),
          content: async () => Buffer.from(text),
        })),
    };
  }

  async search(): Promise<any> {
    throw new Error('not used');
  }
}

function component(
  name: string,
  options: {
    runbooks?: string;
    links?: Entity['metadata']['links'];
    location?: string;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location':
          options.location ?? `url:${REPO}/catalog-info.yaml`,
        ...(options.runbooks
          ? { 'reliability-hub.io/runbooks': options.runbooks }
          : {}),
      },
      links: options.links,
    },
    spec: { type: 'service', owner: 'team-checkout', system: 'storefront' },
  };
}

const INVALID_YAML = `id: broken
title: Broken runbook
steps:
  - title: ''
`;

describe('RunbookFileRefresher', () => {
  const databases = TestDatabases.create();

  async function setup(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = DatabaseRunbookStore.create({ knex });
    const repo = new FakeRepository();
    repo.set(`${REPO}/runbooks/db-pool.yaml`, DB_POOL_YAML);
    repo.set(`${REPO}/runbooks/rollback.md`, ROLLBACK_MARKDOWN);
    repo.set(`${REPO}/runbooks/broken.yaml`, INVALID_YAML);
    const parse = jest.fn(parseRunbookFile);
    const refresherFor = (entities: Entity[]) =>
      RunbookFileRefresher.create({
        store,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        urlReader: repo,
        logger: mockServices.logger.mock(),
        parse,
      });
    return { knex, store, repo, parse, refresherFor };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('indexes runbook files and runbook links, and reports invalid files by file and field', async () => {
      const { store, refresherFor } = await setup(databaseId);
      const summary = await refresherFor([
        component('checkout', {
          runbooks: './runbooks',
          links: [
            {
              url: 'https://wiki.example/stuck-orders',
              title: 'Stuck orders',
              type: 'runbook',
            },
            { url: 'https://grafana.example/d/checkout', type: 'dashboard' },
          ],
        }),
        component('plain', {}),
      ]).refreshAll();
      expect(summary).toMatchObject({ entities: 1, runbooks: 3, problems: 1 });

      const runbooks = await store.listEntityRunbooks(
        ['component:default/checkout'],
        TODAY,
      );
      expect(
        runbooks.map(r => [r.id, r.kind, r.owner, r.system, r.sourceLocation]),
      ).toEqual([
        [
          'component:default/checkout/db-connection-pool-exhaustion',
          'structured',
          // the runbook's own owner wins over the entity's
          'group:default/payments-team',
          'system:default/storefront',
          `${REPO}/runbooks/db-pool.yaml`,
        ],
        [
          'component:default/checkout/checkout-rollback',
          'structured',
          'group:default/payments-team',
          'system:default/storefront',
          `${REPO}/runbooks/rollback.md`,
        ],
        [
          'component:default/checkout/link/1',
          'link',
          'group:default/team-checkout',
          'system:default/storefront',
          'https://wiki.example/stuck-orders',
        ],
      ]);
      const source = await store.getSource('component:default/checkout');
      expect(source?.problems).toEqual([
        expect.objectContaining({
          file: `${REPO}/runbooks/broken.yaml`,
          field: 'steps[0].title',
        }),
      ]);
    });

    it('does not parse unchanged files again, and skips a tree whose ETag is unchanged', async () => {
      const { store, repo, parse, refresherFor } = await setup(databaseId);
      const refresher = refresherFor([
        component('checkout', { runbooks: './runbooks/' }),
      ]);
      await refresher.refreshAll();
      expect(parse).toHaveBeenCalledTimes(3);

      // Same ETag: nothing is read or parsed.
      parse.mockClear();
      expect(await refresher.refreshAll()).toMatchObject({ unchanged: 1 });
      expect(parse).not.toHaveBeenCalled();

      // One file changed: only that one is parsed; the others' runbooks and
      // problems are kept.
      repo.set(
        `${REPO}/runbooks/db-pool.yaml`,
        DB_POOL_YAML.replace(
          'title: Database connection pool exhaustion',
          'title: DB pool exhausted',
        ),
      );
      expect(await refresher.refreshAll()).toMatchObject({
        parsedFiles: 1,
        runbooks: 2,
        problems: 1,
      });
      expect(parse).toHaveBeenCalledTimes(1);
      expect(parse).toHaveBeenCalledWith(
        expect.any(String),
        `${REPO}/runbooks/db-pool.yaml`,
      );
      expect(
        (
          await store.listEntityRunbooks(['component:default/checkout'], TODAY)
        ).map(r => r.title),
      ).toEqual(['DB pool exhausted', 'Roll back a bad checkout deployment']);
    });

    it('reports a runbook id used in two files on the second one', async () => {
      const { store, repo, refresherFor } = await setup(databaseId);
      repo.set(`${REPO}/runbooks/zz-copy.yaml`, DB_POOL_YAML);
      await refresherFor([
        component('checkout', { runbooks: './runbooks' }),
      ]).refreshAll();
      expect(
        (await store.getSource('component:default/checkout'))?.problems,
      ).toContainEqual(
        expect.objectContaining({
          file: `${REPO}/runbooks/zz-copy.yaml`,
          field: 'id',
          message: expect.stringContaining(
            `also in ${REPO}/runbooks/db-pool.yaml`,
          ),
        }),
      );
      expect(
        await store.listEntityRunbooks(['component:default/checkout'], TODAY),
      ).toHaveLength(2);
    });

    it('drops the runbooks of entities that vanished or lost their runbooks', async () => {
      const { store, refresherFor } = await setup(databaseId);
      await refresherFor([
        component('checkout', { runbooks: './runbooks' }),
        component('cart', {
          links: [{ url: 'https://wiki.example/cart', type: 'runbook' }],
        }),
      ]).refreshAll();
      expect(await store.listSourceEntityRefs()).toEqual([
        'component:default/cart',
        'component:default/checkout',
      ]);

      // cart is gone from the catalog; checkout lost its annotation.
      const summary = await refresherFor([
        component('checkout', {}),
      ]).refreshAll();
      expect(summary.removed).toBe(2);
      expect(await store.listSourceEntityRefs()).toEqual([]);
      expect(await store.findByAlert('CheckoutDBPoolSaturated', TODAY)).toEqual(
        [],
      );
    });

    it('refreshes one entity on request, and keeps its runbooks when the location cannot be read', async () => {
      const { store, repo, refresherFor } = await setup(databaseId);
      const refresher = refresherFor([
        component('checkout', { runbooks: './runbooks' }),
      ]);
      await refresher.refreshEntity(
        'component:default/checkout',
        'user:default/lena.hoffmann',
      );
      expect(
        await store.listEntityRunbooks(['component:default/checkout'], TODAY),
      ).toHaveLength(2);

      repo.files.clear();
      repo.version += 1;
      await refresher.refreshEntity('component:default/checkout');
      expect(
        await store.listEntityRunbooks(['component:default/checkout'], TODAY),
      ).toHaveLength(2);
      expect(
        (await store.getSource('component:default/checkout'))?.problems,
      ).toEqual([
        expect.objectContaining({
          file: './runbooks',
          field: 'metadata.annotations.reliability-hub.io/runbooks',
          message: expect.stringContaining('not found'),
        }),
      ]);

      await expect(
        refresher.refreshEntity('component:default/nope'),
      ).rejects.toThrow(NotFoundError);
    });
  });

  it('reads local runbook folders beside the catalog file, but nothing outside it', async () => {
    const { store, refresherFor } = await setup('SQLITE_3');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-'));
    try {
      await fs.mkdir(path.join(dir, 'checkout', 'runbooks'), {
        recursive: true,
      });
      await fs.writeFile(
        path.join(dir, 'checkout', 'runbooks', 'db-pool.yaml'),
        DB_POOL_YAML,
      );
      await fs.writeFile(
        path.join(dir, 'checkout', 'runbooks', 'notes.txt'),
        'not a runbook',
      );
      const location = `file:${path.join(
        dir,
        'checkout',
        'catalog-info.yaml',
      )}`;
      await refresherFor([
        component('checkout', { runbooks: './runbooks', location }),
        component('escape', { runbooks: '../../etc', location }),
      ]).refreshAll();

      expect(
        (
          await store.listEntityRunbooks(['component:default/checkout'], TODAY)
        ).map(r => [r.title, r.sourceLocation]),
      ).toEqual([
        ['Database connection pool exhaustion', 'runbooks/db-pool.yaml'],
      ]);
      expect(
        (await store.getSource('component:default/escape'))?.problems,
      ).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(
            "leaves the folder of the entity's catalog file",
          ),
        }),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyDatabaseMigrations } from '../../database/migrations';
import { DatabaseSloStore } from '../store/DatabaseSloStore';
import {
  paymentsEntity,
  TEST_OPENSLO,
  TEST_OPENSLO_URL,
  textResponse,
} from '../__testUtils__/sloFixtures';
import { SloFileRefresher } from './SloFileRefresher';

jest.setTimeout(60_000);

const OWNER = 'group:default/payments';
const PAYMENTS = 'component:default/payments';

const withAnnotation = (
  name: string,
  annotation: string,
  location?: string,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'reliability-hub.io/openslo': annotation,
      ...(location ? { 'backstage.io/managed-by-location': location } : {}),
    },
  },
  spec: { type: 'service', owner: OWNER },
});

describe('SloFileRefresher', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(entities: any[], files: Record<string, string>) {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseSloStore.create({ knex });
      const urlReader = mockServices.urlReader.mock({
        readUrl: jest.fn(async (url: string, options?: { etag?: string }) => {
          if (!(url in files)) {
            throw new NotFoundError(`${url} not found`);
          }
          if (options?.etag === 'v1') {
            throw new NotModifiedError();
          }
          return textResponse(files[url]) as any;
        }),
      });
      const refresher = SloFileRefresher.create({
        store,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        urlReader,
        logger: mockServices.logger.mock(),
      });
      return { store, refresher, urlReader };
    }

    it('reads every annotated entity, with owner and system, and skips unchanged files', async () => {
      const { store, refresher, urlReader } = await setup(
        [paymentsEntity(OWNER)],
        { [TEST_OPENSLO_URL]: TEST_OPENSLO },
      );
      expect(await refresher.refreshAll()).toEqual({ entities: 1 });
      const [stored] = await store.listDefinitions([PAYMENTS]);
      expect(stored).toMatchObject({
        entityRef: PAYMENTS,
        owner: OWNER,
        system: 'system:default/shop',
        problems: [],
        etags: { [TEST_OPENSLO_URL]: 'v1' },
      });
      expect(stored.slos.map(s => s.definition.name)).toEqual([
        'payments-availability',
        'payments-latency',
        'payments-prometheus',
      ]);
      expect(stored.slos[0].yaml).toMatch(
        /^apiVersion: openslo\/v1\nkind: SLO\nmetadata:\n {2}name: payments-availability/,
      );

      // The second read is conditional and keeps what was parsed.
      await refresher.refreshAll();
      expect(urlReader.readUrl).toHaveBeenLastCalledWith(TEST_OPENSLO_URL, {
        etag: 'v1',
      });
      const [again] = await store.listDefinitions([PAYMENTS]);
      expect(again.slos).toEqual(stored.slos);
    });

    it('stores the entities read again unchanged in one write, and saves one whose owner changed', async () => {
      const { store, refresher, urlReader } = await setup(
        [paymentsEntity(OWNER)],
        { [TEST_OPENSLO_URL]: TEST_OPENSLO },
      );
      await refresher.refreshAll();
      const [first] = await store.listDefinitions([PAYMENTS]);
      const save = jest.spyOn(store, 'saveDefinitions');
      const touch = jest.spyOn(store, 'touchDefinitions');
      await new Promise(resolve => setTimeout(resolve, 5));

      await refresher.refreshAll();
      const [again] = await store.listDefinitions([PAYMENTS]);
      expect(Date.parse(again.readAt)).toBeGreaterThan(
        Date.parse(first.readAt),
      );
      expect(again.slos).toEqual(first.slos);
      expect(save).not.toHaveBeenCalled();
      expect(touch).toHaveBeenCalledTimes(1);

      // The same files, another owner: a change, saved as one.
      const moved = SloFileRefresher.create({
        store,
        catalog: catalogServiceMock({
          entities: [paymentsEntity('group:default/refunds')],
        }),
        auth: mockServices.auth(),
        urlReader,
        logger: mockServices.logger.mock(),
      });
      await moved.refreshAll();
      const [owned] = await store.listDefinitions([PAYMENTS]);
      expect(owned.owner).toBe('group:default/refunds');
      expect(save).toHaveBeenCalledTimes(1);
    });

    it('stores read errors and invalid documents as problems, not crashes', async () => {
      const broken = TEST_OPENSLO.replace('target: 0.999', 'target: 1.5');
      const { store, refresher } = await setup(
        [
          withAnnotation('missing', 'url:https://git.example.com/nope.yaml'),
          withAnnotation('broken', 'url:https://git.example.com/broken.yaml'),
        ],
        { 'https://git.example.com/broken.yaml': broken },
      );
      await refresher.refreshAll();
      const [brokenDefs, missing] = await store.listDefinitions();
      expect(missing.problems).toEqual([
        {
          file: 'url:https://git.example.com/nope.yaml',
          documentIndex: null,
          field: 'location',
          message: expect.stringMatching(/^file not found: /),
        },
      ]);
      expect(brokenDefs.problems).toEqual([
        expect.objectContaining({
          file: 'url:https://git.example.com/broken.yaml',
          documentIndex: 1,
          field: 'spec.objectives[0].target',
        }),
      ]);
      expect(brokenDefs.slos.map(s => s.definition.name)).toEqual([
        'payments-latency',
        'payments-prometheus',
      ]);
    });

    it('reports an SLO name used twice in one entity and keeps the first', async () => {
      const { store, refresher } = await setup(
        [
          withAnnotation(
            'twice',
            `url:${TEST_OPENSLO_URL}, url:https://git.example.com/copy.yaml`,
          ),
        ],
        {
          [TEST_OPENSLO_URL]: TEST_OPENSLO,
          'https://git.example.com/copy.yaml': TEST_OPENSLO,
        },
      );
      await refresher.refreshAll();
      const [twice] = await store.listDefinitions();
      expect(twice.slos).toHaveLength(3);
      expect(twice.problems).toHaveLength(3);
      expect(twice.problems[0]).toMatchObject({
        file: 'url:https://git.example.com/copy.yaml',
        documentIndex: 1,
        field: 'metadata.name',
        message: expect.stringMatching(
          /another SLO of this entity is named payments-availability/,
        ),
      });
    });

    it('reads files next to an entity registered from a local file, and nothing outside its folder', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openslo-'));
      fs.writeFileSync(path.join(dir, 'openslo.yaml'), TEST_OPENSLO);
      const location = `file:${path.join(dir, 'catalog-info.yaml')}`;
      const { store, refresher } = await setup(
        [
          withAnnotation('local', './openslo.yaml', location),
          withAnnotation('escape', '../../etc/passwd', location),
        ],
        {},
      );
      await refresher.refreshAll();
      const [escape, local] = await store.listDefinitions();
      expect(local.slos).toHaveLength(3);
      expect(local.slos[0].definition.file).toBe('./openslo.yaml');
      expect(escape.slos).toEqual([]);
      expect(escape.problems[0].field).toBe(
        'metadata.annotations.reliability-hub.io/openslo',
      );
      fs.rmSync(dir, { recursive: true });
    });

    it('names the files of a local folder after the annotation, and reads at most 20 locations', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openslo-'));
      fs.mkdirSync(path.join(dir, 'slos'));
      fs.writeFileSync(path.join(dir, 'slos', 'payments.yaml'), TEST_OPENSLO);
      const location = `file:${path.join(dir, 'catalog-info.yaml')}`;
      const { store, refresher } = await setup(
        [
          withAnnotation('folder', 'dir:./slos/', location),
          withAnnotation(
            'many',
            Array.from({ length: 21 }, (_, i) => `./${i}.yaml`).join(', '),
            location,
          ),
        ],
        {},
      );
      await refresher.refreshAll();
      const [folder, many] = await store.listDefinitions();
      expect(folder.problems).toEqual([]);
      expect(folder.slos[0].definition.file).toBe('dir:./slos/payments.yaml');
      expect(many.problems).toEqual([
        expect.objectContaining({
          field: 'metadata.annotations.reliability-hub.io/openslo',
          message: 'names 21 locations; at most 20 are read',
        }),
      ]);
      fs.rmSync(dir, { recursive: true });
    });

    it('forgets entities that lost the annotation, and refreshes one entity on demand', async () => {
      const { store, refresher } = await setup([paymentsEntity(OWNER)], {
        [TEST_OPENSLO_URL]: TEST_OPENSLO,
      });
      await store.saveDefinitions({
        entityRef: 'component:default/gone',
        location: './openslo.yaml',
        contentHash: null,
        etags: {},
        slos: [],
        problems: [],
        readAt: new Date().toISOString(),
      });
      await refresher.refreshAll();
      expect((await store.listDefinitions()).map(d => d.entityRef)).toEqual([
        PAYMENTS,
      ]);
      const read = await refresher.refreshEntity(PAYMENTS, {
        actor: 'user:default/lena',
      });
      expect(read?.slos).toHaveLength(3);
      await expect(
        refresher.refreshEntity('component:default/nope'),
      ).rejects.toThrow(NotFoundError);
    });
  });
});

import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionEvaluator,
} from '@backstage/plugin-permission-common';
import {
  OnCallNow,
  ScheduleOnCall,
} from '@reliability-hub/plugin-reliability-common';
import express from 'express';
import { Knex } from 'knex';
import { once } from 'node:events';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { EntityAccess } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';
import { createOnCallRouter } from './router';
import { toNewSchedule } from './scheduleInput';
import { ScheduleService } from './ScheduleService';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  PRIYA,
  sreSchedule,
} from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

const ACTOR = LENA;
/** Someone the portal's policy lets see every group but the SRE team. */
const MALLORY = 'user:default/mallory';
const SRE = 'group:default/sre';
/** Someone who may see every group but the checkout team. */
const OSCAR = 'user:default/oscar';
const CHECKOUT = 'group:default/team-checkout';

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

const hides = (credentials: BackstageCredentials, ref: string) =>
  (userOf(credentials) === MALLORY && ref === SRE) ||
  (userOf(credentials) === OSCAR && ref === CHECKOUT);

/**
 * The catalog as each caller sees it: everything, but SRE for Mallory and
 * the checkout team for Oscar.
 */
const catalog = {
  async getEntitiesByRefs(
    { entityRefs }: { entityRefs: string[] },
    { credentials }: { credentials: BackstageCredentials },
  ) {
    return {
      items: entityRefs.map(ref =>
        hides(credentials, ref)
          ? null
          : { kind: 'Group', metadata: { name: ref } },
      ),
    };
  },
  async getEntityByRef(
    ref: string,
    { credentials }: { credentials: BackstageCredentials },
  ) {
    return hides(credentials, ref)
      ? undefined
      : { kind: 'Group', metadata: { name: ref } };
  },
} as unknown as CatalogService;

/** Mallory and Oscar read the catalog under a condition; others all of it. */
const permissions = {
  async authorize(requests: unknown[]) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  },
  async authorizeConditional(
    requests: unknown[],
    { credentials }: { credentials: BackstageCredentials },
  ) {
    return requests.map(() =>
      userOf(credentials) === MALLORY || userOf(credentials) === OSCAR
        ? {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['component'] },
            },
          }
        : { result: AuthorizeResult.ALLOW },
    );
  },
} as unknown as PermissionEvaluator;

/** One backend instance on the shared database. */
function instance(knex: Knex) {
  const store = DatabaseScheduleStore.create({ knex });
  const auth = mockServices.auth();
  const httpAuth = mockServices.httpAuth();
  const service = ScheduleService.create({ store, catalog, auth });
  const app = express();
  app.use(
    createOnCallRouter({
      store,
      service,
      access: {} as EntityAccess,
      visibility: EntityVisibility.create({
        httpAuth,
        catalog,
        permissions: permissions as never,
        auth,
      }),
      httpAuth,
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  const onCall = async (user = LENA): Promise<OnCallNow> => {
    const res = await request(app)
      .get('/oncall')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body;
  };
  return { app, store, onCall };
}

/** The bytes of a response as they came, not decompressed. */
async function rawGet(
  app: express.Express,
  path: string,
  headers: Record<string, string>,
) {
  const server = app.listen(0);
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const [res] = (await once(
      http.get({ host: '127.0.0.1', port, path, headers }),
      'response',
    )) as [http.IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of res) {
      chunks.push(chunk);
    }
    return {
      status: res.statusCode,
      headers: res.headers,
      body: Buffer.concat(chunks),
    };
  } finally {
    server.close();
  }
}

const named = (answer: OnCallNow, name: string): ScheduleOnCall | undefined =>
  answer.schedules.find(s => s.name === name);

describe('GET /oncall for every schedule', () => {
  const databases = TestDatabases.create();

  afterEach(() => {
    jest.useRealTimers();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      return { here: instance(knex), there: instance(knex) };
    }

    it('shows a schedule or an override written on another instance in the next answer', async () => {
      const { here, there } = await setup();
      const checkout = await there.store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      const first = await here.onCall();
      expect(first.schedules.map(s => s.name)).toEqual(['checkout-main']);
      // Asked again: the answer remembered.
      expect((await here.onCall()).schedules).toEqual(first.schedules);

      const now = Date.now();
      const covered = await there.store.addOverride(
        checkout.id,
        1,
        {
          user: PRIYA,
          start: new Date(now - 3_600_000).toISOString(),
          end: new Date(now + 3_600_000).toISOString(),
        },
        ACTOR,
      );
      expect(named(await here.onCall(), 'checkout-main')!.current).toEqual(
        expect.objectContaining({ user: PRIYA, override: true }),
      );

      await there.store.removeOverride(
        checkout.id,
        2,
        covered.schedule.overrides[0].id,
        ACTOR,
      );
      expect(
        named(await here.onCall(), 'checkout-main')!.current?.user,
      ).not.toBe(PRIYA);

      const sre = await there.store.createSchedule(
        toNewSchedule(sreSchedule()),
        ACTOR,
      );
      const both = await here.onCall();
      expect(both.schedules.map(s => s.name)).toEqual([
        'checkout-main',
        'sre-daily',
      ]);
      // The escalation level of checkout-main that names sre-daily reaches
      // its on-call now that it exists.
      expect(named(both, 'checkout-main')!.escalation[1]).toEqual({
        delayMinutes: 10,
        schedule: 'sre-daily',
        user: PRIYA,
      });

      await there.store.deleteSchedule(sre.id, 1, ACTOR);
      const after = await here.onCall();
      expect(after.schedules.map(s => s.name)).toEqual(['checkout-main']);
      expect(named(after, 'checkout-main')!.escalation[1].user).toBeNull();
    });

    it('changes the answer at a hand-off', async () => {
      const { here, there } = await setup();
      await there.store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      // Lena hands over to Jonas on Monday 2026-11-09 at 09:00 in Berlin.
      const handoff = Date.parse('2026-11-09T08:00:00Z');
      const clock = (ms: number) =>
        jest.useFakeTimers({
          now: ms,
          doNotFake: [
            'hrtime',
            'nextTick',
            'performance',
            'queueMicrotask',
            'setImmediate',
            'clearImmediate',
            'setInterval',
            'clearInterval',
            'setTimeout',
            'clearTimeout',
          ],
        });

      clock(handoff - 30_000);
      const before = named(await here.onCall(), 'checkout-main')!;
      expect(before.current).toMatchObject({ user: LENA });
      expect(before.next).toMatchObject({ user: JONAS });

      clock(handoff - 1);
      const lastMoment = await here.onCall();
      expect(lastMoment.at).toBe(new Date(handoff - 1).toISOString());
      expect(named(lastMoment, 'checkout-main')!.current).toMatchObject({
        user: LENA,
      });

      clock(handoff);
      const after = named(await here.onCall(), 'checkout-main')!;
      expect(after.current).toMatchObject({
        user: JONAS,
        start: new Date(handoff).toISOString(),
      });
      expect(after.next).toMatchObject({ user: LENA });
      expect(after.escalation[0]).toMatchObject({ user: JONAS });
    });

    it('never shows a caller the schedules of a group they may not see, before or after someone who may or who may not see another', async () => {
      const { here, there } = await setup();
      const checkout = await there.store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      const sre = await there.store.createSchedule(
        toNewSchedule(sreSchedule()),
        ACTOR,
      );

      const lena = await here.onCall(LENA);
      expect(lena.schedules.map(s => s.name)).toEqual([
        'checkout-main',
        'sre-daily',
      ]);
      expect(named(lena, 'checkout-main')!.escalation[1].user).toBe(PRIYA);

      for (let i = 0; i < 2; i++) {
        const mallory = await here.onCall(MALLORY);
        expect(mallory.schedules.map(s => s.name)).toEqual(['checkout-main']);
        // Her view keeps the level's name, but not who it reaches.
        expect(named(mallory, 'checkout-main')!.escalation[1]).toEqual({
          delayMinutes: 10,
          schedule: 'sre-daily',
          user: null,
        });
        expect(JSON.stringify(mallory)).not.toContain(sre.id);
      }

      // Nor does another's view, nor hers theirs.
      const oscar = await here.onCall(OSCAR);
      expect(oscar.schedules.map(s => s.name)).toEqual(['sre-daily']);
      expect(JSON.stringify(oscar)).not.toContain(checkout.id);
      expect((await here.onCall(LENA)).schedules).toEqual(lena.schedules);
    });

    it('answers the same compressed to callers who take gzip', async () => {
      const { here, there } = await setup();
      await there.store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      await there.store.createSchedule(toNewSchedule(sreSchedule()), ACTOR);
      const plain = await here.onCall();
      for (let i = 0; i < 2; i++) {
        const res = await rawGet(here.app, '/oncall', {
          authorization: mockCredentials.user.header(LENA),
          'accept-encoding': 'gzip, deflate, br',
        });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.headers.vary).toMatch(/Accept-Encoding/);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        // Node's gunzip checks the length and the CRC-32 of the member.
        const answer = JSON.parse(gunzipSync(res.body).toString('utf8'));
        expect(answer).toEqual({ ...plain, at: expect.any(String) });
        expect(Date.parse(answer.at)).toBeGreaterThanOrEqual(
          Date.parse(plain.at),
        );
      }
    });

    it('answers every schedule, however many there are', async () => {
      const { here, there } = await setup();
      const names = Array.from(
        { length: 230 },
        (_, i) => `team-${String(i).padStart(3, '0')}`,
      );
      for (const name of names) {
        await there.store.createSchedule(
          toNewSchedule({
            ...checkoutSchedule(name),
            escalationPolicy: null,
          }),
          ACTOR,
        );
      }
      const answer = await here.onCall();
      expect(answer.schedules.map(s => s.name)).toEqual(names);
      expect(new Set(answer.schedules.map(s => s.scheduleId)).size).toBe(
        names.length,
      );
    });
  });
});

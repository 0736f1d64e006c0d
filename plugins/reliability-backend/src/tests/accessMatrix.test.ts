import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import {
  paymentsEntity,
  TEST_OPENSLO,
  TEST_OPENSLO_URL,
  textResponse,
} from '../slo/__testUtils__/sloFixtures';
import {
  ADMIN,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  recordingAuditor,
  startReliabilityBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const ENTITY = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';
const SECRET = 'alertmanager-shared-secret';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Who = 'anonymous' | 'non-owner' | 'owner' | 'admin';

const PRINCIPALS: Record<Who, string | undefined> = {
  anonymous: undefined,
  'non-owner': NON_OWNER,
  owner: OWNER,
  admin: ADMIN,
};

/**
 * What a user notices: the answer, whether the records changed, the change
 * history, and the backend's audit events (who tried what, and whether it
 * was done), for refusals too.
 */
const OUTCOMES = {
  'denied-401': (_who?: string) => ({
    status: 401,
    unchanged: true,
    auditRowsAdded: 0,
    // Refused by the backend before the plugin sees the request.
    auditorEvents: [],
  }),
  'denied-403': (who?: string) => ({
    status: 403,
    unchanged: true,
    auditRowsAdded: 0,
    auditorEvents: [
      {
        eventId: 'write-denied',
        status: 'failed',
        actor: who,
        meta: {
          permission: expect.stringMatching(/^reliability\./),
          entityRef: expect.stringMatching(/^(component|group):default\//),
        },
        error: 'NotAllowedError',
      },
    ],
  }),
  // A refresh may find nothing new; every allowed write is audited once.
  allowed: (who?: string) => ({
    status: '2xx',
    unchanged: expect.any(Boolean),
    auditRowsAdded: 1,
    auditorEvents: [
      expect.objectContaining({ status: 'succeeded', actor: who }),
    ],
  }),
};

/** What each kind of caller sees on a write: owners and admins may, others may not. */
const EXPECTED: Record<Who, 'denied-401' | 'denied-403' | 'allowed'> = {
  anonymous: 'denied-401',
  'non-owner': 'denied-403',
  owner: 'allowed',
  admin: 'allowed',
};

const schedule = (name: string) => ({
  name,
  ownerRef: OWNER_GROUP,
  schedule: {
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'primary',
        participants: [OWNER],
        rotation: { length: 1, unit: 'weeks' },
        handoff: { time: '09:00', weekday: 1 },
        start: '2026-01-05',
      },
    ],
    overrides: [],
  },
});

/** A whole minute, `minutes` before now: a valid push bucket. */
const minutesAgo = (minutes: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000,
  ).toISOString();

describe('access matrix: who may write what', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const urlReader = mockServices.urlReader.mock({
        readUrl: async (url: string) => {
          if (url === TEST_OPENSLO_URL) {
            return textResponse(TEST_OPENSLO) as any;
          }
          throw new NotFoundError(`${url} does not exist`);
        },
        readTree: async (url: string) => {
          throw new NotFoundError(`${url} does not exist`);
        },
      });
      const payments = paymentsEntity(OWNER);
      const auditor = recordingAuditor();
      const { server } = await startReliabilityBackend({
        knex,
        entities: [
          {
            ...payments,
            metadata: {
              ...payments.metadata,
              annotations: {
                ...payments.metadata.annotations,
                // Refreshing reads this (and records what it found, a problem).
                'reliability-hub.io/runbooks':
                  'url:https://git.example.com/payments/runbooks',
                'reliability-hub.io/alert-selector': 'service=payments',
              },
            },
          },
        ],
        features: [urlReader.factory, auditor.factory],
        reliabilityConfig: { alertmanager: { webhookSecret: SECRET } },
      });
      const api = (method: Method, path: string, who?: string) =>
        request(server)
          [method](`/api/reliability${path}`)
          .set(
            'Authorization',
            who
              ? mockCredentials.user.header(who)
              : mockCredentials.none.header(),
          );
      const created = async (method: Method, path: string, body: object) => {
        const res = await api(method, path, OWNER).send(body);
        expect([path, res.status]).toEqual([path, expect.any(Number)]);
        expect(res.status).toBeLessThan(300);
        return res.body;
      };
      return { knex, api, created, server, auditorEvents: auditor.events };
    }

    type Ctx = Awaited<ReturnType<typeof setup>>;
    /** A write: what to send, made against fresh records, and what to read to see a change. */
    type Write = {
      method: Method;
      path: string;
      body?: object;
      read: string;
    };

    const incident = (ctx: Ctx) =>
      ctx.created('post', '/incidents', {
        entityRef: ENTITY,
        title: 'Checkout 5xx spike',
        severity: 'SEV2',
      });
    const postmortem = async (ctx: Ctx) =>
      ctx.created('post', '/postmortems', {
        entityRef: ENTITY,
        incidentIds: [(await incident(ctx)).id],
      });
    let counter = 0;
    const newSchedule = (ctx: Ctx) =>
      ctx.created('post', '/schedules', schedule(`matrix-${++counter}`));

    const WRITES: Array<[string, (ctx: Ctx) => Promise<Write>]> = [
      [
        'POST /incidents',
        async () => ({
          method: 'post',
          path: '/incidents',
          body: { entityRef: ENTITY, title: 'New', severity: 'SEV3' },
          read: `/incidents?entityRef=${ENTITY}`,
        }),
      ],
      [
        'PATCH /incidents/:id',
        async ctx => {
          const { id, version } = await incident(ctx);
          return {
            method: 'patch',
            path: `/incidents/${id}`,
            body: { version, title: 'Changed' },
            read: `/incidents/${id}`,
          };
        },
      ],
      [
        'POST /incidents/:id/notes',
        async ctx => {
          const { id } = await incident(ctx);
          return {
            method: 'post',
            path: `/incidents/${id}/notes`,
            body: { message: 'A note' },
            read: `/incidents/${id}`,
          };
        },
      ],
      [
        'POST /incidents/:id/acknowledge',
        async ctx => {
          const { id, version } = await incident(ctx);
          return {
            method: 'post',
            path: `/incidents/${id}/acknowledge`,
            body: { version },
            read: `/incidents/${id}`,
          };
        },
      ],
      [
        'POST /incidents/:id/updates',
        async ctx => {
          const { id, version } = await incident(ctx);
          return {
            method: 'post',
            path: `/incidents/${id}/updates`,
            body: {
              version,
              impact: 'Some payments fail',
              progress: 'Found it',
            },
            read: `/incidents/${id}`,
          };
        },
      ],
      [
        'POST /postmortems',
        async ctx => ({
          method: 'post',
          path: '/postmortems',
          body: { entityRef: ENTITY, incidentIds: [(await incident(ctx)).id] },
          read: `/postmortems?entityRef=${ENTITY}`,
        }),
      ],
      [
        'PATCH /postmortems/:id',
        async ctx => {
          const { id, version } = await postmortem(ctx);
          return {
            method: 'patch',
            path: `/postmortems/${id}`,
            body: { version, rootCause: 'Changed' },
            read: `/postmortems/${id}`,
          };
        },
      ],
      [
        'POST /postmortems/:id/action-items',
        async ctx => {
          const { id } = await postmortem(ctx);
          return {
            method: 'post',
            path: `/postmortems/${id}/action-items`,
            body: {
              title: 'Fix',
              type: 'prevent',
              priority: 'P2',
              owner: OWNER,
            },
            read: `/action-items?entityRef=${ENTITY}`,
          };
        },
      ],
      [
        'PATCH /action-items/:id',
        async ctx => {
          const pm = await postmortem(ctx);
          const item = await ctx.created(
            'post',
            `/postmortems/${pm.id}/action-items`,
            { title: 'Fix', type: 'prevent', priority: 'P2', owner: OWNER },
          );
          return {
            method: 'patch',
            path: `/action-items/${item.id}`,
            body: { version: item.version, status: 'done' },
            read: `/action-items?entityRef=${ENTITY}`,
          };
        },
      ],
      [
        'POST /schedules',
        async () => ({
          method: 'post',
          path: '/schedules',
          body: schedule(`matrix-new-${++counter}`),
          read: '/schedules',
        }),
      ],
      [
        'PUT /schedules/:id',
        async ctx => {
          const { id, version, name } = await newSchedule(ctx);
          return {
            method: 'put',
            path: `/schedules/${id}`,
            body: { ...schedule(name), version },
            read: `/schedules/${id}`,
          };
        },
      ],
      [
        'POST /schedules/:id/overrides',
        async ctx => {
          const { id, version } = await newSchedule(ctx);
          return {
            method: 'post',
            path: `/schedules/${id}/overrides`,
            body: {
              version,
              user: OWNER,
              start: '2027-03-01T09:00:00Z',
              end: '2027-03-01T17:00:00Z',
            },
            read: `/schedules/${id}`,
          };
        },
      ],
      [
        'DELETE /schedules/:id/overrides/:overrideId',
        async ctx => {
          const { id, version } = await newSchedule(ctx);
          const withOverride = await ctx.created(
            'post',
            `/schedules/${id}/overrides`,
            {
              version,
              user: OWNER,
              start: '2027-03-01T09:00:00Z',
              end: '2027-03-01T17:00:00Z',
            },
          );
          const overrideId = withOverride.schedule.overrides[0].id;
          return {
            method: 'delete',
            path: `/schedules/${id}/overrides/${overrideId}?version=${withOverride.version}`,
            read: `/schedules/${id}`,
          };
        },
      ],
      [
        'POST /schedules/import',
        async () => ({
          method: 'post',
          path: '/schedules/import',
          body: {
            apiVersion: 'reliability-hub.io/v1alpha1',
            kind: 'Schedule',
            ...schedule(`matrix-import-${++counter}`),
          },
          read: '/schedules',
        }),
      ],
      [
        'POST /schedules/:id/feed-token',
        async ctx => {
          const { id } = await newSchedule(ctx);
          return {
            method: 'post',
            path: `/schedules/${id}/feed-token`,
            read: `/schedules/${id}`,
          };
        },
      ],
      [
        'POST /slos/refresh',
        async () => ({
          method: 'post',
          path: `/slos/refresh?entityRef=${PAYMENTS}`,
          read: `/slos?entityRef=${PAYMENTS}`,
        }),
      ],
      [
        'POST /sli-samples',
        async () => ({
          method: 'post',
          path: '/sli-samples',
          body: {
            entityRef: PAYMENTS,
            sloName: 'payments-availability',
            samples: [{ bucketStart: minutesAgo(5), good: 99, total: 100 }],
          },
          read: `/slos/${encodeURIComponent(
            `${PAYMENTS}/payments-availability/0`,
          )}/history`,
        }),
      ],
      [
        'POST /runbooks/refresh',
        async () => ({
          method: 'post',
          path: `/runbooks/refresh?entityRef=${PAYMENTS}`,
          read: `/runbooks?entityRef=${PAYMENTS}`,
        }),
      ],
    ];

    /** Writes the policy opens wider than to owners: notes, to anyone signed in. */
    const WIDER: Record<string, Partial<typeof EXPECTED>> = {
      'POST /incidents/:id/notes': { 'non-owner': 'allowed' },
    };

    const CELLS = WRITES.flatMap(([name, prepare]) =>
      (Object.keys(PRINCIPALS) as Who[]).map(
        who =>
          [name, who, WIDER[name]?.[who] ?? EXPECTED[who], prepare] as const,
      ),
    );

    let ctx: Ctx;
    beforeAll(async () => {
      ctx = await setup();
    });

    it.each(CELLS)('%s as %s: %s', async (_name, who, expected, prepare) => {
      const write = await prepare(ctx);
      const auditBefore = await ctx.knex('audit_log').count({ n: '*' });
      const before = (await ctx.api('get', write.read, OWNER)).body;
      ctx.auditorEvents.length = 0;

      const res = await ctx
        .api(write.method, write.path, PRINCIPALS[who])
        .send(write.body ?? {});

      const auditorEvents = [...ctx.auditorEvents];
      const after = (await ctx.api('get', write.read, OWNER)).body;
      const auditAfter = await ctx.knex('audit_log').count({ n: '*' });
      expect({
        status: res.status < 300 ? '2xx' : res.status,
        unchanged: JSON.stringify(after) === JSON.stringify(before),
        auditRowsAdded: Number(auditAfter[0].n) - Number(auditBefore[0].n),
        auditorEvents,
      }).toEqual(OUTCOMES[expected](PRINCIPALS[who]));
    });

    it.each([
      ['anonymous', 401, undefined],
      ['signed in', 200, NON_OWNER],
    ] as const)('POST /feed-token/me %s: %s', async (_name, status, who) => {
      const res = await ctx.api('post', '/feed-token/me', who).send({});
      expect(res.status).toBe(status);
    });

    const alertGroup = (fingerprint: string) => ({
      version: '4',
      status: 'firing',
      receiver: 'reliability-hub',
      groupKey: `{}:{alertname="PaymentsDown-${fingerprint}"}`,
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.com',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'PaymentsDown', service: 'payments' },
          annotations: { summary: 'Payments are down' },
          startsAt: new Date().toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint,
        },
      ],
    });

    it.each([
      ['no secret', 401, 0, undefined],
      ['a wrong secret', 401, 0, 'Bearer not-the-secret'],
      ['a Backstage user token', 401, 0, mockCredentials.user.header(OWNER)],
      ['the right secret', 200, 1, `Bearer ${SECRET}`],
    ] as const)(
      'Alertmanager webhook with %s: %s, %s incident(s) opened',
      async (name, status, opened, authorization) => {
        const count = async (table: string) =>
          Number((await ctx.knex(table).count({ n: '*' }))[0].n);
        const before = await count('incidents');
        const historyBefore = await count('audit_log');
        ctx.auditorEvents.length = 0;
        const req = request(ctx.server).post(
          '/api/reliability/webhooks/alertmanager',
        );
        if (authorization) {
          req.set('Authorization', authorization);
        }
        const res = await req.send(alertGroup(`fp-${name.length}-${status}`));
        expect(res.status).toBe(status);
        expect((await count('incidents')) - before).toBe(opened);
        // Each incident opened is in the change history, and every call,
        // refused or not, is an event of the auditor on Alertmanager's behalf.
        expect((await count('audit_log')) - historyBefore).toBe(opened);
        expect(ctx.auditorEvents).toEqual([
          expect.objectContaining({
            eventId: 'alertmanager-webhook',
            status: status === 200 ? 'succeeded' : 'failed',
            meta: expect.objectContaining({ actor: 'alertmanager' }),
            ...(status === 200 ? {} : { error: 'AuthenticationError' }),
          }),
        ]);
      },
    );

    it('serves the iCalendar feed only with the newest token after a rotation', async () => {
      const { id } = await newSchedule(ctx);
      const rotate = async () => {
        const res = await ctx
          .api('post', `/schedules/${id}/feed-token`, OWNER)
          .send({});
        expect(res.status).toBe(200);
        return res.body.path as string;
      };
      // Calendar apps send no Backstage token: the feed's own token is the key.
      const feed = (path: string) =>
        request(ctx.server).get(`/api/reliability${path}`);

      const first = await rotate();
      expect((await feed(first)).status).toBe(200);
      const second = await rotate();
      expect(second).not.toEqual(first);

      const old = await feed(first);
      expect(old.status).toBe(401);
      expect(old.text).not.toContain('BEGIN:VCALENDAR');
      const current = await feed(second);
      expect(current.status).toBe(200);
      expect(current.text).toContain('BEGIN:VCALENDAR');
      expect((await feed(`/ical/schedules/${id}.ics`)).status).toBe(401);
    });
  });
});

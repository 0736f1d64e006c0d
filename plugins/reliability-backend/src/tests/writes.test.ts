import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  ADMIN,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const ENTITY = 'component:default/checkout';

describe('writes: authorization, concurrency, validation, audit', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      return { knex, api };
    }

    /** An incident, resolved, with a postmortem and an overdue action item. */
    async function ownerFlow(api: Awaited<ReturnType<typeof setup>>['api']) {
      const declared = await api('post', '/incidents', OWNER).send({
        entityRef: 'Component:default/Checkout',
        title: 'Checkout 5xx spike',
        severity: 'SEV2',
        summary: 'Pool exhausted',
      });
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({
        entityRef: ENTITY,
        status: 'investigating',
        source: 'portal',
        version: 1,
      });

      const resolved = await api(
        'patch',
        `/incidents/${declared.body.id}`,
        OWNER,
      ).send({
        version: 1,
        status: 'resolved',
        note: 'Pool raised to 100',
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', version: 2 });
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));
      expect(resolved.body.acknowledgedAt).toEqual(expect.any(String));

      const postmortem = await api('post', '/postmortems', OWNER).send({
        entityRef: ENTITY,
        incidentIds: [declared.body.id],
        rootCause: 'Pool of 50 connections',
      });
      expect(postmortem.status).toBe(201);
      expect(postmortem.body).toMatchObject({
        status: 'draft',
        author: OWNER,
        title: 'Postmortem: Checkout 5xx spike',
        incidentIds: [declared.body.id],
        incidentSeverities: ['SEV2'],
      });
      expect(postmortem.body.timeline).toContain(
        'Declared SEV2: Checkout 5xx spike',
      );
      expect(postmortem.body.timeline).toContain(
        'investigating → resolved. Pool raised to 100',
      );
      // People by name, as the catalog knows them, not by their refs.
      expect(postmortem.body.timeline).toContain('(lena.hoffmann)');
      expect(postmortem.body.timeline).not.toContain('user:default/');

      const item = await api(
        'post',
        `/postmortems/${postmortem.body.id}/action-items`,
        OWNER,
      ).send({
        title: 'Fix the feature connection use',
        type: 'prevent',
        priority: 'P1',
        owner: 'group:default/team-checkout',
        dueDate: '2020-01-31',
      });
      expect(item.status).toBe(201);
      expect(item.body).toMatchObject({
        status: 'open',
        overdue: true,
        entityRef: ENTITY,
      });
      return {
        incident: resolved.body,
        postmortem: postmortem.body,
        item: item.body,
      };
    }

    it('lets the owner run an incident to a postmortem with an action item, all audited', async () => {
      const { knex, api } = await setup();
      const { incident, postmortem, item } = await ownerFlow(api);

      const summary = await api(
        'get',
        `/entity-summary?entityRef=${ENTITY}`,
        NON_OWNER,
      );
      expect(summary.body.actionItems).toMatchObject({
        openCount: 1,
        overdueCount: 1,
        completionRate: 0,
      });
      const detail = await api('get', `/incidents/${incident.id}`, NON_OWNER);
      expect(detail.body.postmortems).toEqual([
        { id: postmortem.id, title: postmortem.title, status: 'draft' },
      ]);
      expect(detail.body.timeline.map((e: any) => e.type)).toEqual([
        'created',
        'status_change',
      ]);

      const done = await api('patch', `/action-items/${item.id}`, OWNER).send({
        version: 1,
        status: 'done',
      });
      expect(done.body).toMatchObject({
        status: 'done',
        overdue: false,
        version: 2,
      });
      expect(done.body.completedAt).toEqual(expect.any(String));

      const audit = await knex('audit_log').orderBy('id');
      expect(audit.map(a => [a.actor, a.action])).toEqual([
        [OWNER, 'incident.create'],
        [OWNER, 'incident.update'],
        [OWNER, 'postmortem.create'],
        [OWNER, 'action-item.create'],
        [OWNER, 'action-item.update'],
      ]);
      const update = audit[1];
      expect(JSON.parse(update.before)).toMatchObject({
        status: 'investigating',
        version: 1,
      });
      expect(JSON.parse(update.after)).toMatchObject({
        status: 'resolved',
        version: 2,
      });
      const itemUpdate = audit[4];
      expect(JSON.parse(itemUpdate.before).status).toBe('open');
      expect(JSON.parse(itemUpdate.after).status).toBe('done');
    });

    it('refuses a second postmortem of an incident, naming the first', async () => {
      const { api } = await setup();
      const { incident, postmortem } = await ownerFlow(api);
      const again = await Promise.all(
        [1, 2].map(() =>
          api('post', '/postmortems', OWNER).send({
            entityRef: ENTITY,
            incidentIds: [incident.id],
          }),
        ),
      );
      expect(again.map(r => r.status)).toEqual([409, 409]);
      expect(again[0].body.error.message).toContain(
        `already has postmortem ${postmortem.id}`,
      );
      const list = await api('get', `/postmortems?entityRef=${ENTITY}`, OWNER);
      expect(list.body.items).toHaveLength(1);
      // The list carries its incidents' severities, for search results.
      expect(list.body.items[0].incidentSeverities).toEqual(['SEV2']);
      // A real incident's postmortem is no drill's debrief.
      expect(list.body.items[0].drill).toBeNull();
    });

    it('answers 401 to every route without a token', async () => {
      const { api } = await setup();
      const id = '00000000-0000-4000-8000-000000000000';
      const routes: Array<['get' | 'post' | 'patch', string]> = [
        ['get', `/entity-summary?entityRef=${ENTITY}`],
        ['get', '/severities'],
        ['get', '/incidents'],
        ['get', `/incidents/${id}`],
        ['post', '/incidents'],
        ['patch', `/incidents/${id}`],
        ['post', `/incidents/${id}/notes`],
        ['post', `/incidents/${id}/acknowledge`],
        ['post', `/incidents/${id}/updates`],
        ['get', '/incident-templates'],
        ['get', '/postmortems'],
        ['get', `/postmortems/${id}`],
        ['post', '/postmortems'],
        ['patch', `/postmortems/${id}`],
        ['post', `/postmortems/${id}/action-items`],
        ['get', '/action-items'],
        ['patch', `/action-items/${id}`],
      ];
      for (const [method, path] of routes) {
        const res = await api(method, path).send({});
        expect([method, path, res.status]).toEqual([method, path, 401]);
      }
    });

    it('answers 403 to a signed-in non-owner on every write, changing nothing', async () => {
      const { knex, api } = await setup();
      const { incident, postmortem, item } = await ownerFlow(api);
      const auditBefore = await knex('audit_log').count({ n: '*' });

      const writes: Array<['post' | 'patch', string, object]> = [
        [
          'post',
          '/incidents',
          { entityRef: ENTITY, title: 'x', severity: 'SEV3' },
        ],
        [
          'patch',
          `/incidents/${incident.id}`,
          { version: incident.version, title: 'x' },
        ],
        [
          'post',
          `/incidents/${incident.id}/acknowledge`,
          { version: incident.version },
        ],
        [
          'post',
          '/postmortems',
          { entityRef: ENTITY, incidentIds: [incident.id] },
        ],
        ['patch', `/postmortems/${postmortem.id}`, { version: 1, title: 'x' }],
        [
          'post',
          `/postmortems/${postmortem.id}/action-items`,
          { title: 'x', type: 'detect', priority: 'P3', owner: NON_OWNER },
        ],
        [
          'patch',
          `/action-items/${item.id}`,
          { version: 1, status: 'wont_do' },
        ],
      ];
      for (const [method, path, body] of writes) {
        const res = await api(method, path, NON_OWNER).send(body);
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.body.error.message).toContain('only its owners');
      }
      expect(await knex('audit_log').count({ n: '*' })).toEqual(auditBefore);
      const stored = await api('get', `/incidents/${incident.id}`, NON_OWNER);
      expect(stored.body.title).toBe('Checkout 5xx spike');
    });

    it('lets any signed-in user add a note, but not change the incident', async () => {
      const { api } = await setup();
      const declared = await api('post', '/incidents', OWNER).send({
        entityRef: ENTITY,
        title: 'Checkout slow',
        severity: 'SEV2',
      });
      const note = await api(
        'post',
        `/incidents/${declared.body.id}/notes`,
        NON_OWNER,
      ).send({ message: 'Our team sees the same from cart' });
      expect(note.status).toBe(201);
      expect(note.body.timeline.at(-1)).toMatchObject({
        type: 'note',
        author: NON_OWNER,
        message: 'Our team sees the same from cart',
      });
      const change = await api(
        'patch',
        `/incidents/${declared.body.id}`,
        NON_OWNER,
      ).send({ version: 1, scribe: NON_OWNER });
      expect(change.status).toBe(403);
    });

    it('acknowledges once, naming who, and puts each role change on the timeline', async () => {
      const { api } = await setup();
      const declared = await api('post', '/incidents', OWNER).send({
        entityRef: ENTITY,
        title: 'Checkout down',
        severity: 'SEV1',
      });
      const path = `/incidents/${declared.body.id}`;

      const bad = await api('post', `${path}/acknowledge`, OWNER).send({
        version: 'one',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('version');

      const stale = await api('post', `${path}/acknowledge`, OWNER).send({
        version: 7,
      });
      expect(stale.status).toBe(409);

      // A change since the responder read the incident (an escalation, a
      // role) does not stop the acknowledgement.
      const commander = await api('patch', path, OWNER).send({
        version: 1,
        commander: OWNER,
      });
      expect(commander.body.version).toBe(2);
      const acked = await api('post', `${path}/acknowledge`, OWNER).send({
        version: 1,
      });
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({
        acknowledgedBy: OWNER,
        status: 'investigating',
        version: 3,
      });
      expect(acked.body.acknowledgedAt).toEqual(expect.any(String));

      const again = await api('post', `${path}/acknowledge`, ADMIN).send({
        version: 3,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(
        `already acknowledged by ${OWNER}`,
      );

      const roles = await api('patch', path, OWNER).send({
        version: 3,
        scribe: 'user:default/jane',
        commander: OWNER,
      });
      expect(roles.status).toBe(200);

      const byHumanId = await api(
        'get',
        `/incidents/${declared.body.humanId}`,
        NON_OWNER,
      );
      expect(declared.body.humanId).toMatch(/^INC-\d{8}-\d{3}$/);
      expect(byHumanId.body.id).toBe(declared.body.id);
      const badId = await api('get', '/incidents/INC-1', NON_OWNER);
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toContain('INC-20261207-001');

      const detail = await api('get', path, NON_OWNER);
      expect(
        detail.body.timeline
          .filter((e: any) => e.type !== 'created')
          .map((e: any) => [e.type, e.author, e.data])
          // events of one change share their time: order them by role
          .sort((a: any, b: any) =>
            `${a[0]}${a[2].role ?? ''}`.localeCompare(
              `${b[0]}${b[2].role ?? ''}`,
            ),
          ),
      ).toEqual([
        ['acknowledged', OWNER, { by: OWNER }],
        ['role_change', OWNER, { role: 'commander', from: null, to: OWNER }],
        [
          'role_change',
          OWNER,
          { role: 'scribe', from: null, to: 'user:default/jane' },
        ],
      ]);
    });

    it('numbers status updates, resets the update clock with each, and checks what it is given', async () => {
      const { api } = await setup();
      const declared = await api('post', '/incidents', OWNER).send({
        entityRef: ENTITY,
        title: 'Checkout down',
        severity: 'SEV1',
      });
      const path = `/incidents/${declared.body.humanId}`;
      expect((await api('get', path, NON_OWNER)).body.lastUpdateAt).toBeNull();

      const missing = await api('post', `${path}/updates`, OWNER).send({
        version: 1,
        progress: 'Looking',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('impact');

      for (const [version, progress] of [
        [1, 'Pool exhausted'],
        [2, 'Pool raised'],
      ] as const) {
        const posted = await api('post', `${path}/updates`, OWNER).send({
          version,
          impact: 'All card payments fail',
          progress,
        });
        expect(posted.status).toBe(201);
      }
      const stale = await api('post', `${path}/updates`, OWNER).send({
        version: 2,
        impact: 'x',
        progress: 'y',
      });
      expect(stale.status).toBe(409);

      const detail = (await api('get', path, NON_OWNER)).body;
      const updates = detail.timeline.filter(
        (e: any) => e.type === 'status_update',
      );
      expect(updates.map((e: any) => e.data.number)).toEqual([1, 2]);
      expect(updates[1].data).toMatchObject({
        status: 'investigating',
        impact: 'All card payments fail',
        progress: 'Pool raised',
        nextSteps: null,
      });
      // SEV1 asks for an update every 15 minutes.
      expect(
        Date.parse(updates[1].data.nextUpdateAt) - Date.parse(updates[1].at),
      ).toBe(15 * 60_000);
      expect(detail.lastUpdateAt).toBe(updates[1].at);

      const templates = await api('get', '/incident-templates', NON_OWNER);
      expect(templates.body.statusUpdate).toContain('{{updateNumber}}');
    });

    it('answers 409 to a stale version and keeps the stored record', async () => {
      const { api } = await setup();
      const { incident, postmortem, item } = await ownerFlow(api);

      const stale: Array<[string, object]> = [
        [`/incidents/${incident.id}`, { version: 1, title: 'Stale edit' }],
        [`/postmortems/${postmortem.id}`, { version: 7, title: 'Stale edit' }],
        [`/action-items/${item.id}`, { version: 9, title: 'Stale edit' }],
      ];
      for (const [path, body] of stale) {
        const res = await api('patch', path, OWNER).send(body);
        expect([path, res.status]).toEqual([path, 409]);
        expect(res.body.error.message).toMatch(/has changed since version/);
      }
      expect(
        (await api('get', `/incidents/${incident.id}`, OWNER)).body,
      ).toMatchObject({
        title: 'Checkout 5xx spike',
        version: 2,
      });
      expect(
        (await api('get', `/postmortems/${postmortem.id}`, OWNER)).body,
      ).toMatchObject({
        title: postmortem.title,
        version: 1,
      });
    });

    it.each([
      [
        'post',
        '/incidents',
        { entityRef: ENTITY, title: 'x', severity: 'SEV9' },
        /severity: must be one of SEV1, SEV2, SEV3, SEV4/,
      ],
      ['post', '/incidents', { entityRef: ENTITY, severity: 'SEV3' }, /title/],
      [
        'post',
        '/incidents',
        { entityRef: 'checkout', title: 'x', severity: 'SEV3' },
        /entityRef/,
      ],
      [
        'post',
        '/incidents',
        {
          entityRef: ENTITY,
          title: 'x',
          severity: 'SEV3',
          commander: 'group:default/x',
        },
        /commander: not a user ref/,
      ],
      [
        'post',
        '/incidents',
        {
          entityRef: ENTITY,
          title: 'x',
          severity: 'SEV3',
          startedAt: '2026-10-20T10:00:00Z',
          detectedAt: '2026-10-20T09:00:00Z',
        },
        /detectedAt: must not be before startedAt/,
      ],
      [
        'post',
        '/incidents',
        { entityRef: ENTITY, title: 'x', severity: 'SEV3', colour: 'red' },
        /colour/,
      ],
      [
        'post',
        '/postmortems',
        { entityRef: ENTITY, incidentIds: [] },
        /incidentIds/,
      ],
      [
        'post',
        '/postmortems',
        {
          entityRef: ENTITY,
          incidentIds: ['00000000-0000-4000-8000-000000000000'],
        },
        /incidentIds: no incident/,
      ],
    ] as const)(
      'answers 400 naming the field: %s %s %j',
      async (method, path, body, message) => {
        const { api } = await setup();
        const res = await api(method, path, OWNER).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('answers 400 for bad changes to existing records and 404 for unknown ids', async () => {
      const { api } = await setup();
      const { incident, postmortem, item } = await ownerFlow(api);

      const bad: Array<[string, object, RegExp]> = [
        [
          `/incidents/${incident.id}`,
          {
            version: 2,
            status: 'monitoring',
            resolvedAt: '2026-01-01T00:00:00Z',
          },
          /resolvedAt: only a resolved incident/,
        ],
        [`/incidents/${incident.id}`, { version: 2, version2: 1 }, /version2/],
        [
          `/postmortems/${postmortem.id}`,
          { version: 1, status: 'published' },
          /status: a postmortem is published when a reviewer other than its author approves it/,
        ],
        [
          `/action-items/${item.id}`,
          { version: 1, owner: 'group:default/nobody' },
          /owner: no user or group group:default\/nobody in the catalog/,
        ],
        [
          `/action-items/${item.id}`,
          { version: 1, dueDate: '31/01/2027' },
          /dueDate/,
        ],
        [
          `/action-items/${item.id}`,
          { version: 1, ticketUrl: 'java' + 'script:alert(1)' },
          /ticketUrl/,
        ],
      ];
      for (const [path, body, message] of bad) {
        const res = await api('patch', path, OWNER).send(body);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body.error.message).toMatch(message);
      }

      const missing = '00000000-0000-4000-8000-000000000000';
      for (const [method, path, body] of [
        ['get', `/incidents/${missing}`, {}],
        ['patch', `/incidents/${missing}`, { version: 1, title: 'x' }],
        ['post', `/incidents/${missing}/notes`, { message: 'x' }],
        ['get', `/postmortems/${missing}`, {}],
        ['patch', `/postmortems/${missing}`, { version: 1 }],
        [
          'post',
          `/postmortems/${missing}/action-items`,
          { title: 'x', type: 'detect', priority: 'P3', owner: OWNER },
        ],
        ['patch', `/action-items/${missing}`, { version: 1 }],
      ] as const) {
        const res = await api(method, path, OWNER).send(body);
        expect([method, path, res.status]).toEqual([method, path, 404]);
      }
    });

    it('declares a drill that keeps its kind, lists drills apart and leaves them out of the open count', async () => {
      const { api } = await setup();
      const declare = (body: object) =>
        api('post', '/incidents', OWNER).send({
          entityRef: ENTITY,
          title: 'Game day: lose the primary database',
          severity: 'SEV2',
          ...body,
        });
      const drill = await declare({ drill: 'game_day' });
      expect(drill.status).toBe(201);
      expect(drill.body).toMatchObject({ drill: 'game_day', version: 1 });
      const real = await declare({ title: 'Checkout 5xx spike' });
      expect(real.body.drill).toBeNull();

      const bad = await declare({ drill: 'fire_drill' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/drill/);

      for (const [id, change] of [
        [drill.body.id, null],
        [drill.body.id, 'tabletop'],
        [real.body.id, 'game_day'],
      ]) {
        const res = await api('patch', `/incidents/${id}`, OWNER).send({
          version: 1,
          drill: change,
        });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/drill/);
      }

      const list = async (query: string) =>
        (await api('get', `/incidents?${query}`, OWNER)).body.items.map(
          (incident: { id: string }) => incident.id,
        );
      expect(await list('drill=true')).toEqual([drill.body.id]);
      expect(await list('drill=false')).toEqual([real.body.id]);
      const badFilter = await api('get', '/incidents?drill=maybe', OWNER);
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.error.message).toMatch(/drill/);

      const summary = await api(
        'get',
        `/entity-summary?entityRef=${ENTITY}`,
        OWNER,
      );
      expect(summary.status).toBe(200);
      const { incidents } = summary.body;
      expect(incidents.openCount).toBe(1);
      expect(incidents.last30Days).toEqual([{ severity: 'SEV2', count: 1 }]);
      // Listed, marked, among the recent incidents.
      expect(
        incidents.recent.map((i: { drill: string | null }) => i.drill),
      ).toContain('game_day');
    });

    it('reopens a resolved incident and clears its resolution time', async () => {
      const { api } = await setup();
      const { incident } = await ownerFlow(api);
      const reopened = await api(
        'patch',
        `/incidents/${incident.id}`,
        OWNER,
      ).send({
        version: 2,
        status: 'investigating',
      });
      expect(reopened.body).toMatchObject({
        status: 'investigating',
        resolvedAt: null,
        version: 3,
      });
      const detail = await api('get', `/incidents/${incident.id}`, OWNER);
      expect(detail.body.timeline.at(-1).message).toBe(
        'Reopened: resolved → investigating',
      );
    });
  });
});

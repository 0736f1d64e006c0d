import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

const CART = 'component:default/cart';
const LEDGER = 'component:default/ledger';
const CHECKOUT = 'component:default/checkout';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A second component of team-checkout. */
const ledger = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger' },
  spec: { type: 'service', owner: OWNER_GROUP },
  relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
};

/**
 * The team's incidents under the default policies (SEV1 postmortem within
 * 48 h, SEV2 within 5 days, none required below): one SEV1 past due, one
 * SEV2 due in four days, one SEV1 whose postmortem is published, one SEV3,
 * an old SEV1 beyond the 90 days; two open incidents of cart, one of ledger,
 * and checkout's, which is not the team's.
 */
async function seed(knex: Knex, now: number) {
  const at = (msAgo: number) => new Date(now - msAgo);
  let n = 0;
  const incident = (
    entityRef: string,
    severity: string,
    startedAgo: number,
    resolvedAgo: number | null,
  ) => {
    const id = `inc-${++n}`;
    return {
      id,
      entity_ref: entityRef,
      title: `${severity} ${id}`,
      severity,
      status: resolvedAgo === null ? 'investigating' : 'resolved',
      source: 'portal',
      started_at: at(startedAgo),
      resolved_at: resolvedAgo === null ? null : at(resolvedAgo),
      created_at: at(startedAgo),
      updated_at: at(startedAgo),
    };
  };
  const rows = [
    incident(CART, 'SEV1', 3 * DAY, 3 * DAY - HOUR), // overdue
    incident(LEDGER, 'SEV2', 2 * DAY, DAY), // due
    incident(CART, 'SEV1', 5 * DAY, 5 * DAY - HOUR), // published
    incident(CART, 'SEV3', 2 * DAY, DAY), // none required
    incident(CART, 'SEV1', 120 * DAY, 120 * DAY - HOUR), // too old
    incident(CART, 'SEV2', HOUR, null),
    incident(CART, 'SEV3', 2 * HOUR, null),
    incident(LEDGER, 'SEV4', HOUR, null),
    incident(CHECKOUT, 'SEV1', 3 * DAY, 3 * DAY - HOUR),
  ];
  await knex('incidents').insert(rows);
  await knex('postmortems').insert({
    id: 'pm-1',
    entity_ref: CART,
    title: 'Cart outage',
    status: 'published',
    author: OWNER,
    published_at: at(4 * DAY),
    created_at: at(5 * DAY),
    updated_at: at(4 * DAY),
  });
  await knex('postmortem_incidents').insert({
    postmortem_id: 'pm-1',
    incident_id: 'inc-3',
  });
}

describe('GET /entity-summary of a group', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'counts the postmortems the team owes and each component’s open incidents, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({
        knex,
        entities: [ledger],
      });
      await seed(knex, Date.now());
      const res = await apiClient(server)(
        'get',
        `/entity-summary?entityRef=${OWNER_GROUP}`,
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      expect(res.body.components).toEqual([CART, LEDGER]);
      expect(res.body.incidents).toMatchObject({
        openCount: 3,
        openByEntity: { [CART]: 2, [LEDGER]: 1 },
        postmortemsDue: { count: 2, overdueCount: 1 },
      });
    },
  );
});

describe('GET /entity-summary of a component', () => {
  /** The catalog reads that a request makes, not the background refreshes. */
  const READS = ['getEntityByRef', 'getEntitiesByRefs', 'getEntities'];

  it('asks the catalog for the component once, whatever the cards need of it', async () => {
    const catalogCalls: string[] = [];
    const { server } = await startReliabilityBackend({ catalogCalls });
    const api = apiClient(server);
    catalogCalls.length = 0;
    const res = await api(
      'get',
      `/entity-summary?entityRef=${CHECKOUT}`,
      NON_OWNER,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: CHECKOUT,
      oncall: { schedules: [] },
      slos: { configured: false, slos: [] },
      deployGate: { standard: { verdict: 'allowed' } },
    });
    expect(catalogCalls.filter(call => READS.includes(call))).toEqual([
      'getEntityByRef',
    ]);
  });

  it('shares the read between callers who may read the whole catalog, for a few seconds', async () => {
    const catalogCalls: string[] = [];
    const { server } = await startReliabilityBackend({ catalogCalls });
    const api = apiClient(server);
    catalogCalls.length = 0;
    const answers = [];
    for (const who of [NON_OWNER, OWNER, NON_OWNER]) {
      answers.push(
        await api('get', `/entity-summary?entityRef=${CHECKOUT}`, who),
      );
    }
    expect(answers.map(res => res.status)).toEqual([200, 200, 200]);
    expect(catalogCalls.filter(call => READS.includes(call))).toEqual([
      'getEntityByRef',
    ]);
  });

  it('asks the catalog with the caller’s own credentials when the policy hides entities from them', async () => {
    const catalogCalls: string[] = [];
    const { server } = await startReliabilityBackend({
      catalogCalls,
      hiddenFrom: { [NON_OWNER]: ['component:default/cart'] },
    });
    const api = apiClient(server);
    catalogCalls.length = 0;
    for (const who of [OWNER, NON_OWNER, NON_OWNER]) {
      expect(
        (await api('get', `/entity-summary?entityRef=${CHECKOUT}`, who)).status,
      ).toBe(200);
    }
    // One shared read for the owner, one per request for the other.
    expect(catalogCalls.filter(call => READS.includes(call))).toEqual([
      'getEntityByRef',
      'getEntityByRef',
      'getEntityByRef',
    ]);
    expect(
      (
        await api(
          'get',
          '/entity-summary?entityRef=component:default/cart',
          NON_OWNER,
        )
      ).status,
    ).toBe(404);
  });

  it('answers a component the catalog hides from the caller as one it does not have', async () => {
    const { server } = await startReliabilityBackend({
      hiddenFrom: { [NON_OWNER]: [CHECKOUT] },
    });
    const api = apiClient(server);
    const hidden = await api(
      'get',
      `/entity-summary?entityRef=${CHECKOUT}`,
      NON_OWNER,
    );
    const unknown = await api(
      'get',
      '/entity-summary?entityRef=component:default/nope',
      NON_OWNER,
    );
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(hidden.body.error.message).toBe(
      `No entity ${CHECKOUT} in the catalog`,
    );
    expect(
      (await api('get', `/entity-summary?entityRef=${CHECKOUT}`, OWNER)).status,
    ).toBe(200);
  });
});

describe('GET /entity-summary after a write', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'shows each write to the incidents, postmortems and action items on the next request, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      const summary = async () => {
        const res = await api(
          'get',
          `/entity-summary?entityRef=${CHECKOUT}`,
          NON_OWNER,
        );
        expect(res.status).toBe(200);
        return res.body;
      };
      const declare = async (title: string) => {
        const res = await api('post', '/incidents', OWNER).send({
          entityRef: CHECKOUT,
          title,
          severity: 'SEV1',
        });
        expect(res.status).toBe(201);
        return res.body;
      };
      const resolve = async (incident: { id: string; version: number }) => {
        const res = await api('patch', `/incidents/${incident.id}`, OWNER).send(
          { version: incident.version, status: 'resolved' },
        );
        expect(res.status).toBe(200);
        return res.body;
      };
      expect((await summary()).incidents.openCount).toBe(0);

      // Declared: open.
      const declared = await declare('Checkout 5xx spike');
      expect((await summary()).incidents).toMatchObject({
        openCount: 1,
        recent: [{ id: declared.id, lastUpdateAt: null }],
      });

      // A status update: the incident's update clock restarts.
      const updated = await api(
        'post',
        `/incidents/${declared.id}/updates`,
        OWNER,
      ).send({
        version: declared.version,
        impact: 'Checkout fails for 5% of customers',
        progress: 'Raising the pool',
      });
      expect(updated.status).toBe(201);
      const afterUpdate = (await summary()).incidents.recent[0];
      expect(afterUpdate.lastUpdateAt).toEqual(expect.any(String));

      // Resolved: a SEV1 owes a postmortem; so does a second one.
      const first = await resolve(updated.body);
      expect((await summary()).incidents).toMatchObject({
        openCount: 0,
        postmortemsDue: { count: 1, overdueCount: 0 },
      });
      const second = await resolve(await declare('Checkout 5xx again'));
      expect((await summary()).incidents.postmortemsDue.count).toBe(2);

      // A postmortem of the first, reviewed and published: one owed.
      const draft = await api('post', '/postmortems', OWNER).send({
        entityRef: CHECKOUT,
        incidentIds: [first.id],
      });
      expect(draft.status).toBe(201);
      const path = `/postmortems/${draft.body.id}`;
      const inReview = await api('patch', path, OWNER).send({
        version: draft.body.version,
        reviewers: [NON_OWNER],
        status: 'in_review',
      });
      expect(inReview.status).toBe(200);
      expect((await summary()).incidents.postmortemsDue.count).toBe(2);
      const published = await api('post', `${path}/approve`, NON_OWNER).send({
        version: inReview.body.version,
      });
      expect(published.status).toBe(200);
      expect((await summary()).incidents).toMatchObject({
        postmortemsDue: { count: 1 },
        recent: expect.arrayContaining([
          expect.objectContaining({
            id: first.id,
            postmortemPublishedAt: expect.any(String),
          }),
        ]),
      });

      // Linked to the second incident too: none owed.
      const linked = await api('patch', path, OWNER).send({
        version: published.body.version,
        incidentIds: [first.id, second.id],
      });
      expect(linked.status).toBe(200);
      expect((await summary()).incidents.postmortemsDue.count).toBe(0);

      // An action item, then done.
      const item = await api('post', `${path}/action-items`, OWNER).send({
        title: 'Alert on pool saturation',
        type: 'detect',
        priority: 'P2',
        owner: OWNER_GROUP,
      });
      expect(item.status).toBe(201);
      expect((await summary()).actionItems).toMatchObject({
        openCount: 1,
        completionRate: 0,
        items: [{ id: item.body.id, status: 'open' }],
      });
      const done = await api(
        'patch',
        `/action-items/${item.body.id}`,
        OWNER,
      ).send({ version: item.body.version, status: 'done' });
      expect(done.status).toBe(200);
      expect((await summary()).actionItems).toMatchObject({
        openCount: 0,
        completionRate: 1,
        items: [],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'shows a write another backend made on the next request, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const reader = apiClient(
        (await startReliabilityBackend({ knex })).server,
      );
      const writer = apiClient(
        (await startReliabilityBackend({ knex })).server,
      );
      const summary = async () =>
        (
          await reader(
            'get',
            `/entity-summary?entityRef=${OWNER_GROUP}`,
            NON_OWNER,
          )
        ).body.incidents;
      expect(await summary()).toMatchObject({ openCount: 0 });

      const declared = await writer('post', '/incidents', OWNER).send({
        entityRef: CART,
        title: 'Cart empty',
        severity: 'SEV3',
      });
      expect(declared.status).toBe(201);
      expect(await summary()).toMatchObject({
        openCount: 1,
        openByEntity: { [CART]: 1 },
      });

      // Any writer of the rows, not only the stores, raises the stamp.
      await knex('incidents')
        .where({ id: declared.body.id })
        .update({ title: 'Cart empty for everyone' });
      expect((await summary()).recent[0].title).toBe('Cart empty for everyone');
    },
  );
});

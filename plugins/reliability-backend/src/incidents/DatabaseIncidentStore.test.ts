import { TestDatabases } from '@backstage/backend-test-utils';
import {
  computeIncidentClocks,
  DEFAULT_SEVERITY_LEVELS,
  needsAttention,
} from '@reliability-hub/plugin-reliability-common';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { NewIncident } from './IncidentStore';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-22T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function incident(overrides: Partial<NewIncident>): NewIncident {
  return {
    title: 'Something broke',
    entityRef: 'component:default/checkout',
    severity: 'SEV3',
    status: 'resolved',
    source: 'portal',
    startedAt: ago(DAY),
    ...overrides,
  };
}

describe('DatabaseIncidentStore', () => {
  const databases = TestDatabases.create();

  async function createStore(databaseId: any) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    return { knex, store: DatabaseIncidentStore.create({ knex }) };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores an incident with its timeline and an audit record', async () => {
      const { knex, store } = await createStore(databaseId);
      const created = await store.createIncident(
        incident({
          title: 'Pool exhausted',
          severity: 'SEV2',
          startedAt: new Date('2026-10-20T10:00:00.123Z'),
          resolvedAt: new Date('2026-10-20T11:15:00.123Z'),
          commander: 'user:default/jonas.weber',
        }),
        [
          { type: 'note', at: new Date('2026-10-20T10:05:00Z'), message: 'b' },
          { type: 'note', at: new Date('2026-10-20T10:01:00Z'), message: 'a' },
        ],
        'user:default/jonas.weber',
      );

      expect(created).toMatchObject({
        title: 'Pool exhausted',
        severity: 'SEV2',
        startedAt: '2026-10-20T10:00:00.123Z',
        resolvedAt: '2026-10-20T11:15:00.123Z',
        acknowledgedAt: null,
        version: 1,
      });
      expect(await store.getIncident(created.id)).toEqual({
        ...created,
        lastUpdateAt: null,
        postmortemPublishedAt: null,
      });
      expect((await store.listEvents(created.id)).map(e => e.message)).toEqual([
        'a',
        'b',
      ]);

      const audit = await knex('audit_log').select();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'user:default/jonas.weber',
        action: 'incident.create',
        resource_id: created.id,
        entity_ref: 'component:default/checkout',
        before: null,
      });
      expect(JSON.parse(audit[0].after).title).toBe('Pool exhausted');
    });

    it('refuses a second incident with the same source and external id, writing nothing', async () => {
      const { knex, store } = await createStore(databaseId);
      const first = incident({ source: 'alertmanager', externalId: 'g1' });
      await store.createIncident(first, [], 'alertmanager');

      await expect(
        store.createIncident(
          first,
          [{ type: 'note', at: NOW, message: 'dup' }],
          'alertmanager',
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(Number((await knex('incidents').count({ n: '*' }))[0].n)).toBe(1);
      expect(
        Number((await knex('incident_events').count({ n: '*' }))[0].n),
      ).toBe(0);
      expect(Number((await knex('audit_log').count({ n: '*' }))[0].n)).toBe(1);
    });

    it('lists newest first with filters and a cursor that neither skips nor repeats', async () => {
      const { store } = await createStore(databaseId);
      const sameStart = ago(2 * DAY);
      for (let i = 0; i < 7; i++) {
        await store.createIncident(
          incident({
            title: `i${i}`,
            // three share one start time, so the id breaks the tie
            startedAt: i < 3 ? sameStart : ago((10 + i) * DAY),
            severity: i % 2 ? 'SEV2' : 'SEV4',
            entityRef:
              i === 6 ? 'component:default/cart' : 'component:default/checkout',
            status: i === 5 ? 'monitoring' : 'resolved',
          }),
          [],
          'test',
        );
      }

      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listIncidents({}, { limit: 2, cursor });
        titles.push(...page.items.map(i => i.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(titles).toHaveLength(7);
      expect(new Set(titles).size).toBe(7);
      expect(titles.slice(3)).toEqual(['i3', 'i4', 'i5', 'i6']);

      const filtered = await store.listIncidents(
        {
          entityRefs: ['component:default/checkout'],
          severities: ['SEV2'],
          startedAfter: ago(14 * DAY),
        },
        { limit: 10 },
      );
      expect(filtered.items.map(i => i.title).sort()).toEqual(['i1', 'i3']);

      const open = await store.listIncidents({ status: 'open' }, { limit: 10 });
      expect(open.items.map(i => i.title)).toEqual(['i5']);
    });

    it('numbers incidents INC-YYYYMMDD-NNN per day of their start, uniquely under concurrent declarations', async () => {
      const { store } = await createStore(databaseId);
      const day = new Date('2026-12-07T08:00:00Z');
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.createIncident(
            incident({ title: `concurrent ${i}`, startedAt: day }),
            [],
            'test',
          ),
        ),
      );
      const ids = created.map(i => i.humanId).sort();
      expect(ids).toEqual(
        Array.from(
          { length: 20 },
          (_, i) => `INC-20261207-${String(i + 1).padStart(3, '0')}`,
        ),
      );
      const nextDay = await store.createIncident(
        incident({ startedAt: new Date('2026-12-08T00:00:00Z') }),
        [],
        'test',
      );
      expect(nextDay.humanId).toBe('INC-20261208-001');
      expect((await store.getIncident('INC-20261208-001'))?.id).toBe(
        nextDay.id,
      );
    });

    it('lists as needing attention exactly the incidents whose clocks are overdue', async () => {
      const { knex, store } = await createStore(databaseId);
      const min = (n: number) => ago(n * MINUTE);
      const cases: Array<[string, Partial<NewIncident>, Date[]]> = [
        // [title, incident, status update times]
        [
          'sev1 unacknowledged 4 min',
          { severity: 'SEV1', status: 'investigating', startedAt: min(4) },
          [],
        ],
        [
          'sev1 unacknowledged 6 min',
          { severity: 'SEV1', status: 'investigating', startedAt: min(6) },
          [],
        ],
        [
          'sev1 acked, no update for 16 min',
          {
            severity: 'SEV1',
            status: 'identified',
            startedAt: min(16),
            acknowledgedAt: min(15),
          },
          [],
        ],
        [
          'sev1 acked, updated 10 min ago',
          {
            severity: 'SEV1',
            status: 'identified',
            startedAt: min(16),
            acknowledgedAt: min(15),
          },
          [min(10)],
        ],
        [
          'sev1 open past its mitigation target',
          {
            severity: 'SEV1',
            status: 'identified',
            startedAt: min(70),
            acknowledgedAt: min(69),
          },
          [min(1)],
        ],
        [
          'sev3 unacknowledged 3 h',
          { severity: 'SEV3', status: 'investigating', startedAt: min(180) },
          [],
        ],
        [
          'sev2 resolved 6 days ago',
          {
            severity: 'SEV2',
            status: 'resolved',
            startedAt: ago(6 * DAY + 10 * MINUTE),
            acknowledgedAt: ago(6 * DAY + 9 * MINUTE),
            mitigatedAt: ago(6 * DAY),
            resolvedAt: ago(6 * DAY),
          },
          [],
        ],
        [
          'sev2 resolved 6 days ago, published',
          {
            severity: 'SEV2',
            status: 'resolved',
            startedAt: ago(6 * DAY + 10 * MINUTE),
            acknowledgedAt: ago(6 * DAY + 9 * MINUTE),
            mitigatedAt: ago(6 * DAY),
            resolvedAt: ago(6 * DAY),
          },
          [],
        ],
        [
          'sev3 resolved long ago',
          {
            severity: 'SEV3',
            status: 'resolved',
            startedAt: ago(30 * DAY),
            acknowledgedAt: ago(30 * DAY),
            mitigatedAt: ago(30 * DAY),
            resolvedAt: ago(30 * DAY),
          },
          [],
        ],
      ];
      const ids = new Map<string, string>();
      for (const [title, fields, updates] of cases) {
        const created = await store.createIncident(
          incident({ title, detectedAt: fields.startedAt, ...fields }),
          updates.map(at => ({ type: 'status_change', at, message: 'moved' })),
          'test',
        );
        ids.set(title, created.id);
      }
      await knex('postmortems').insert({
        id: 'pm-1',
        entity_ref: 'component:default/checkout',
        title: 'Published',
        status: 'published',
        author: 'user:default/a',
        published_at: ago(DAY),
        created_at: ago(DAY),
        updated_at: ago(DAY),
      });
      await knex('postmortem_incidents').insert({
        postmortem_id: 'pm-1',
        incident_id: ids.get('sev2 resolved 6 days ago, published'),
      });

      const listed = await store.listIncidents(
        {
          needsAttention: { now: NOW, severities: DEFAULT_SEVERITY_LEVELS },
        },
        { limit: 50 },
      );
      const expected = (
        await store.listIncidents({}, { limit: 50 })
      ).items.filter(i =>
        needsAttention(
          computeIncidentClocks(
            i,
            DEFAULT_SEVERITY_LEVELS.find(l => l.id === i.severity)!.policy!,
            NOW,
          ),
        ),
      );
      expect(listed.items.map(i => i.title).sort()).toEqual(
        [
          'sev1 acked, no update for 16 min',
          'sev1 open past its mitigation target',
          'sev1 unacknowledged 6 min',
          'sev2 resolved 6 days ago',
          'sev3 unacknowledged 3 h',
        ].sort(),
      );
      expect(listed.items.map(i => i.title).sort()).toEqual(
        expected.map(i => i.title).sort(),
      );
      const published = listed.items.length
        ? (await store.getIncident(
            ids.get('sev2 resolved 6 days ago, published')!,
          ))!
        : undefined;
      expect(published?.postmortemPublishedAt).toBe(ago(DAY).toISOString());
    });

    it('summarises an entity in SQL: open count, severities per window, MTTA and MTTR', async () => {
      const { store } = await createStore(databaseId);
      const add = (o: Partial<NewIncident>) =>
        store.createIncident(incident(o), [], 'test');

      // 10 days ago, acknowledged after 9 min, resolved after 75 min
      await add({
        severity: 'SEV2',
        startedAt: ago(10 * DAY),
        acknowledgedAt: ago(10 * DAY - 9 * MINUTE),
        resolvedAt: ago(10 * DAY - 75 * MINUTE),
      });
      // 40 days ago, acknowledged after 3 min, resolved after 45 min
      await add({
        severity: 'SEV3',
        startedAt: ago(40 * DAY),
        acknowledgedAt: ago(40 * DAY - 3 * MINUTE),
        resolvedAt: ago(40 * DAY - 45 * MINUTE),
      });
      // open now, not acknowledged: counts as open, not in the means
      await add({
        severity: 'SEV3',
        status: 'investigating',
        startedAt: ago(MINUTE * 30),
      });
      // too old for the 90-day window
      await add({
        severity: 'SEV1',
        startedAt: ago(120 * DAY),
        resolvedAt: ago(119 * DAY),
      });
      // another entity
      await add({ entityRef: 'component:default/cart', status: 'identified' });

      const { answer: summary, holdsUntil } = await store.getEntitySummary(
        'component:default/checkout',
        {
          now: NOW,
          recentLimit: 3,
        },
      );
      // Until the incident of 10 days ago leaves the last 30 days.
      expect(holdsUntil).toBe(NOW.getTime() + 20 * DAY + 1);

      expect(summary.openCount).toBe(1);
      expect(summary.last30Days).toEqual([
        { severity: 'SEV2', count: 1 },
        { severity: 'SEV3', count: 1 },
      ]);
      expect(summary.last90Days).toEqual([
        { severity: 'SEV2', count: 1 },
        { severity: 'SEV3', count: 2 },
      ]);
      expect(summary.mttaSeconds).toBe(6 * 60);
      expect(summary.mttrSeconds).toBe(60 * 60);
      expect(summary.recent.map(i => i.status)).toEqual([
        'investigating',
        'resolved',
        'resolved',
      ]);
    });

    it('summarises an entity without incidents as empty, not as an error', async () => {
      const { store } = await createStore(databaseId);
      expect(
        await store.getEntitySummary('component:default/ledger', {
          now: NOW,
          recentLimit: 5,
        }),
      ).toEqual({
        answer: {
          openCount: 0,
          last30Days: [],
          last90Days: [],
          mttaSeconds: null,
          mttrSeconds: null,
          repeatCount: 0,
          recent: [],
        },
        holdsUntil: Infinity,
      });
    });
  });
});

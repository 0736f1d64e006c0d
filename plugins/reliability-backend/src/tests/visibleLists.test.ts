import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CallerVisibility,
  EntityRecordList,
  withinScope,
} from '../access/EntityVisibility';
import { DatabaseActionItemStore } from '../actionItems/DatabaseActionItemStore';
import { ActionItemFilter } from '../actionItems/ActionItemStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { IncidentFilter } from '../incidents/IncidentStore';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { PostmortemFilter } from '../postmortems/PostmortemStore';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const TODAY = '2026-11-22';
const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-11-22T00:00:00Z');

/** The catalog of a policy that hides ledger and the h* entities. */
const catalog = {
  async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
    return {
      items: entityRefs.map(ref =>
        ref === LEDGER || ref.startsWith('component:default/h') ? null : {},
      ),
    };
  },
} as unknown as CatalogService;

/**
 * Whose records, newest first: visible ones among ledger's, then many
 * different hidden entities, then visible ones again, then ledger's last.
 */
const OWNERS = [
  ...Array.from({ length: 6 }, (_, i) =>
    i % 2 ? LEDGER : 'component:default/checkout',
  ),
  ...Array.from({ length: 12 }, (_, i) => `component:default/h${i}`),
  'component:default/cart',
  'component:default/checkout',
  LEDGER,
  LEDGER,
];
const VISIBLE = OWNERS.filter(
  ref => ref !== LEDGER && !ref.startsWith('component:default/h'),
);

async function readAll<T extends { entityRef: string }>(
  source: EntityRecordList<T>,
  limit: number,
) {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const visible = new CallerVisibility(
      catalog,
      mockCredentials.user('user:default/mallory'),
    );
    const page = await visible.page({ limit, cursor }, source);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

/** What the pages hold, and what they should: every page but the last full. */
function pagesAndExpected(
  pages: Array<Array<{ entityRef: string }>>,
  limit: number,
) {
  return [
    {
      entityRefs: pages.flat().map(item => item.entityRef),
      sizes: pages.map(page => page.length),
    },
    {
      entityRefs: VISIBLE,
      sizes: Array.from({ length: Math.ceil(VISIBLE.length / limit) }, (_, i) =>
        Math.min(limit, VISIBLE.length - i * limit),
      ),
    },
  ];
}

describe('lists of the records a caller may see', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function seeded() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const incidents = DatabaseIncidentStore.create({ knex });
      const postmortems = DatabasePostmortemStore.create({ knex });
      const actionItems = DatabaseActionItemStore.create({ knex });
      // Oldest first, so the lists (newest first) come out in OWNERS order.
      for (const [index, entityRef] of [...OWNERS.entries()].reverse()) {
        const at = new Date(START - index * HOUR);
        const incident = await incidents.createIncident(
          {
            title: `Incident ${index}`,
            entityRef,
            severity: 'SEV3',
            status: 'investigating',
            source: 'portal',
            startedAt: at,
          },
          [],
          'user:default/owner',
        );
        const postmortem = await postmortems.createPostmortem(
          {
            entityRef,
            title: `Postmortem ${index}`,
            author: 'user:default/owner',
            incidentIds: [incident.id],
          },
          'user:default/owner',
        );
        await actionItems.createActionItem(
          {
            postmortemId: postmortem.id,
            entityRef,
            title: `Item ${index}`,
            type: 'prevent',
            priority: 'P2',
            owner: 'group:default/team',
          },
          'user:default/owner',
          TODAY,
        );
        // created_at orders postmortems and action items.
        await knex('postmortems')
          .where({ id: postmortem.id })
          .update({ created_at: at });
        await knex('action_items')
          .where({ postmortem_id: postmortem.id })
          .update({ created_at: at });
      }
      return { incidents, postmortems, actionItems };
    }

    it.each([1, 2, 3, 5])(
      'pages incidents, postmortems and action items %s at a time, full',
      async limit => {
        const { incidents, postmortems, actionItems } = await seeded();
        const check = (
          pages: Array<Array<{ entityRef: string }>>,
          n: number,
        ) => {
          const [actual, expected] = pagesAndExpected(pages, n);
          expect(actual).toEqual(expected);
        };
        const incidentFilter: IncidentFilter = { status: 'open' };
        check(
          await readAll(
            {
              list: (page, scope) =>
                incidents.listIncidents(
                  withinScope(incidentFilter, scope),
                  page,
                ),
              entityRefs: () => incidents.listEntityRefs(incidentFilter),
              entityRefOf: item => item.entityRef,
            },
            limit,
          ),
          limit,
        );
        const postmortemFilter: PostmortemFilter = { status: 'draft' };
        check(
          await readAll(
            {
              list: (page, scope) =>
                postmortems.listPostmortems(
                  withinScope(postmortemFilter, scope),
                  page,
                ),
              entityRefs: () => postmortems.listEntityRefs(postmortemFilter),
              entityRefOf: item => item.entityRef,
            },
            limit,
          ),
          limit,
        );
        const itemFilter: ActionItemFilter = { status: 'open', today: TODAY };
        check(
          await readAll(
            {
              list: (page, scope) =>
                actionItems.listActionItems(
                  withinScope(itemFilter, scope),
                  page,
                ),
              entityRefs: () => actionItems.listEntityRefs(itemFilter),
              entityRefOf: item => item.entityRef,
            },
            limit,
          ),
          limit,
        );
      },
    );
  });
});

import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Page } from '@reliability-hub/plugin-reliability-common';
import {
  CallerVisibility,
  EntityRecordList,
  EntityVisibility,
  EntityScope,
  withinScope,
} from './EntityVisibility';

type Row = { id: number; entityRef: string };

/** A catalog that hides some entities from the caller, counting its calls. */
function catalogHiding(hidden: Set<string>) {
  const calls: string[][] = [];
  const catalog = {
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      calls.push(entityRefs);
      return {
        items: entityRefs.map(ref =>
          hidden.has(ref) ? null : { kind: 'Component' },
        ),
      };
    },
  } as unknown as CatalogService;
  return { catalog, calls };
}

/** An in-memory keyset list, as the stores page: cursor = last id. */
function listOf(rows: Row[]) {
  let queries = 0;
  const inScope = (scope: EntityScope) => (row: Row) =>
    'only' in scope
      ? scope.only.includes(row.entityRef)
      : !scope.exclude.includes(row.entityRef);
  const source: EntityRecordList<Row> = {
    async list(page, scope) {
      queries++;
      const after = page.cursor === undefined ? -1 : Number(page.cursor);
      const matching = rows.filter(r => r.id > after).filter(inScope(scope));
      const items = matching.slice(0, page.limit);
      return matching.length > page.limit
        ? { items, nextCursor: String(items[items.length - 1].id) }
        : { items };
    },
    async entityRefs() {
      queries++;
      return [...new Set(rows.map(r => r.entityRef))];
    },
    entityRefOf: row => row.entityRef,
  };
  return { source, queries: () => queries };
}

/** Rows `refs[i]` for i = 0, 1, …, with ids in list order. */
const rowsOf = (refs: string[]): Row[] =>
  refs.map((entityRef, id) => ({ id, entityRef }));

async function readAll(
  rows: Row[],
  hidden: Set<string>,
  limit: number,
): Promise<{ pages: Page<Row>[]; catalogCalls: number[]; queries: number[] }> {
  const pages: Page<Row>[] = [];
  const catalogCalls: number[] = [];
  const queries: number[] = [];
  let cursor: string | undefined;
  do {
    // A new request per page, as over HTTP.
    const { catalog, calls } = catalogHiding(hidden);
    const list = listOf(rows);
    const visible = new CallerVisibility(
      catalog,
      mockCredentials.user('user:default/mallory'),
    );
    const page = await visible.page({ limit, cursor }, list.source);
    pages.push(page);
    catalogCalls.push(calls.length);
    queries.push(list.queries());
    cursor = page.nextCursor;
  } while (cursor && pages.length < 1000);
  return { pages, catalogCalls, queries };
}

/** A small deterministic PRNG, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('CallerVisibility.page', () => {
  const LEDGER = 'component:default/ledger';
  const ledgerHidden = new Set([LEDGER]);

  it.each([
    {
      name: 'nothing hidden',
      refs: Array(25).fill('component:default/checkout'),
      hidden: new Set<string>(),
    },
    {
      name: 'a hidden entity interleaved',
      refs: Array.from({ length: 40 }, (_, i) =>
        i % 3 === 0 ? LEDGER : 'component:default/checkout',
      ),
      hidden: ledgerHidden,
    },
    {
      name: 'a long run of one hidden entity between visible rows',
      refs: [
        ...Array(7).fill('component:default/checkout'),
        ...Array(500).fill(LEDGER),
        ...Array(7).fill('component:default/cart'),
      ],
      hidden: ledgerHidden,
    },
    {
      name: 'hidden rows after the last visible one',
      refs: [...Array(10).fill('component:default/checkout'), LEDGER, LEDGER],
      hidden: ledgerHidden,
    },
    {
      name: 'many different hidden entities before the visible rows',
      refs: [
        ...Array.from({ length: 300 }, (_, i) => `component:default/h${i}`),
        ...Array(12).fill('component:default/checkout'),
        ...Array.from({ length: 300 }, (_, i) => `component:default/k${i}`),
        'component:default/cart',
      ],
      hidden: new Set([
        ...Array.from({ length: 300 }, (_, i) => `component:default/h${i}`),
        ...Array.from({ length: 300 }, (_, i) => `component:default/k${i}`),
      ]),
    },
    {
      name: 'everything hidden',
      refs: Array(30).fill(LEDGER),
      hidden: ledgerHidden,
    },
  ])(
    'returns full pages of exactly the visible records, in order: $name',
    async ({ refs, hidden }) => {
      const rows = rowsOf(refs);
      const expected = rows.filter(r => !hidden.has(r.entityRef));
      const { pages, catalogCalls, queries } = await readAll(rows, hidden, 5);

      expect(pages.flatMap(p => p.items)).toEqual(expected);
      // Every page but the last is full; the last is empty only when
      // nothing at all is visible.
      pages.slice(0, -1).forEach(p => expect(p.items).toHaveLength(5));
      expect(pages.at(-1)!.nextCursor).toBeUndefined();
      expect(pages.at(-1)!.items.length).toBe(
        expected.length ? ((expected.length - 1) % 5) + 1 : 0,
      );
      // Bounded per page: three catalog calls and four queries at most.
      catalogCalls.forEach(n => expect(n).toBeLessThanOrEqual(3));
      queries.forEach(n => expect(n).toBeLessThanOrEqual(4));
    },
  );

  it('costs one catalog call, and a query to look ahead, when nothing is hidden', async () => {
    const rows = rowsOf(
      Array.from({ length: 30 }, (_, i) => `component:default/c${i % 4}`),
    );
    const { catalogCalls, queries } = await readAll(rows, new Set(), 10);
    // A full page looks for a visible record after it before it offers a
    // cursor; the last page knows from the list that nothing follows.
    expect(catalogCalls).toEqual([1, 1, 1]);
    expect(queries).toEqual([2, 2, 1]);
  });

  it('holds for random lists and policies', async () => {
    const next = random(42);
    for (let run = 0; run < 150; run++) {
      const entities = Array.from(
        { length: 1 + Math.floor(next() * 30) },
        (_, i) => `component:default/e${i}`,
      );
      const hiddenShare = next();
      const hidden = new Set(entities.filter(() => next() < hiddenShare));
      const rows = rowsOf(
        Array.from(
          { length: Math.floor(next() * 120) },
          () => entities[Math.floor(next() ** 2 * entities.length)],
        ),
      );
      const limit = 1 + Math.floor(next() * 12);
      const { pages, catalogCalls, queries } = await readAll(
        rows,
        hidden,
        limit,
      );
      const expected = rows.filter(r => !hidden.has(r.entityRef));
      const seen = pages.flatMap(p => p.items);
      expect({ run, seen }).toEqual({ run, seen: expected });
      pages
        .slice(0, -1)
        .forEach(p =>
          expect({ run, n: p.items.length }).toEqual({ run, n: limit }),
        );
      expect(pages.length).toBe(
        Math.max(1, Math.ceil(expected.length / limit)),
      );
      catalogCalls.forEach(n => expect(n).toBeLessThanOrEqual(3));
      queries.forEach(n => expect(n).toBeLessThanOrEqual(4));
    }
  });
});

describe('CallerVisibility', () => {
  const credentials = mockCredentials.user('user:default/mallory');
  const hidden = new Set(['component:default/ledger']);

  it('asks the catalog once per entity with the caller’s credentials', async () => {
    const calls: Array<{ refs: string[]; credentials: unknown }> = [];
    const catalog = {
      async getEntitiesByRefs(
        { entityRefs }: { entityRefs: string[] },
        options: { credentials: unknown },
      ) {
        calls.push({ refs: entityRefs, credentials: options.credentials });
        return {
          items: entityRefs.map(ref => (hidden.has(ref) ? null : {})),
        };
      },
    } as unknown as CatalogService;
    const visible = new CallerVisibility(catalog, credentials);

    expect(
      await visible.filter(
        [
          { ref: 'component:default/ledger' },
          { ref: 'component:default/checkout' },
          { ref: 'component:default/ledger' },
        ],
        item => item.ref,
      ),
    ).toEqual([{ ref: 'component:default/checkout' }]);
    expect(await visible.canSee('component:default/checkout')).toBe(true);
    await expect(
      visible.assertVisible(
        'component:default/ledger',
        'No incident with id 1',
      ),
    ).rejects.toThrow(/^No incident with id 1$/);
    expect(calls).toEqual([
      {
        refs: ['component:default/ledger', 'component:default/checkout'],
        credentials,
      },
    ]);
  });

  it('scopes a query by the shorter list', async () => {
    const { catalog } = catalogHiding(
      new Set(['component:default/a', 'component:default/b']),
    );
    const visible = new CallerVisibility(catalog, credentials);
    expect(
      await visible.scope([
        'component:default/a',
        'component:default/c',
        'component:default/d',
        'component:default/e',
      ]),
    ).toEqual({ exclude: ['component:default/a'] });
    expect(
      await visible.scope([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]),
    ).toEqual({ only: ['component:default/c'] });
  });
});

describe('withinScope', () => {
  it.each([
    [{}, { only: ['a'] }, { entityRefs: ['a'] }],
    [{ entityRefs: ['a', 'b'] }, { only: ['b', 'c'] }, { entityRefs: ['b'] }],
    [{}, { exclude: ['a'] }, { excludeEntityRefs: ['a'] }],
    [
      { entityRefs: ['a'], excludeEntityRefs: ['x'] },
      { exclude: ['y'] },
      { entityRefs: ['a'], excludeEntityRefs: ['x', 'y'] },
    ],
  ])('narrows %j by %j to %j', (filter, scope, expected) => {
    expect(withinScope(filter, scope as EntityScope)).toEqual(expected);
  });
});

describe('EntityVisibility', () => {
  it("asks the permission policy once per user within ten seconds whether they may read the whole catalog, and a service's every time", async () => {
    const asked: string[] = [];
    const permissions = {
      async authorizeConditional(
        _queries: unknown[],
        { credentials }: { credentials: { principal: any } },
      ) {
        const { principal } = credentials;
        asked.push(principal.userEntityRef ?? principal.subject);
        return [
          {
            result:
              principal.userEntityRef === 'user:default/mallory'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          },
        ];
      },
    } as unknown as PermissionsService;
    const visibility = EntityVisibility.create({
      httpAuth: mockServices.httpAuth(),
      catalog: catalogHiding(new Set()).catalog,
      permissions,
    });
    const reads = (credentials: BackstageCredentials) =>
      visibility.forCredentials(credentials).readsWholeCatalog();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      expect(await reads(mockCredentials.user('user:default/ana'))).toBe(true);
      expect(await reads(mockCredentials.user('user:default/ana'))).toBe(true);
      expect(await reads(mockCredentials.user('user:default/mallory'))).toBe(
        false,
      );
      expect(await reads(mockCredentials.user('user:default/mallory'))).toBe(
        false,
      );
      expect(asked).toEqual(['user:default/ana', 'user:default/mallory']);

      now.mockReturnValue(1_010_000);
      expect(await reads(mockCredentials.user('user:default/ana'))).toBe(true);
      expect(asked).toHaveLength(3);

      await reads(mockCredentials.service('plugin:search'));
      await reads(mockCredentials.service('plugin:search'));
      expect(asked.slice(3)).toEqual(['plugin:search', 'plugin:search']);
    } finally {
      now.mockRestore();
    }
  });
});

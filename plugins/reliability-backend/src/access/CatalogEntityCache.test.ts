import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntityCache } from './CatalogEntityCache';

const CART = 'component:default/cart';

function setup(options: { maxEntries?: number } = {}) {
  const catalog = catalogServiceMock({
    entities: ['cart', 'ledger', 'orders'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
      spec: { type: 'service', owner: 'group:default/team' },
    })),
  });
  const reads: string[] = [];
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  let failNext = false;
  catalog.getEntityByRef = async (ref: any, opts: any) => {
    reads.push(ref);
    if (failNext) {
      failNext = false;
      throw new Error('catalog unreachable');
    }
    return getEntityByRef(ref, opts);
  };
  const batches: string[][] = [];
  const getEntitiesByRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (request: any, opts: any) => {
    batches.push(request.entityRefs);
    return getEntitiesByRefs(request, opts);
  };
  let now = 0;
  const cache = new CatalogEntityCache({
    catalog,
    auth: mockServices.auth(),
    ttlMs: 10_000,
    now: () => now,
    ...options,
  });
  return {
    cache,
    reads,
    batches,
    advance: (ms: number) => {
      now += ms;
    },
    failNextRead: () => {
      failNext = true;
    },
  };
}

describe('CatalogEntityCache', () => {
  it('reads an entity once within the time to live, and again after it', async () => {
    const { cache, reads, advance } = setup();
    expect((await cache.get(CART))?.metadata.name).toBe('cart');
    advance(9_999);
    expect((await cache.get('Component:default/Cart'))?.metadata.name).toBe(
      'cart',
    );
    expect(reads).toEqual([CART]);
    advance(1);
    await cache.get(CART);
    expect(reads).toEqual([CART, CART]);
  });

  it('tells which entities exist in one call, only for those it does not remember, and keeps more of them than whole entities', async () => {
    const { cache, reads, batches, advance } = setup({ maxEntries: 1 });
    const refs = [
      'component:default/ledger',
      CART,
      'component:default/nope',
      'Component:default/Orders',
    ];
    expect(await cache.exist(refs)).toEqual([true, true, false, true]);
    expect(batches).toEqual([
      [
        'component:default/ledger',
        CART,
        'component:default/nope',
        'component:default/orders',
      ],
    ]);
    expect(await cache.exist([...refs].reverse())).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(batches).toHaveLength(1);
    expect(reads).toEqual([]);
    advance(10_000);
    await cache.exist([CART, 'component:default/orders']);
    expect(batches.slice(1)).toEqual([[CART, 'component:default/orders']]);
  });

  it('answers undefined for an entity the catalog does not have', async () => {
    const { cache } = setup();
    expect(await cache.get('component:default/nope')).toBeUndefined();
  });

  it('asks again after a failed read', async () => {
    const { cache, reads, failNextRead } = setup();
    failNextRead();
    await expect(cache.get(CART)).rejects.toThrow('catalog unreachable');
    expect((await cache.get(CART))?.metadata.name).toBe('cart');
    expect(reads).toEqual([CART, CART]);
  });

  it('keeps at most maxEntries entities, dropping the oldest read', async () => {
    const { cache, reads } = setup({ maxEntries: 2 });
    for (const name of ['cart', 'ledger', 'orders', 'ledger', 'cart']) {
      await cache.get(`component:default/${name}`);
    }
    expect(reads.map(ref => ref.split('/')[1])).toEqual([
      'cart',
      'ledger',
      'orders',
      'cart',
    ]);
  });
});

import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AnswerCache } from '../caching/AnswerCache';

/** How long an entity read from the catalog is reused. */
const DEFAULT_TTL_MS = 10_000;
/** How many entities are kept at most; the oldest read goes first. */
const DEFAULT_MAX_ENTRIES = 1_000;
/** How many entities' existence is kept at most (a few MB). */
const DEFAULT_MAX_KNOWN = 50_000;

/**
 * Entities as the catalog holds them, read with the plugin's own
 * credentials and reused for a few seconds, so that everyone opening the
 * same entity page at once (an incident brings a team to it) costs the
 * catalog one read, not one per page view. Only for callers the portal's
 * policy lets read every entity (see {@link CallerVisibility.entity}):
 * everyone else is answered by the catalog with their own credentials.
 *
 * An entity changed or removed in the catalog is seen within the time to
 * live (twice that when no one asked meanwhile); the catalog's own
 * processing takes longer than that to pick up a change. Entities handed
 * out are shared: callers must not modify them.
 *
 * @internal
 */
export class CatalogEntityCache {
  private readonly cache: AnswerCache<Entity | undefined>;
  private readonly known: AnswerCache<boolean>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs?: number;
      maxEntries?: number;
      /** How many entities' existence is kept at most. */
      maxKnown?: number;
      now?: () => number;
    },
  ) {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    // Past its time to live an answer is given for as long again while it
    // is read anew: a read from a busy catalog waits in the same queue as
    // every request, and no request of ours should wait for it.
    this.cache = new AnswerCache({
      ttlMs,
      renewWithinMs: ttlMs,
      maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      now: options.now,
    });
    this.known = new AnswerCache({
      ttlMs,
      renewWithinMs: ttlMs,
      maxEntries: options.maxKnown ?? DEFAULT_MAX_KNOWN,
      now: options.now,
    });
  }

  /** The entity, or undefined when the catalog does not have it. */
  get(entityRef: string): Promise<Entity | undefined> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    return this.cache.get(ref, () => this.read(ref));
  }

  /**
   * Whether the catalog has each of `entityRefs`, in their order: what a
   * list of many entities' records needs to know. Remembered apart from
   * the entities themselves, and for many more of them (a yes or no is a
   * few bytes), so that a list of thousands of entities costs the catalog
   * one call of their kinds per time to live; those not remembered are
   * asked in one call.
   */
  async exist(entityRefs: string[]): Promise<boolean[]> {
    const missing: string[] = [];
    let settle!: {
      resolve: (found: boolean[]) => void;
      reject: (error: unknown) => void;
    };
    const batch = new Promise<boolean[]>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const answers = entityRefs.map(entityRef => {
      const ref = entityRef.toLocaleLowerCase('en-US');
      return this.known.get(ref, () => {
        const index = missing.push(ref) - 1;
        return batch.then(found => found[index]);
      });
    });
    if (missing.length) {
      this.readKinds(missing).then(settle.resolve, settle.reject);
    }
    return Promise.all(answers);
  }

  private async readKinds(entityRefs: string[]): Promise<boolean[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind'] },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.map(item => Boolean(item));
  }

  private async read(entityRef: string): Promise<Entity | undefined> {
    const { catalog, auth } = this.options;
    return catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
  }
}

import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How long an entity read from the catalog is reused. */
const DEFAULT_TTL_MS = 10_000;
/** How many entities are kept at most; the oldest read goes first. */
const DEFAULT_MAX_ENTRIES = 1_000;

/**
 * Entities as the catalog holds them, read with the plugin's own
 * credentials and reused for a few seconds, so that everyone opening the
 * same entity page at once (an incident brings a team to it) costs the
 * catalog one read, not one per page view. Only for callers the portal's
 * policy lets read every entity (see {@link CallerVisibility.entity}):
 * everyone else is answered by the catalog with their own credentials.
 *
 * An entity changed or removed in the catalog is seen within the time to
 * live; the catalog's own processing takes longer than that to pick up a
 * change. Entities handed out are shared: callers must not modify them.
 *
 * @internal
 */
export class CatalogEntityCache {
  private readonly entries = new Map<
    string,
    { until: number; entity: Promise<Entity | undefined> }
  >();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs?: number;
      maxEntries?: number;
      now?: () => number;
    },
  ) {}

  /** The entity, or undefined when the catalog does not have it. */
  async get(entityRef: string): Promise<Entity | undefined> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const now = this.options.now?.() ?? Date.now();
    const hit = this.entries.get(ref);
    if (hit && hit.until > now) {
      return hit.entity;
    }
    this.entries.delete(ref);
    const entity = this.read(ref);
    this.entries.set(ref, {
      until: now + (this.options.ttlMs ?? DEFAULT_TTL_MS),
      entity,
    });
    // A failed read is asked again by the next caller.
    entity.catch(() => {
      if (this.entries.get(ref)?.entity === entity) {
        this.entries.delete(ref);
      }
    });
    const max = this.options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) {
        break;
      }
      this.entries.delete(oldest);
    }
    return entity;
  }

  private async read(entityRef: string): Promise<Entity | undefined> {
    const { catalog, auth } = this.options;
    return catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
  }
}

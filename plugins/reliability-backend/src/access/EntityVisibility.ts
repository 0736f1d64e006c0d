import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Page } from '@reliability-hub/plugin-reliability-common';
import { Request } from 'express';
import { AnswerCache } from '../caching/AnswerCache';
import { CatalogEntityCache } from './CatalogEntityCache';

/**
 * Which entities' records a store query may return: only those of `only`,
 * or all but those of `exclude`. Either list may be empty.
 *
 * @internal
 */
export type EntityScope = { only: string[] } | { exclude: string[] };

/**
 * A paged list of records that belong to entities, as {@link
 * CallerVisibility.page} reads it.
 *
 * @internal
 */
export interface EntityRecordList<T> {
  /** A page of the list, without records outside `scope`. */
  list(
    page: { limit: number; cursor?: string },
    scope: EntityScope,
  ): Promise<Page<T>>;
  /** The distinct entities that have records in the list. */
  entityRefs(): Promise<string[]>;
  entityRefOf(item: T): string;
}

/**
 * Rounds of page-wise filtering before {@link CallerVisibility.page} asks
 * the catalog about every entity of the list at once. One round settles a
 * page unless the caller's policy hides entities among its rows; with the
 * hidden ones kept out of the query, a second round settles it unless many
 * different entities are hidden.
 */
const PAGE_ROUNDS = 2;

/** How long a user's permission to read the whole catalog is reused. */
const DECISION_TTL_MS = 10_000;

/**
 * What one caller may see in the catalog, asked with the caller's own
 * credentials, so the catalog applies the portal's permission policy
 * (`catalog.entity.read`) exactly as it does for the caller's own requests.
 * An entity the catalog does not return — hidden, or gone — counts as
 * hidden: its records are not shown. Answers are remembered for the one
 * request this object serves.
 *
 * @internal
 */
export class CallerVisibility {
  private readonly visible = new Set<string>();
  private readonly hidden = new Set<string>();
  private wholeCatalog?: Promise<boolean>;

  constructor(
    private readonly catalog: CatalogService,
    readonly credentials: BackstageCredentials,
    private readonly permissions?: PermissionsService,
    private readonly entities?: CatalogEntityCache,
    private readonly decisions?: AnswerCache<boolean>,
  ) {}

  /**
   * Whether the portal's policy lets the caller read every catalog entity,
   * without conditions: then an aggregate over all records needs no list of
   * the entities it covers. Without a permissions service to ask, or under
   * a conditional decision, the answer is no and callers ask entity by
   * entity.
   */
  async readsWholeCatalog(): Promise<boolean> {
    const { permissions, credentials, decisions } = this;
    if (!permissions) {
      return false;
    }
    const ask = () =>
      permissions
        .authorizeConditional([{ permission: catalogEntityReadPermission }], {
          credentials,
        })
        .then(([decision]) => decision.result === AuthorizeResult.ALLOW);
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    const user =
      principal.type === 'user' ? principal.userEntityRef : undefined;
    this.wholeCatalog ??= decisions && user ? decisions.get(user, ask) : ask();
    return this.wholeCatalog;
  }

  /**
   * Of `entityRefs` (as stored: lower-cased), those the caller may see.
   *
   * A caller the policy lets read every entity sees those the catalog has:
   * that answer is shared between callers for a few seconds, as for
   * {@link CallerVisibility.entity}. Anyone else is answered by the
   * catalog with their own credentials.
   */
  async refs(entityRefs: Iterable<string>): Promise<Set<string>> {
    const wanted = [...new Set(entityRefs)];
    const unknown = wanted.filter(
      ref => !this.visible.has(ref) && !this.hidden.has(ref),
    );
    if (unknown.length) {
      // One call for the lot; the catalog answers null for what it hides.
      const items =
        this.entities && (await this.readsWholeCatalog())
          ? await this.entities.exist(unknown)
          : (
              await this.catalog.getEntitiesByRefs(
                { entityRefs: unknown, fields: ['kind'] },
                { credentials: this.credentials },
              )
            ).items;
      unknown.forEach((ref, index) =>
        (items[index] ? this.visible : this.hidden).add(ref),
      );
    }
    return new Set(wanted.filter(ref => this.visible.has(ref)));
  }

  /**
   * The entity as the caller sees it in the catalog, for a request that
   * needs more of it than whether it is visible (read it once, and hand it
   * on); a NotFoundError, worded as for an entity the catalog does not
   * have, when it is hidden or gone.
   *
   * A caller the policy lets read every entity sees it as the catalog holds
   * it: that answer is shared between callers for a few seconds (see
   * {@link CatalogEntityCache}). Anyone else is answered by the catalog
   * with their own credentials, under the policy's conditions.
   */
  async entity(entityRef: string): Promise<Entity> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const entity =
      this.entities && (await this.readsWholeCatalog())
        ? await this.entities.get(ref)
        : await this.catalog.getEntityByRef(ref, {
            credentials: this.credentials,
          });
    (entity ? this.visible : this.hidden).add(ref);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  /** Whether the caller may see the entity. */
  async canSee(entityRef: string): Promise<boolean> {
    return (await this.refs([entityRef])).has(entityRef);
  }

  /**
   * Throws a NotFoundError with `message` unless the caller may see the
   * entity: a record of a hidden entity answers exactly as one that does
   * not exist.
   */
  async assertVisible(entityRef: string, message: string): Promise<void> {
    if (!(await this.canSee(entityRef))) {
      throw new NotFoundError(message);
    }
  }

  /**
   * Throws a NotFoundError unless the caller may see the entity, worded as
   * the answer about an entity the catalog does not have.
   */
  async assertEntity(entityRef: string): Promise<void> {
    await this.assertVisible(
      entityRef,
      `No entity ${entityRef} in the catalog`,
    );
  }

  /** The items whose entity the caller may see, in their order. */
  async filter<T>(items: T[], entityRefOf: (item: T) => string): Promise<T[]> {
    const visible = await this.refs(items.map(entityRefOf));
    return items.filter(item => visible.has(entityRefOf(item)));
  }

  /**
   * The scope that keeps the records of the hidden ones among `entityRefs`
   * out of a query: the shorter of the two lists, so the SQL stays small
   * both when a policy hides a few entities and when it shows a few.
   */
  async scope(entityRefs: string[]): Promise<EntityScope> {
    const visible = await this.refs(entityRefs);
    const hidden = [...new Set(entityRefs)].filter(ref => !visible.has(ref));
    return visible.size <= hidden.length
      ? { only: [...visible] }
      : { exclude: hidden };
  }

  /**
   * One page of a list with only the records the caller may see: full
   * (`limit` items) whenever later visible records exist, with a cursor
   * only when they do, and cursors of the underlying list.
   *
   * A page costs one query and one catalog call for the entities on it.
   * When the policy hides entities among the rows, the next round leaves
   * them out in SQL; after {@link PAGE_ROUNDS} rounds the catalog is asked
   * about every entity of the list in one call and the rest of the page is
   * read exactly — so no page comes back short while visible records follow.
   */
  async page<T>(
    request: { limit: number; cursor?: string },
    source: EntityRecordList<T>,
  ): Promise<Page<T>> {
    const { limit } = request;
    const items: T[] = [];
    let cursor = request.cursor;
    // Once the page is full: where it ends. A next page exists only if a
    // visible record follows.
    let end: string | undefined;
    for (let round = 0; round < PAGE_ROUNDS; round++) {
      const page = await source.list(
        { limit: end ? limit : limit - items.length, cursor },
        { exclude: [...this.hidden] },
      );
      const visible = await this.refs(page.items.map(source.entityRefOf));
      for (const item of page.items) {
        if (visible.has(source.entityRefOf(item))) {
          if (end) {
            return { items, nextCursor: end };
          }
          items.push(item);
        }
      }
      if (!page.nextCursor) {
        return { items };
      }
      cursor = page.nextCursor;
      if (!end && items.length === limit) {
        end = cursor;
      }
    }
    // Many entities hidden here: settle with all of the list's entities
    // known (the catalog is asked only about those not seen yet).
    const scope = await this.scope(await source.entityRefs());
    if ('only' in scope && !scope.only.length) {
      return { items };
    }
    const rest = await source.list(
      { limit: end ? 1 : limit - items.length, cursor },
      scope,
    );
    // Records written since, of entities not asked about yet, are checked too.
    const more = await this.filter(rest.items, source.entityRefOf);
    if (end) {
      return more.length || rest.nextCursor
        ? { items, nextCursor: end }
        : { items };
    }
    items.push(...more);
    return rest.nextCursor ? { items, nextCursor: rest.nextCursor } : { items };
  }
}

/**
 * Reads on the caller's behalf: which entities — and so which reliability
 * records — the caller of a request may see in the catalog. Users see what
 * the portal's permission policy lets them read in the catalog; backend
 * plugins calling with service auth see what the catalog lets them.
 *
 * @internal
 */
export class EntityVisibility {
  static create(options: {
    httpAuth: HttpAuthService;
    catalog: CatalogService;
    permissions?: PermissionsService;
    /** To share entity reads between callers (see {@link CatalogEntityCache}). */
    auth?: AuthService;
  }) {
    return new EntityVisibility(
      options.httpAuth,
      options.catalog,
      options.permissions,
      options.auth &&
        new CatalogEntityCache({
          catalog: options.catalog,
          auth: options.auth,
        }),
    );
  }

  /**
   * Whether a user may read every catalog entity, asked of the permission
   * policy once per user within {@link DECISION_TTL_MS} rather than on every
   * request (a request to the permission backend each time): a change of
   * the policy or of a user's groups shows within that time (twice that
   * when the user asked nothing meanwhile), as a change of an entity in the
   * catalog does through {@link CatalogEntityCache}.
   */
  private readonly decisions = new AnswerCache<boolean>({
    ttlMs: DECISION_TTL_MS,
    renewWithinMs: DECISION_TTL_MS,
    maxEntries: 10_000,
  });

  private constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly catalog: CatalogService,
    private readonly permissions?: PermissionsService,
    private readonly entities?: CatalogEntityCache,
  ) {}

  /** What the caller of `req` may see. */
  async of(req: Request): Promise<CallerVisibility> {
    return this.forCredentials(
      await this.httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
  }

  /**
   * The record, if there is one and the caller may see its entity; else a
   * NotFoundError with `message`, the same in both cases.
   */
  async record<T>(
    req: Request,
    record: T | undefined,
    entityRefOf: (record: T) => string,
    message: string,
  ): Promise<T> {
    if (!record) {
      throw new NotFoundError(message);
    }
    await (await this.of(req)).assertVisible(entityRefOf(record), message);
    return record;
  }

  /** What the holder of `credentials` may see. */
  forCredentials(credentials: BackstageCredentials): CallerVisibility {
    return new CallerVisibility(
      this.catalog,
      credentials,
      this.permissions,
      this.entities,
      this.decisions,
    );
  }
}

/**
 * A store filter narrowed to `scope`: its `entityRefs` to those of `only`,
 * or the entities of `exclude` left out.
 *
 * @internal
 */
export function withinScope<
  F extends { entityRefs?: string[]; excludeEntityRefs?: string[] },
>(filter: F, scope: EntityScope): F {
  if ('only' in scope) {
    const wanted = filter.entityRefs && new Set(filter.entityRefs);
    const only = wanted
      ? scope.only.filter(ref => wanted.has(ref))
      : scope.only;
    return { ...filter, entityRefs: only };
  }
  return {
    ...filter,
    excludeEntityRefs: [...(filter.excludeEntityRefs ?? []), ...scope.exclude],
  };
}

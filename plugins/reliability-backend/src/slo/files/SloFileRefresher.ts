import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_OPENSLO } from '@reliability-hub/plugin-reliability-common';
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { boundedMessage, excerpt } from '../../entityFiles';
import { parseOpenSlo } from '../parse';
import { EntitySloDefinitions, SloStore } from '../store/SloStore';
import { readSloFiles, SloFile } from './readSloFiles';
import { sloLocationsOf } from './sloLocations';

const PAGE_SIZE = 100;

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'relations',
];

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

function relatedRef(entity: Entity, type: string, kind?: string) {
  return entity.relations
    ?.find(
      relation =>
        relation.type === type &&
        (!kind || relation.targetRef.startsWith(`${kind}:`)),
    )
    ?.targetRef.toLocaleLowerCase('en-US');
}

/** The text of each YAML document of a file, by index. */
function documentTexts(text: string): string[] {
  try {
    return parseAllDocuments(text).map(doc =>
      text
        .slice(doc.range[0], doc.range[2])
        .replace(/^---[^\n]*\n/, '')
        .trim(),
    );
  } catch {
    return [];
  }
}

function contentHash(files: SloFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.name).update('\0').update(file.text).update('\0');
  }
  return hash.digest('hex');
}

/**
 * What {@link SloFileRefresher} works with.
 *
 * @internal
 */
export interface SloFileRefresherOptions {
  store: SloStore;
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  /** Called after an entity's definitions were stored. */
  afterSave?: (definitions: EntitySloDefinitions) => Promise<void>;
}

/**
 * Reads the OpenSLO definitions of catalog entities (the
 * `reliability-hub.io/openslo` annotation) and stores them with the problems
 * found. Files whose content did not change are not parsed again.
 *
 * @internal
 */
export class SloFileRefresher {
  static create(options: SloFileRefresherOptions) {
    return new SloFileRefresher(options);
  }

  private constructor(private readonly options: SloFileRefresherOptions) {}

  /**
   * Reads every annotated entity of the catalog, page by page, and forgets
   * the entities that lost the annotation. Entities whose files and
   * relations are as before are stored together at the end: only their read
   * time and ETags move.
   */
  async refreshAll(): Promise<{ entities: number }> {
    const { catalog, auth, store, logger } = this.options;
    const unchanged: EntitySloDefinitions[] = [];
    const credentials = await auth.getOwnServiceCredentials();
    const previous = new Map(
      (await store.listDefinitions()).map(d => [d.entityRef, d]),
    );
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: {
                [`metadata.annotations.${ANNOTATION_OPENSLO}`]:
                  CATALOG_FILTER_EXISTS,
              },
              fields: FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const ref = refOf(entity);
        seen.add(ref);
        try {
          await this.read(entity, previous.get(ref), { unchanged });
        } catch (error) {
          logger.warn(
            `Could not store the SLO definitions of ${ref}: ${error}`,
          );
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    await this.touch(unchanged);
    await store.deleteDefinitions(
      [...previous.keys()].filter(ref => !seen.has(ref)),
    );
    return { entities: seen.size };
  }

  /**
   * Reads one entity's definitions now. Answers undefined when the entity has
   * no annotation (and forgets what was stored); throws NotFoundError for an
   * entity the catalog does not know. `actor` is who asked, for the audit;
   * `entity` the entity when already read from the catalog.
   */
  async refreshEntity(
    entityRef: string,
    options: { actor?: string; entity?: Entity } = {},
  ): Promise<EntitySloDefinitions | undefined> {
    const { store } = this.options;
    const { actor } = options;
    const audit = actor ? { actor } : undefined;
    const entity = options.entity ?? (await this.getEntity(entityRef));
    if (!entity.metadata.annotations?.[ANNOTATION_OPENSLO]) {
      await store.deleteDefinitions([entityRef]);
      return undefined;
    }
    const [previous] = await store.listDefinitions([entityRef]);
    return this.read(entity, previous, { force: true, audit });
  }

  /** Stores the read time and ETags of entities read again unchanged. */
  private async touch(unchanged: EntitySloDefinitions[]): Promise<void> {
    const { store, afterSave, logger } = this.options;
    await store.touchDefinitions(
      unchanged.map(({ entityRef, readAt, etags }) => ({
        entityRef,
        readAt,
        etags,
      })),
    );
    if (!afterSave) {
      return;
    }
    for (const definitions of unchanged) {
      try {
        await afterSave(definitions);
      } catch (error) {
        logger.warn(
          `Could not store the SLO definitions of ${definitions.entityRef}: ${error}`,
        );
      }
    }
  }

  /** The entity from the catalog; NotFoundError when it has none. */
  async getEntity(entityRef: string): Promise<Entity> {
    const { catalog, auth } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  /**
   * Reads and stores an entity's definitions. With `unchanged`, an entity
   * whose files, location, owner and system are as before is added to it
   * instead of stored (see {@link SloFileRefresher.touch}).
   */
  private async read(
    entity: Entity,
    previous: EntitySloDefinitions | undefined,
    options: {
      force?: boolean;
      audit?: { actor: string };
      unchanged?: EntitySloDefinitions[];
    } = {},
  ): Promise<EntitySloDefinitions> {
    const { store, urlReader, afterSave } = this.options;
    const entityRef = refOf(entity);
    const location = entity.metadata.annotations?.[ANNOTATION_OPENSLO] ?? '';
    const base = {
      entityRef,
      location,
      owner: relatedRef(entity, RELATION_OWNED_BY),
      system: relatedRef(entity, RELATION_PART_OF, 'system'),
      readAt: new Date().toISOString(),
    };

    let definitions: EntitySloDefinitions;
    let locations;
    try {
      locations = sloLocationsOf(entity);
    } catch (error) {
      locations = undefined;
      definitions = {
        ...base,
        contentHash: null,
        etags: {},
        slos: [],
        problems: [
          {
            file: location,
            documentIndex: null,
            field: `metadata.annotations.${ANNOTATION_OPENSLO}`,
            message: boundedMessage((error as Error).message),
          },
        ],
      };
    }
    if (locations) {
      const sameLocation = previous?.location === location;
      const read = await readSloFiles(
        urlReader,
        locations,
        sameLocation && !options.force ? previous?.etags : {},
      );
      const hash = read.problems.length ? null : contentHash(read.files);
      if (
        previous &&
        sameLocation &&
        (read.unchanged || (hash !== null && hash === previous.contentHash))
      ) {
        // Same files as before: keep what was parsed.
        definitions = { ...previous, ...base, etags: read.etags };
        if (
          options.unchanged &&
          previous.owner === base.owner &&
          previous.system === base.system
        ) {
          options.unchanged.push(definitions);
          return definitions;
        }
      } else {
        const slos: EntitySloDefinitions['slos'] = [];
        const problems = [...read.problems];
        for (const file of read.files) {
          const parsed = parseOpenSlo(file.text, file.name);
          const texts = documentTexts(file.text);
          problems.push(...parsed.problems);
          for (const definition of parsed.slos) {
            const first = slos.find(s => s.definition.name === definition.name);
            if (first) {
              // Ids are <entity>/<slo name>/<objective>: names must be unique.
              problems.push({
                file: file.name,
                documentIndex: definition.documentIndex,
                field: 'metadata.name',
                message: `another SLO of this entity is named ${excerpt(
                  definition.name,
                )} (${first.definition.file}, document ${
                  first.definition.documentIndex
                }); this one is ignored`,
              });
              continue;
            }
            slos.push({
              definition,
              yaml: texts[definition.documentIndex] ?? null,
            });
          }
        }
        if (!read.files.length && !read.problems.length) {
          problems.push({
            file: location,
            documentIndex: null,
            field: 'location',
            message: 'no OpenSLO file found at this location',
          });
        }
        definitions = {
          ...base,
          contentHash: hash,
          etags: read.etags,
          slos,
          problems,
        };
      }
    }
    await store.saveDefinitions(definitions!, options.audit);
    if (afterSave) {
      await afterSave(definitions!);
    }
    return definitions!;
  }
}

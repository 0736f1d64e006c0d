import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_RUNBOOKS,
  RunbookProblem,
} from '@reliability-hub/plugin-reliability-common';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { boundedMessage } from '../../entityFiles';
import { parseRunbookFile } from '../parse';
import { IndexedRunbook, RunbookStore } from '../store/RunbookStore';
import {
  ENTITY_FIELDS,
  EntityRunbookSource,
  entityRunbookSource,
  hasRunbookSources,
  linkRunbooks,
  structuredRunbook,
} from './entityRunbookSource';
import {
  indexRunbookFiles,
  RunbookParser,
  sameHashes,
} from './indexRunbookFiles';
import { readRunbookFiles } from './readRunbookFiles';
import { resolveRunbookLocation, RunbookLocation } from './runbookLocations';

/** Entities per catalog page. */
const PAGE_SIZE = 200;
/** Entities read at the same time. */
const CONCURRENCY = 8;
/** Where problems of the annotation itself (not of a file) point. */
const ANNOTATION_FIELD = `metadata.annotations.${ANNOTATION_RUNBOOKS}`;

/**
 * What a full refresh did.
 *
 * @internal
 */
export interface RunbookRefreshSummary {
  entities: number;
  /** Entities whose files were unchanged (ETag) and left as they were. */
  unchanged: number;
  /** Files parsed (files with an unchanged content hash are not). */
  parsedFiles: number;
  runbooks: number;
  problems: number;
  /** Entities whose runbooks were dropped (gone, or without sources now). */
  removed: number;
  failed: number;
}

interface EntityOutcome {
  unchanged: boolean;
  parsedFiles: number;
  runbooks: number;
  problems: number;
}

/**
 * Reads entities' runbooks (annotation files and `type: runbook` links) into
 * the index. Files whose text is unchanged since the last read are not parsed
 * again; an entity's runbooks are replaced in one transaction.
 *
 * @internal
 */
export class RunbookFileRefresher {
  static create(options: {
    store: RunbookStore;
    catalog: CatalogService;
    auth: AuthService;
    urlReader: UrlReaderService;
    logger: LoggerService;
    /** The parser; tests count its calls. */
    parse?: RunbookParser;
    now?: () => Date;
  }) {
    return new RunbookFileRefresher(
      options.store,
      options.catalog,
      options.auth,
      options.urlReader,
      options.logger,
      options.parse ?? parseRunbookFile,
      options.now ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly store: RunbookStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly urlReader: UrlReaderService,
    private readonly logger: LoggerService,
    private readonly parse: RunbookParser,
    private readonly now: () => Date,
  ) {}

  /**
   * Refreshes every entity that has the annotation or runbook links, and
   * drops the runbooks of entities that vanished or lost them.
   */
  async refreshAll(): Promise<RunbookRefreshSummary> {
    const summary: RunbookRefreshSummary = {
      entities: 0,
      unchanged: 0,
      parsedFiles: 0,
      runbooks: 0,
      problems: 0,
      removed: 0,
      failed: 0,
    };
    const seen = new Set<string>();
    const unchanged: string[] = [];
    const credentials = await this.auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    do {
      const response = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: [
                {
                  [`metadata.annotations.${ANNOTATION_RUNBOOKS}`]:
                    CATALOG_FILTER_EXISTS,
                },
                { 'metadata.links.type': 'runbook' },
              ],
              fields: ENTITY_FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      const sources = response.items
        .map(entity => ({ entity, source: entityRunbookSource(entity) }))
        .filter(({ source }) => hasRunbookSources(source));
      await forEachLimited(sources, CONCURRENCY, async ({ entity, source }) => {
        seen.add(source.entityRef);
        summary.entities += 1;
        try {
          const outcome = await this.refreshSource(entity, source);
          if (outcome.unchanged) {
            summary.unchanged += 1;
            unchanged.push(source.entityRef);
          }
          summary.parsedFiles += outcome.parsedFiles;
          summary.runbooks += outcome.runbooks;
          summary.problems += outcome.problems;
        } catch (error) {
          summary.failed += 1;
          this.logger.warn(
            `Could not refresh the runbooks of ${
              source.entityRef
            }: ${stringifyError(error)}`,
          );
        }
      });
      cursor = response.pageInfo.nextCursor;
    } while (cursor);

    await this.store.touchSources(unchanged, this.now());
    const gone = (await this.store.listSourceEntityRefs()).filter(
      ref => !seen.has(ref),
    );
    if (gone.length) {
      await this.store.removeEntities(gone);
      summary.removed = gone.length;
    }
    return summary;
  }

  /**
   * Refreshes one entity now (the refresh button); with `actor`, the change
   * is recorded in the audit trail.
   *
   * @throws NotFoundError when the catalog has no such entity
   */
  async refreshEntity(entityRef: string, actor?: string): Promise<void> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const source = entityRunbookSource(entity);
    if (!hasRunbookSources(source)) {
      await this.store.removeEntities([source.entityRef]);
      return;
    }
    await this.refreshSource(entity, source, { actor, force: true });
  }

  private async refreshSource(
    entity: Entity,
    source: EntityRunbookSource,
    options: { actor?: string; force?: boolean } = {},
  ): Promise<EntityOutcome> {
    const now = this.now();
    const previous = await this.store.getSource(source.entityRef);
    const links = linkRunbooks(source);
    const problems: RunbookProblem[] = [];
    let structured: IndexedRunbook[] = [];
    let location: RunbookLocation | undefined;
    let locationName: string | null = null;
    let etag: string | undefined;
    const fileHashes: Record<string, string> = {};
    let parsedFiles = 0;

    if (source.annotation) {
      locationName = source.annotation;
      try {
        location = resolveRunbookLocation(entity, source.annotation);
        locationName = location.target;
      } catch (error) {
        problems.push(annotationProblem(source.annotation, error));
      }
    }

    if (
      !source.annotation &&
      !options.force &&
      previous?.entityHash === source.hash
    ) {
      return { unchanged: true, parsedFiles: 0, runbooks: 0, problems: 0 };
    }

    if (location) {
      // Only an entity that is unchanged too may skip on the location's ETag.
      const canSkip =
        !options.force &&
        previous?.entityHash === source.hash &&
        previous.location === locationName &&
        previous.etag !== undefined;
      let files;
      try {
        files = await readRunbookFiles(this.urlReader, location, {
          etag: canSkip ? previous?.etag : undefined,
        });
      } catch (error) {
        if ((error as Error)?.name === 'NotModifiedError') {
          return { unchanged: true, parsedFiles: 0, runbooks: 0, problems: 0 };
        }
        problems.push(annotationProblem(source.annotation!, error));
        // Keep what was read last time rather than emptying the runbooks
        // because a repository was briefly unreachable.
        structured = (await this.store.getStoredRunbooks(source.entityRef))
          .filter(runbook => runbook.runbook)
          .map(runbook =>
            structuredRunbook(source, runbook.runbook!, {
              name: runbook.sourceLocation,
              hash: runbook.contentHash ?? '',
            }),
          );
        Object.assign(fileHashes, previous?.fileHashes ?? {});
      }
      if (files) {
        etag = files.etag;
        if (
          !options.force &&
          previous?.entityHash === source.hash &&
          previous.location === locationName &&
          sameHashes(previous.fileHashes, files.files)
        ) {
          // Nothing to re-index: the caller marks it read.
          return { unchanged: true, parsedFiles: 0, runbooks: 0, problems: 0 };
        }
        const indexed = indexRunbookFiles({
          source,
          files: files.files,
          previous,
          stored: previous
            ? await this.store.getStoredRunbooks(source.entityRef)
            : [],
          parse: this.parse,
        });
        structured = indexed.structured;
        problems.push(...indexed.problems);
        Object.assign(fileHashes, indexed.fileHashes);
        parsedFiles = indexed.parsedFiles;
        if (!files.files.length) {
          problems.push({
            file: source.annotation!,
            documentIndex: 0,
            field: '',
            message: 'no runbook files (.yaml, .yml, .md) found here',
          });
        }
      }
    }

    const runbooks = [...structured, ...links];
    await this.store.replaceEntityRunbooks(
      {
        entityRef: source.entityRef,
        location: locationName,
        problems,
        fileHashes,
        etag,
        entityHash: source.hash,
      },
      runbooks,
      { now, actor: options.actor },
    );
    return {
      unchanged: false,
      parsedFiles,
      runbooks: runbooks.length,
      problems: problems.length,
    };
  }
}

function annotationProblem(annotation: string, error: unknown): RunbookProblem {
  return {
    file: annotation,
    documentIndex: 0,
    field: ANNOTATION_FIELD,
    // The resolver's and reader's messages quote nothing read; bound them still.
    message: `could not read the runbooks: ${boundedMessage(
      (error as Error)?.message ?? String(error),
    )}`,
  };
}

async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    },
  );
  await Promise.all(workers);
}

import {
  RunbookDetail,
  RunbookLibraryPage,
  runbookLibraryQuerySchema,
  RunbookProblem,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { EntityFilter } from '../../database/entityFilter';

/**
 * A runbook as the refresh hands it to the store: everything of a
 * {@link @reliability-hub/plugin-reliability-common#RunbookRecord} that does
 * not depend on the day it is read.
 *
 * @internal
 */
export type IndexedRunbook = Omit<RunbookDetail, 'stale' | 'indexedAt'> & {
  /** Structured runbooks: sha256 of the file the runbook was read from. */
  contentHash?: string;
};

/**
 * What the last refresh of one entity's runbooks found.
 *
 * @internal
 */
export interface RunbookSourceState {
  entityRef: string;
  /** The resolved location of the runbook files; null for links only. */
  location: string | null;
  problems: RunbookProblem[];
  /** File (as named in problems and sources) → sha256 of its text. */
  fileHashes: Record<string, string>;
  /** ETag of the location when it was last read, if the reader gave one. */
  etag?: string;
  /** sha256 of what the index takes from the entity (owner, system, links…). */
  entityHash?: string;
  refreshedAt: string;
}

/**
 * Filters of the runbook library; they combine (AND).
 *
 * @internal
 */
export type RunbookLibraryQuery = EntityFilter &
  z.output<typeof runbookLibraryQuerySchema> & {
    /** `YYYY-MM-DD`: staleness is judged against this day. */
    today: string;
  };

/**
 * The runbook index.
 *
 * @internal
 */
export interface RunbookStore {
  /**
   * Replaces all runbooks of one entity and its refresh state in one
   * transaction. With `actor`, the change is written to the audit trail too.
   */
  replaceEntityRunbooks(
    state: Omit<RunbookSourceState, 'refreshedAt'>,
    runbooks: IndexedRunbook[],
    options: { now: Date; actor?: string },
  ): Promise<void>;
  /** Marks entities as read at `now` without changing their runbooks. */
  touchSources(entityRefs: string[], now: Date): Promise<void>;
  /** Forgets the runbooks and state of entities. */
  removeEntities(entityRefs: string[]): Promise<void>;
  /** Every entity that has a refresh state. */
  listSourceEntityRefs(): Promise<string[]>;
  getSource(entityRef: string): Promise<RunbookSourceState | undefined>;
  getSources(entityRefs: string[]): Promise<RunbookSourceState[]>;
  /** The stored structured runbooks of an entity, for reuse by the refresh. */
  getStoredRunbooks(entityRef: string): Promise<IndexedRunbook[]>;
  /** The runbooks of some entities, by title. */
  listEntityRunbooks(
    entityRefs: string[],
    today: string,
  ): Promise<RunbookRecord[]>;
  /** The distinct entities with runbooks the query finds (cursor aside). */
  libraryEntityRefs(query: RunbookLibraryQuery): Promise<string[]>;
  searchLibrary(query: RunbookLibraryQuery): Promise<RunbookLibraryPage>;
  getRunbook(id: string, today: string): Promise<RunbookDetail | undefined>;
  /** Runbooks whose `alerts` name the alert (case-insensitive). */
  findByAlert(alertname: string, today: string): Promise<RunbookRecord[]>;
  /** Link-only runbooks that point at this URL. */
  findIdsByUrl(url: string): Promise<string[]>;
  /**
   * Records that a drill validated the runbook at `at`; an older validation
   * than the one recorded changes nothing.
   */
  recordValidation(
    runbookId: string,
    validation: { at: Date; incidentId: string },
  ): Promise<void>;
}

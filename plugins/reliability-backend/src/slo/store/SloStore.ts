import { SloThreshold } from '@reliability-hub/plugin-reliability-common';
import {
  SloDefinitionProblem,
  SloHistoryPoint,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { SloDefinition } from '../parse';

/**
 * One valid SLO of an entity with the YAML document it was read from.
 *
 * @internal
 */
export interface StoredSloDefinition {
  definition: SloDefinition;
  /** The `SLO` document as written, for the SLO tab. */
  yaml: string | null;
}

/**
 * The OpenSLO definitions of one entity, as last read.
 *
 * @internal
 */
export interface EntitySloDefinitions {
  entityRef: string;
  /** The `reliability-hub.io/openslo` annotation as written. */
  location: string;
  owner?: string;
  system?: string;
  /** Hash of the files' text; null when nothing could be read. */
  contentHash: string | null;
  /** ETag per file URL, for conditional reads. */
  etags: Record<string, string>;
  slos: StoredSloDefinition[];
  problems: SloDefinitionProblem[];
  readAt: string;
}

/**
 * A read of an entity's files that found them unchanged.
 *
 * @internal
 */
export type SloDefinitionsTouch = Pick<
  EntitySloDefinitions,
  'entityRef' | 'readAt' | 'etags'
>;

/**
 * One bucket of the push source, as stored.
 *
 * @internal
 */
export interface StoredSliSample {
  /** Epoch seconds, aligned to `bucketSeconds`. */
  bucketStart: number;
  bucketSeconds: number;
  good: number;
  total: number;
  /** The measured value of a threshold SLI (good and total are then 0). */
  value?: number;
}

/**
 * Good and total counts of the slices of a window.
 *
 * @internal
 */
export interface SliceSums {
  /** Epoch seconds of the slice start. */
  sliceStart: number;
  good: number;
  total: number;
}

/**
 * Definitions, evaluations, history and push samples of SLOs.
 *
 * @internal
 */
export interface SloStore {
  /** The stored definitions of these entities (all when omitted). */
  listDefinitions(entityRefs?: string[]): Promise<EntitySloDefinitions[]>;
  /**
   * Stores what was read for an entity. With an `actor` (an on-demand
   * refresh), the change is recorded in the audit trail.
   */
  saveDefinitions(
    definitions: EntitySloDefinitions,
    audit?: { actor: string },
  ): Promise<void>;
  /**
   * Records that these entities' files were read again and found the same:
   * their read time and ETags move, what was parsed stays. Written together,
   * so readers load the definitions again once, not once per entity.
   */
  touchDefinitions(touches: SloDefinitionsTouch[]): Promise<void>;
  /** Forgets entities that no longer carry the annotation, with their figures. */
  deleteDefinitions(entityRefs: string[]): Promise<void>;

  /** Stores the latest status of each objective and appends it to the history. */
  writeEvaluations(statuses: SloStatus[]): Promise<void>;
  /** Appends past points to the history (skipping instants already stored). */
  insertHistory(
    sloId: string,
    entityRef: string,
    points: SloHistoryPoint[],
  ): Promise<void>;
  /** The latest status per objective id, for these entities (all when omitted). */
  listStatuses(entityRefs?: string[]): Promise<Map<string, SloStatus>>;
  /** The history of one objective in `[from, to]`, oldest first, at most `maxPoints`. */
  getHistory(
    sloId: string,
    range: { from: Date; to: Date; maxPoints: number },
  ): Promise<SloHistoryPoint[]>;
  /** Whether any history is stored for the objective. */
  hasHistory(sloId: string): Promise<boolean>;
  /** Drops history older than `before`. */
  pruneHistory(before: Date): Promise<number>;

  /**
   * Stores push samples (replacing buckets already posted) and, given an
   * actor, records one audit entry, in one transaction; answers how many
   * were stored.
   */
  upsertSamples(
    target: { entityRef: string; sloName: string },
    samples: StoredSliSample[],
    actor?: string,
  ): Promise<number>;
  /** Start (epoch seconds) of the latest bucket stored for an SLO. */
  latestSampleStart(target: {
    entityRef: string;
    sloName: string;
  }): Promise<number | undefined>;
  /**
   * For each target, sums good and total over windows that
   * all end at `end` (epoch seconds), counting every bucket that started
   * before `end` and overlaps the window (so a 5-minute window always holds
   * the last complete 5-minute bucket); null for a window without samples.
   * With a `threshold`, counts buckets instead: good = buckets whose value
   * meets it, total = buckets with a value. One answer per target, in order.
   * A ratio SLI's whole hours come from the hourly roll-up, its partial
   * hours from the buckets. PostgreSQL sums all targets at once; SQLite,
   * whose queries hold the event loop, one target at a time.
   */
  sumSamples(
    targets: Array<{ entityRef: string; sloName: string }>,
    end: number,
    windows: Array<{ name: string; seconds: number }>,
    threshold?: SloThreshold,
  ): Promise<Array<Record<string, { good: number; total: number } | null>>>;
  /**
   * Per-slice sums in `[from, end)` (epoch seconds), by slice start; with a
   * `threshold`, bucket counts as in {@link SloStore.sumSamples}.
   */
  sliceSums(
    target: { entityRef: string; sloName: string },
    range: { from: number; end: number; sliceSeconds: number },
    threshold?: SloThreshold,
  ): Promise<SliceSums[]>;
  /**
   * Deletes pushed samples (and their hourly sums) of hours that end before
   * `before` (epoch seconds), up to 100,000 rows per call. Answers how many
   * samples were deleted.
   */
  pruneSamples(before: number): Promise<number>;
  /** All samples of an SLO in `[from, end)`, oldest first. */
  listSamples(
    target: { entityRef: string; sloName: string },
    range: { from: number; end: number },
  ): Promise<StoredSliSample[]>;
}

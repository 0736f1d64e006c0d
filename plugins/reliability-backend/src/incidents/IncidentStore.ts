import { Knex } from 'knex';
import {
  EntityIncidentSummary,
  INCIDENT_TIME_FIELDS,
  Incident,
  IncidentEvent,
  IncidentEventType,
  IncidentSource,
  IncidentStatus,
  Page,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { TimedAnswer } from '../caching/AnswerCache';
import { EntityFilter } from '../database/entityFilter';
import { VersionedChange } from '../database/versionedRecords';
import { PageRequest } from '../database/keysetPage';

/**
 * What an entity's incident summary is computed against.
 *
 * @internal
 */
export interface IncidentSummaryOptions {
  now: Date;
  /** How many open, then recent, incidents to list. */
  recentLimit: number;
  /**
   * The configured severities, whose policies say which incidents owe a
   * postmortem and by when; without them the summary does not count the
   * postmortems due.
   */
  severities?: SeverityLevel[];
}

/**
 * Which incidents to list.
 *
 * @internal
 */
export interface IncidentFilter extends EntityFilter {
  /** `open` means every status but resolved. */
  status?: IncidentStatus | 'open';
  severities?: string[];
  startedAfter?: Date;
  startedBefore?: Date;
  /** Only incidents with an overdue clock at `now` under these policies. */
  needsAttention?: { now: Date; severities: SeverityLevel[] };
  /** Only incidents this user (entity ref, lower-cased) commands. */
  commander?: string;
  /** `true`: only drills; `false`: only real incidents. */
  drill?: boolean;
}

/** The times of an incident after `startedAt`, set as it moves on. */
type LaterTime = Exclude<(typeof INCIDENT_TIME_FIELDS)[number], 'startedAt'>;

/**
 * An incident's own fields as the backend handles them: those of the answer
 * but the record's bookkeeping, with times as `Date`s.
 */
type IncidentFields = Omit<
  Incident,
  | 'id'
  | 'humanId'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'startedAt'
  | 'lastUpdateAt'
  | 'postmortemPublishedAt'
  | 'escalatedAt'
  | LaterTime
> & { startedAt: Date; escalatedAt?: Date | null } & {
    [K in LaterTime]: Date | null;
  };

/** What an incident cannot be declared without. */
type RequiredField =
  | 'title'
  | 'entityRef'
  | 'severity'
  | 'status'
  | 'source'
  | 'startedAt';

/**
 * A new incident. Without an id one is generated.
 *
 * @internal
 */
export type NewIncident = { id?: string } & Pick<
  IncidentFields,
  RequiredField
> & {
    [K in Exclude<keyof IncidentFields, RequiredField>]?: NonNullable<
      IncidentFields[K]
    >;
  };

/**
 * Fields of an incident that can change; null clears. Its entity, source,
 * the source's key and whether it is a drill stay.
 *
 * @internal
 */
export type IncidentChanges = Partial<
  Omit<IncidentFields, 'entityRef' | 'source' | 'externalId' | 'drill'>
>;

/**
 * A new event on an incident's timeline.
 *
 * @internal
 */
export interface NewIncidentEvent {
  type: IncidentEventType;
  at: Date;
  author?: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * Storage of incidents and their timelines.
 *
 * @internal
 */
export interface IncidentStore {
  /**
   * Runs `work` in one transaction: the writes of the store it is handed
   * happen in it, and so do the caller's own through `tx`.
   */
  transaction<T>(
    work: (store: IncidentStore, tx: Knex.Transaction) => Promise<T>,
  ): Promise<T>;

  listIncidents(
    filter: IncidentFilter,
    page: PageRequest,
  ): Promise<Page<Incident>>;

  /** The distinct entities that have incidents matching the filter. */
  listEntityRefs(filter: IncidentFilter): Promise<string[]>;

  getIncident(id: string): Promise<Incident | undefined>;

  /**
   * The incident a source opened under its de-duplication key. With `lock`,
   * inside {@link IncidentStore.transaction}, other transactions asking for
   * it with `lock` wait until this one ends (on PostgreSQL; SQLite has one
   * writer at a time anyway).
   */
  findBySource(
    source: IncidentSource,
    externalId: string,
    options?: { lock?: boolean },
  ): Promise<Incident | undefined>;

  listEvents(incidentId: string): Promise<IncidentEvent[]>;

  /** Postmortems that cover the incident, oldest first. */
  listPostmortemsOf(
    incidentId: string,
  ): Promise<Array<{ id: string; title: string; status: string }>>;

  /** Creates an incident with its first timeline events, recorded in the change history as `actor`. */
  createIncident(
    incident: NewIncident,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<Incident>;

  /**
   * Changes an incident if it is still at `expectedVersion`, appending timeline
   * events and a change-history entry in the same transaction. Throws
   * NotFoundError or ConflictError (stale version) and then changes nothing.
   */
  updateIncident(
    id: string,
    options: VersionedChange<IncidentChanges> & { events: NewIncidentEvent[] },
  ): Promise<Incident>;

  /** Appends a person's notes to the timeline, with a change-history entry. */
  addEvents(
    id: string,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<void>;

  /**
   * Appends events that change nothing of the incident (alerts firing and
   * resolving) to its timeline; the alerts' own rows are their record.
   */
  appendTimeline(id: string, events: NewIncidentEvent[]): Promise<void>;

  /** What the entity page shows, and until when it holds without a write. */
  getEntitySummary(
    /** One entity, or the components of a group or system to aggregate. */
    entityRefs: string | string[],
    options: IncidentSummaryOptions,
  ): Promise<TimedAnswer<EntityIncidentSummary>>;
}

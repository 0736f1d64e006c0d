import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EntityIncidentSummary,
  formatIncidentHumanId,
  Incident,
  INCIDENT_HUMAN_ID_PATTERN,
  IncidentEvent,
  IncidentSource,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { TimedAnswer } from '../caching/AnswerCache';
import { isPostgres, toEpochMs } from '../database/sql';
import { distinctEntityRefs, whereEntities } from '../database/entityFilter';
import { keysetPage, PageRequest } from '../database/keysetPage';
import {
  inTransaction,
  VersionedChange,
  VersionedRecords,
} from '../database/versionedRecords';
import {
  changeColumns,
  EventRow,
  eventRows,
  IncidentRow,
  newIncidentRow,
  toEvent,
  toIncident,
} from './incidentRows';
import { clockFactColumns, whereNeedsAttention } from './clockFacts';
import { readIncidentSummary } from './incidentSummary';
import {
  IncidentChanges,
  IncidentFilter,
  IncidentStore,
  IncidentSummaryOptions,
  NewIncident,
  NewIncidentEvent,
} from './IncidentStore';

/**
 * The next `INC-YYYYMMDD-NNN` id of the UTC day of `startedAt`. One upsert
 * of the day's counter row: on PostgreSQL concurrent declarations queue on
 * that row's lock, on SQLite the write lock serialises them, so no two
 * incidents, even from different replicas, get the same number.
 */
async function nextHumanId(tx: Knex.Transaction, startedAt: Date) {
  const day = formatIncidentHumanId(startedAt, 0).slice(4, 12);
  const [row] = await tx('incident_day_counters')
    .insert({ day, last: 1 })
    .onConflict('day')
    .merge({ last: tx.raw('incident_day_counters.last + 1') })
    .returning('last');
  return formatIncidentHumanId(startedAt, Number(row.last ?? row));
}

const records = VersionedRecords.create<Incident>({
  table: 'incidents',
  thing: 'Incident',
  resourceType: 'incident',
  fromRow: toIncident,
});

/**
 * Incidents in the plugin's database (SQLite or PostgreSQL). The only writer
 * of incident rows and their timelines: the Alertmanager webhook writes
 * through it too.
 *
 * @internal
 */
export class DatabaseIncidentStore implements IncidentStore {
  static create(options: { knex: Knex }): DatabaseIncidentStore {
    return new DatabaseIncidentStore(options.knex);
  }

  /** `db` is the plugin's database, or a transaction the store joins. */
  private constructor(private readonly db: Knex | Knex.Transaction) {}

  async transaction<T>(
    work: (store: IncidentStore, tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.db, tx =>
      work(new DatabaseIncidentStore(tx), tx),
    );
  }

  async listIncidents(
    filter: IncidentFilter,
    page: PageRequest,
  ): Promise<Page<Incident>> {
    const query = this.filtered(filter).select(
      'incidents.*',
      clockFactColumns(this.knex()),
    );
    return keysetPage<IncidentRow, Incident>(query, {
      column: 'incidents.started_at',
      idColumn: 'incidents.id',
      keyOf: row => toEpochMs(row.started_at),
      ...page,
      toItem: toIncident,
    });
  }

  async listEntityRefs(filter: IncidentFilter): Promise<string[]> {
    return distinctEntityRefs(this.filtered(filter));
  }

  private filtered(filter: IncidentFilter): Knex.QueryBuilder {
    const query = whereEntities(this.db<IncidentRow>('incidents'), filter);
    if (filter.status === 'open') {
      query.whereNot('status', 'resolved');
    } else if (filter.status) {
      query.where('status', filter.status);
    }
    if (filter.severities) {
      query.whereIn('severity', filter.severities);
    }
    if (filter.startedAfter) {
      query.where('started_at', '>=', filter.startedAfter);
    }
    if (filter.startedBefore) {
      query.where('started_at', '<', filter.startedBefore);
    }
    if (filter.needsAttention) {
      whereNeedsAttention(this.knex(), query, filter.needsAttention);
    }
    if (filter.commander) {
      query.where('commander', filter.commander);
    }
    if (filter.drill === true) {
      query.whereNotNull('drill');
    } else if (filter.drill === false) {
      query.whereNull('drill');
    }
    return query;
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents')
      .where(
        INCIDENT_HUMAN_ID_PATTERN.test(id)
          ? 'incidents.human_id'
          : 'incidents.id',
        id,
      )
      .first('incidents.*', clockFactColumns(this.knex()));
    return row ? toIncident(row) : undefined;
  }

  /** The query builder of the database or of the joined transaction. */
  private knex(): Knex {
    return this.db as Knex;
  }

  async findBySource(
    source: IncidentSource,
    externalId: string,
    options?: { lock?: boolean },
  ): Promise<Incident | undefined> {
    const query = this.db<IncidentRow>('incidents').where({
      source,
      external_id: externalId,
    });
    if (options?.lock && this.db.isTransaction && isPostgres(this.db)) {
      query.forUpdate();
    }
    const row = await query.first();
    return row ? toIncident(row) : undefined;
  }

  async listEvents(incidentId: string): Promise<IncidentEvent[]> {
    const rows = await this.db<EventRow>('incident_events')
      .where({ incident_id: incidentId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toEvent);
  }

  async listPostmortemsOf(
    incidentId: string,
  ): Promise<Array<{ id: string; title: string; status: string }>> {
    return this.db('postmortem_incidents as pi')
      .join('postmortems as p', 'p.id', 'pi.postmortem_id')
      .where('pi.incident_id', incidentId)
      .orderBy('p.created_at', 'asc')
      .select('p.id as id', 'p.title as title', 'p.status as status');
  }

  async createIncident(
    incident: NewIncident,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<Incident> {
    const id = incident.id ?? randomUUID();
    return records.create(this.db, id, { actor }, async (tx, now) => {
      const duplicate = tx('incidents').where({ id });
      if (incident.externalId) {
        duplicate.orWhere({
          source: incident.source,
          external_id: incident.externalId,
        });
      }
      const existing = await duplicate.first('id');
      if (existing) {
        throw new ConflictError(`Incident ${existing.id} already exists`);
      }
      await tx('incidents').insert({
        ...newIncidentRow(id, incident, now),
        human_id: await nextHumanId(tx, incident.startedAt),
      });
      await this.insertEvents(tx, id, events);
    });
  }

  async updateIncident(
    id: string,
    options: VersionedChange<IncidentChanges> & { events: NewIncidentEvent[] },
  ): Promise<Incident> {
    return records.update(this.db, id, options, async tx => {
      await this.insertEvents(tx, id, options.events);
      return changeColumns(options.changes);
    });
  }

  async addEvents(
    id: string,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<void> {
    await inTransaction(this.db, async tx => {
      const incident = await this.appendTo(tx, id, events);
      await recordAudit(tx, {
        actor,
        action: 'incident.note',
        resourceType: 'incident',
        resourceId: id,
        entityRef: incident.entity_ref,
        after: events,
      });
    });
  }

  async appendTimeline(id: string, events: NewIncidentEvent[]): Promise<void> {
    await inTransaction(this.db, tx => this.appendTo(tx, id, events));
  }

  private async appendTo(
    tx: Knex.Transaction,
    id: string,
    events: NewIncidentEvent[],
  ): Promise<Pick<IncidentRow, 'entity_ref'>> {
    const incident = await tx<IncidentRow>('incidents')
      .where({ id })
      .first('entity_ref');
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    await this.insertEvents(tx, id, events);
    return incident;
  }

  private async insertEvents(
    tx: Knex.Transaction,
    id: string,
    events: NewIncidentEvent[],
  ) {
    if (events.length) {
      await tx('incident_events').insert(eventRows(id, events));
    }
  }

  async getEntitySummary(
    entityRefs: string | string[],
    options: IncidentSummaryOptions,
  ): Promise<TimedAnswer<EntityIncidentSummary>> {
    return readIncidentSummary(this.db, entityRefs, options);
  }
}

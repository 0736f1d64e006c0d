import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EntityIncidentSummary,
  Incident,
  IncidentEvent,
  IncidentSource,
  Page,
} from '@reliability-hub/plugin-reliability-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { isPostgres, toEpochMs } from '../database/sql';
import { keysetPage } from '../database/keysetPage';
import { inTransaction, VersionedRecords } from '../database/versionedRecords';
import {
  changeColumns,
  EventRow,
  eventRows,
  IncidentRow,
  newIncidentRow,
  toEvent,
  toIncident,
} from './incidentRows';
import { readIncidentSummary } from './incidentSummary';
import {
  IncidentChanges,
  IncidentFilter,
  IncidentStore,
  NewIncident,
  NewIncidentEvent,
} from './IncidentStore';

const records = VersionedRecords.create<Incident>({
  table: 'incidents',
  thing: 'Incident',
  resourceType: 'incident',
  read: async (db, id) => {
    const row = await db<IncidentRow>('incidents').where({ id }).first();
    return row && toIncident(row);
  },
  entityRefOf: incident => incident.entityRef,
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
    page: { limit: number; cursor?: string },
  ): Promise<Page<Incident>> {
    return keysetPage<IncidentRow, Incident>(this.filtered(filter), {
      column: 'started_at',
      limit: page.limit,
      cursor: page.cursor,
      keyOf: row => toEpochMs(row.started_at),
      toItem: toIncident,
    });
  }

  async listEntityRefs(filter: IncidentFilter): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.filtered(
      filter,
    ).distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  private filtered(filter: IncidentFilter): Knex.QueryBuilder {
    const query = this.db<IncidentRow>('incidents');
    if (filter.entityRefs) {
      query.whereIn('entity_ref', filter.entityRefs);
    }
    if (filter.excludeEntityRefs?.length) {
      query.whereNotIn('entity_ref', filter.excludeEntityRefs);
    }
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
    return query;
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    return records.read(this.db, id);
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
    const now = new Date();
    return inTransaction(this.db, async tx => {
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
      return records.create(tx, {
        id,
        actor,
        now,
        insert: async () => {
          await tx('incidents').insert(newIncidentRow(id, incident, now));
          await this.insertEvents(tx, id, events);
        },
      });
    });
  }

  async updateIncident(
    id: string,
    options: {
      expectedVersion: number;
      changes: IncidentChanges;
      events: NewIncidentEvent[];
      actor: string;
    },
  ): Promise<Incident> {
    return inTransaction(this.db, tx =>
      records.update(tx, {
        id,
        expectedVersion: options.expectedVersion,
        actor: options.actor,
        now: new Date(),
        apply: async () => {
          await this.insertEvents(tx, id, options.events);
          return changeColumns(options.changes);
        },
      }),
    );
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
    options: { now: Date; recentLimit: number },
  ): Promise<EntityIncidentSummary> {
    return readIncidentSummary(this.db, entityRefs, options);
  }
}

import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EntityIncidentSummary,
  Incident,
  IncidentEvent,
  IncidentSource,
  IncidentStatus,
  Page,
  SeverityCount,
} from '@reliability-hub/plugin-reliability-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { secondsBetweenSql, toIso, toNumber } from '../database/sql';
import { keysetPage } from '../database/keysetPage';
import {
  IncidentChanges,
  IncidentFilter,
  IncidentStore,
  NewIncident,
  NewIncidentEvent,
} from './IncidentStore';

type Timestamp = Date | number | string;

interface IncidentRow {
  id: string;
  entity_ref: string;
  title: string;
  severity: string;
  status: string;
  summary: string | null;
  commander: string | null;
  communications: string | null;
  scribe: string | null;
  source: string;
  external_id: string | null;
  runbook_url: string | null;
  started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

interface EventRow {
  id: string;
  incident_id: string;
  type: string;
  at: Timestamp;
  author: string | null;
  message: string;
  data: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const OPEN_STATUSES = ['investigating', 'identified', 'monitoring'];

const CHANGE_COLUMNS: Record<keyof IncidentChanges, keyof IncidentRow> = {
  title: 'title',
  severity: 'severity',
  status: 'status',
  summary: 'summary',
  commander: 'commander',
  communications: 'communications',
  scribe: 'scribe',
  startedAt: 'started_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
};

function eventRows(incidentId: string, events: NewIncidentEvent[]) {
  return events.map(event => ({
    id: randomUUID(),
    incident_id: incidentId,
    type: event.type,
    at: event.at,
    author: event.author ?? null,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
  }));
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    entityRef: row.entity_ref,
    severity: row.severity,
    status: row.status as IncidentStatus,
    summary: row.summary,
    commander: row.commander,
    communications: row.communications ?? null,
    scribe: row.scribe ?? null,
    source: row.source as IncidentSource,
    externalId: row.external_id,
    runbookUrl: row.runbook_url,
    startedAt: toIso(row.started_at),
    detectedAt: toIso(row.detected_at),
    acknowledgedAt: toIso(row.acknowledged_at),
    mitigatedAt: toIso(row.mitigated_at),
    resolvedAt: toIso(row.resolved_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
}

function toEvent(row: EventRow): IncidentEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    type: row.type as IncidentEvent['type'],
    at: toIso(row.at),
    author: row.author,
    message: row.message,
    data: row.data ? JSON.parse(row.data) : null,
  };
}

/**
 * Incidents in the plugin's database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class DatabaseIncidentStore implements IncidentStore {
  static create(options: { knex: Knex }): DatabaseIncidentStore {
    return new DatabaseIncidentStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async listIncidents(
    filter: IncidentFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Incident>> {
    return keysetPage<IncidentRow, Incident>(this.filtered(filter), {
      column: 'started_at',
      limit: page.limit,
      cursor: page.cursor,
      toItem: toIncident,
      timeOf: incident => Date.parse(incident.startedAt),
    });
  }

  async listEntityRefs(filter: IncidentFilter): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.filtered(
      filter,
    ).distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  private filtered(filter: IncidentFilter): Knex.QueryBuilder {
    const query = this.knex<IncidentRow>('incidents');
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
    const row = await this.knex<IncidentRow>('incidents').where({ id }).first();
    return row ? toIncident(row) : undefined;
  }

  async listEvents(incidentId: string): Promise<IncidentEvent[]> {
    const rows = await this.knex<EventRow>('incident_events')
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
    return this.knex('postmortem_incidents as pi')
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
    const row = {
      id,
      entity_ref: incident.entityRef,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      summary: incident.summary ?? null,
      commander: incident.commander ?? null,
      communications: incident.communications ?? null,
      scribe: incident.scribe ?? null,
      source: incident.source,
      external_id: incident.externalId ?? null,
      runbook_url: incident.runbookUrl ?? null,
      started_at: incident.startedAt,
      detected_at: incident.detectedAt ?? null,
      acknowledged_at: incident.acknowledgedAt ?? null,
      mitigated_at: incident.mitigatedAt ?? null,
      resolved_at: incident.resolvedAt ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    };

    await this.knex.transaction(async tx => {
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
      await tx('incidents').insert(row);
      if (events.length) {
        await tx('incident_events').insert(eventRows(id, events));
      }
      await recordAudit(tx, {
        actor,
        action: 'incident.create',
        resourceType: 'incident',
        resourceId: id,
        entityRef: incident.entityRef,
        after: { ...incident, id },
        at: now,
      });
    });

    return (await this.getIncident(id))!;
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
    const now = new Date();
    const update: Record<string, unknown> = { updated_at: now };
    for (const [key, value] of Object.entries(options.changes)) {
      if (value !== undefined) {
        update[CHANGE_COLUMNS[key as keyof IncidentChanges]] = value;
      }
    }
    await this.knex.transaction(async tx => {
      const before = await tx<IncidentRow>('incidents').where({ id }).first();
      if (!before) {
        throw new NotFoundError(`No incident with id ${id}`);
      }
      const updated = await tx('incidents')
        .where({ id, version: options.expectedVersion })
        .update({ ...update, version: tx.raw('version + 1') });
      if (updated !== 1) {
        throw new ConflictError(
          `Incident ${id} has changed since version ${options.expectedVersion} (it is at version ${before.version}); reload and try again`,
        );
      }
      if (options.events.length) {
        await tx('incident_events').insert(eventRows(id, options.events));
      }
      const after = await tx<IncidentRow>('incidents').where({ id }).first();
      await recordAudit(tx, {
        actor: options.actor,
        action: 'incident.update',
        resourceType: 'incident',
        resourceId: id,
        entityRef: before.entity_ref,
        before: toIncident(before),
        after: toIncident(after!),
        at: now,
      });
    });
    return (await this.getIncident(id))!;
  }

  async addEvents(
    id: string,
    events: NewIncidentEvent[],
    actor: string,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      const incident = await tx<IncidentRow>('incidents').where({ id }).first();
      if (!incident) {
        throw new NotFoundError(`No incident with id ${id}`);
      }
      await tx('incident_events').insert(eventRows(id, events));
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

  async getEntitySummary(
    entityRefs: string | string[],
    options: { now: Date; recentLimit: number },
  ): Promise<EntityIncidentSummary> {
    const { knex } = this;
    const refs = typeof entityRefs === 'string' ? [entityRefs] : entityRefs;
    const since30 = new Date(options.now.getTime() - 30 * DAY_MS);
    const since90 = new Date(options.now.getTime() - 90 * DAY_MS);

    const ninetyDays = () =>
      knex('incidents')
        .whereIn('entity_ref', refs)
        .where('started_at', '>=', since90);
    const newestFirst = [
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ];

    // Each query reads an index range of the entity's rows: open incidents by
    // (entity_ref, status, started_at), the last 90 days by
    // (entity_ref, started_at). See bench/entity-summary.
    const [open, openRows, resolvedRows, bySeverity, titles] =
      await Promise.all([
        knex('incidents')
          .whereIn('entity_ref', refs)
          .whereIn('status', OPEN_STATUSES)
          .count({ count: '*' })
          .first(),
        knex<IncidentRow>('incidents')
          .whereIn('entity_ref', refs)
          .whereIn('status', OPEN_STATUSES)
          .orderBy(newestFirst)
          .limit(options.recentLimit),
        knex<IncidentRow>('incidents')
          .whereIn('entity_ref', refs)
          .where('status', 'resolved')
          .orderBy(newestFirst)
          .limit(options.recentLimit),
        ninetyDays()
          .select('severity')
          .count({ last90: '*' })
          .sum({
            last30: knex.raw('CASE WHEN started_at >= ? THEN 1 ELSE 0 END', [
              since30,
            ]),
            ackSeconds: secondsBetweenSql(
              knex,
              'started_at',
              'acknowledged_at',
            ),
            resolveSeconds: secondsBetweenSql(
              knex,
              'started_at',
              'resolved_at',
            ),
          })
          .count({ acked: 'acknowledged_at', resolved: 'resolved_at' })
          .groupBy('severity')
          .orderBy('severity'),
        ninetyDays()
          .select({
            total: knex.raw('COUNT(*)'),
            distinctTitles: knex.raw(
              "COUNT(DISTINCT entity_ref || '|' || title)",
            ),
          })
          .first(),
      ]);

    const counts = (key: 'last30' | 'last90'): SeverityCount[] =>
      bySeverity
        .map((row: Record<string, unknown>) => ({
          severity: String(row.severity),
          count: toNumber(row[key]),
        }))
        .filter(entry => entry.count > 0);
    // Means over all severities, from each severity's sum and count.
    const mean = (sumKey: string, countKey: string) => {
      let sum = 0;
      let n = 0;
      for (const row of bySeverity as Record<string, unknown>[]) {
        sum += toNumber(row[sumKey]);
        n += toNumber(row[countKey]);
      }
      return n ? Math.round(sum / n) : null;
    };

    return {
      openCount: toNumber(open?.count),
      last30Days: counts('last30'),
      last90Days: counts('last90'),
      mttaSeconds: mean('ackSeconds', 'acked'),
      mttrSeconds: mean('resolveSeconds', 'resolved'),
      repeatCount: toNumber(titles?.total) - toNumber(titles?.distinctTitles),
      recent: [...openRows, ...resolvedRows]
        .slice(0, options.recentLimit)
        .map(toIncident),
    };
  }
}

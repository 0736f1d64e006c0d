import { InputError, NotFoundError } from '@backstage/errors';
import {
  findIncidentTimeProblem,
  Incident,
  IncidentDetail,
  IncidentSource,
  IncidentStatus,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { staleVersionError } from '../database/versionedRecords';
import {
  IncidentChanges,
  IncidentStore,
  NewIncidentEvent,
} from './IncidentStore';

/** A declaration, validated at the edge; times as Dates. */
export interface IncidentDeclaration {
  entityRef: string;
  title: string;
  severity: string;
  summary?: string;
  status?: IncidentStatus;
  commander?: string;
  communications?: string;
  scribe?: string;
  startedAt?: Date;
  detectedAt?: Date;
}

/** A change, validated at the edge; null clears a field. */
export type IncidentUpdate = IncidentChanges & {
  version: number;
  note?: string;
};

const ROLE_FIELDS = ['commander', 'communications', 'scribe'] as const;
const TIME_FIELDS = [
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;

const iso = (value: Date | null | undefined) =>
  value === undefined ? undefined : value && value.toISOString();

/**
 * The incident lifecycle: declaring, changing status and roles, notes.
 *
 * @internal
 */
export class IncidentService {
  static create(options: {
    store: IncidentStore;
    severities: SeverityLevel[];
  }) {
    return new IncidentService(options.store, options.severities);
  }

  private constructor(
    private readonly store: IncidentStore,
    private readonly severities: SeverityLevel[],
  ) {}

  private checkSeverity(severity: string) {
    if (!this.severities.some(level => level.id === severity)) {
      throw new InputError(
        `severity: must be one of ${this.severities.map(l => l.id).join(', ')}`,
      );
    }
  }

  async declare(
    input: IncidentDeclaration,
    actor: string,
    source: IncidentSource,
  ): Promise<Incident> {
    this.checkSeverity(input.severity);
    const now = new Date();
    const startedAt = input.startedAt ?? now;
    const detectedAt = input.detectedAt ?? now;
    const problem = findIncidentTimeProblem({
      startedAt: startedAt.toISOString(),
      detectedAt: detectedAt.toISOString(),
    });
    if (problem) {
      throw new InputError(problem);
    }
    const status = input.status ?? 'investigating';
    return this.store.createIncident(
      {
        ...input,
        status,
        source,
        startedAt,
        detectedAt,
        acknowledgedAt: status === 'investigating' ? undefined : now,
        resolvedAt: status === 'resolved' ? now : undefined,
      },
      [
        {
          type: 'created',
          at: now,
          author: actor,
          message: `Declared ${input.severity}: ${input.title}`,
          data: { status },
        },
      ],
      actor,
    );
  }

  async get(id: string): Promise<IncidentDetail> {
    const incident = await this.store.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return {
      ...incident,
      timeline: await this.store.listEvents(id),
      postmortems: await this.store.listPostmortemsOf(id),
    };
  }

  async update(
    current: Incident,
    update: IncidentUpdate,
    actor: string,
  ): Promise<Incident> {
    const { version, note, ...requested } = update;
    if (version !== current.version) {
      throw staleVersionError('Incident', current.id, version, current.version);
    }
    if (requested.severity !== undefined) {
      this.checkSeverity(requested.severity);
    }

    const now = new Date();
    const changes: IncidentChanges = { ...requested };
    const events: NewIncidentEvent[] = [];
    const from = current.status;
    const to = requested.status ?? from;

    if (to !== from) {
      if (
        to !== 'investigating' &&
        !current.acknowledgedAt &&
        changes.acknowledgedAt === undefined
      ) {
        changes.acknowledgedAt = now;
      }
      if (
        (to === 'monitoring' || to === 'resolved') &&
        !current.mitigatedAt &&
        changes.mitigatedAt === undefined
      ) {
        changes.mitigatedAt = now;
      }
      if (to === 'resolved' && changes.resolvedAt === undefined) {
        changes.resolvedAt = now;
      }
      if (from === 'resolved' && changes.resolvedAt === undefined) {
        changes.resolvedAt = null;
      }
      events.push({
        type: 'status_change',
        at: now,
        author: actor,
        message: `${
          from === 'resolved' ? 'Reopened' : 'Status'
        }: ${from} → ${to}${note ? `. ${note}` : ''}`,
        data: { from, to },
      });
    } else if (requested.status !== undefined) {
      delete changes.status;
    }

    const merged = {
      ...Object.fromEntries(TIME_FIELDS.map(f => [f, current[f]])),
      ...Object.fromEntries(
        TIME_FIELDS.filter(f => changes[f] !== undefined).map(f => [
          f,
          iso(changes[f]),
        ]),
      ),
    } as Record<(typeof TIME_FIELDS)[number], string | null>;
    if (to === 'resolved' && !merged.resolvedAt) {
      throw new InputError(
        'resolvedAt: a resolved incident needs a resolution time',
      );
    }
    if (to !== 'resolved' && merged.resolvedAt) {
      throw new InputError(
        'resolvedAt: only a resolved incident has a resolution time',
      );
    }
    const problem = findIncidentTimeProblem({
      ...merged,
      startedAt: merged.startedAt!,
    });
    if (problem) {
      throw new InputError(problem);
    }

    const described = this.describeChanges(current, changes);
    if (described.length) {
      events.push({
        type: 'update',
        at: now,
        author: actor,
        message: described.join('; '),
      });
    }
    if (note && to === from) {
      events.push({ type: 'note', at: now, author: actor, message: note });
    }
    if (!events.length) {
      return current;
    }
    return this.store.updateIncident(current.id, {
      expectedVersion: version,
      changes,
      events,
      actor,
    });
  }

  async addNote(
    id: string,
    message: string,
    actor: string,
  ): Promise<IncidentDetail> {
    await this.store.addEvents(
      id,
      [{ type: 'note', at: new Date(), author: actor, message }],
      actor,
    );
    return this.get(id);
  }

  /** Human-readable list of the non-status changes, for the timeline. */
  private describeChanges(
    current: Incident,
    changes: IncidentChanges,
  ): string[] {
    const lines: string[] = [];
    if (changes.title !== undefined && changes.title !== current.title) {
      lines.push(`Title: ${changes.title}`);
    }
    if (
      changes.severity !== undefined &&
      changes.severity !== current.severity
    ) {
      lines.push(`Severity: ${current.severity} → ${changes.severity}`);
    }
    if (changes.summary !== undefined && changes.summary !== current.summary) {
      lines.push('Summary updated');
    }
    for (const role of ROLE_FIELDS) {
      if (changes[role] !== undefined && changes[role] !== current[role]) {
        lines.push(
          `${role[0].toUpperCase()}${role.slice(1)}: ${
            changes[role] ?? 'none'
          }`,
        );
      }
    }
    return lines;
  }
}

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  createIncidentRequestSchema,
  findIncidentTimeProblem,
  Incident,
  IncidentDetail,
  INCIDENT_TIME_FIELDS,
  IncidentSource,
  SeverityLevel,
  isIncidentOpen,
  IncidentStatusUpdate,
  postIncidentUpdateRequestSchema,
  updateIncidentRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { staleVersionError } from '../database/versionedRecords';
import {
  IncidentChanges,
  IncidentStore,
  NewIncidentEvent,
} from './IncidentStore';

/** A declaration, validated at the edge; times as Dates. */
type IncidentDeclaration = z.output<typeof createIncidentRequestSchema>;

/** A status update, validated at the edge. */
type IncidentUpdatePost = z.output<typeof postIncidentUpdateRequestSchema>;

/** A change, validated at the edge; null clears a field. */
type IncidentUpdate = z.output<typeof updateIncidentRequestSchema>;

const ROLE_FIELDS = ['commander', 'communications', 'scribe'] as const;

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
    /** Tells the people paged about each declaration; none in some tests. */
    announcer?: { announceDeclared(incident: Incident): Promise<void> };
    /** Marks the runbooks of each drill resolved validated. */
    drillResolved?: (incident: Incident) => Promise<void>;
    /**
     * The link to a runbook of the entity, or undefined when the entity has
     * no runbook of that id.
     */
    runbookLink?: (
      runbookId: string,
      entityRef: string,
    ) => Promise<string | undefined>;
  }) {
    return new IncidentService(
      options.store,
      options.severities,
      options.announcer,
      options.drillResolved,
      options.runbookLink,
    );
  }

  private constructor(
    private readonly store: IncidentStore,
    private readonly severities: SeverityLevel[],
    private readonly announcer?: {
      announceDeclared(incident: Incident): Promise<void>;
    },
    private readonly drillResolved?: (incident: Incident) => Promise<void>,
    private readonly runbookLink?: (
      runbookId: string,
      entityRef: string,
    ) => Promise<string | undefined>,
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
    const { runbookId, ...fields } = input;
    let runbookUrl: string | undefined;
    if (runbookId) {
      runbookUrl = await this.runbookLink?.(runbookId, input.entityRef);
      if (!runbookUrl) {
        throw new InputError(
          `runbookId: ${input.entityRef} has no runbook ${runbookId}`,
        );
      }
    }
    const status = input.status ?? 'investigating';
    const incident = await this.store.createIncident(
      {
        ...fields,
        runbookUrl,
        status,
        source,
        startedAt,
        detectedAt,
        acknowledgedAt: status === 'investigating' ? undefined : now,
        acknowledgedBy: status === 'investigating' ? undefined : actor,
        resolvedAt: status === 'resolved' ? now : undefined,
      },
      [
        {
          type: 'created',
          at: now,
          author: actor,
          message: `Declared ${input.drill ? 'drill ' : ''}${input.severity}: ${
            input.title
          }`,
          data: { status, ...(input.drill && { drill: input.drill }) },
        },
      ],
      actor,
    );
    await this.announcer?.announceDeclared(incident);
    return incident;
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
    const { version, note, drill: _fixed, ...requested } = update;
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
        changes.acknowledgedBy = actor;
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
      ...Object.fromEntries(INCIDENT_TIME_FIELDS.map(f => [f, current[f]])),
      ...Object.fromEntries(
        INCIDENT_TIME_FIELDS.filter(f => changes[f] !== undefined).map(f => [
          f,
          iso(changes[f]),
        ]),
      ),
    } as Record<(typeof INCIDENT_TIME_FIELDS)[number], string | null>;
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
    events.push(...roleChangeEvents(current, changes, actor, now));
    if (note && to === from) {
      events.push({ type: 'note', at: now, author: actor, message: note });
    }
    if (!events.length) {
      return current;
    }
    const updated = await this.store.updateIncident(current.id, {
      expectedVersion: version,
      changes,
      events,
      actor,
    });
    if (updated.drill && to === 'resolved' && from !== 'resolved') {
      await this.drillResolved?.(updated);
    }
    return updated;
  }

  /**
   * Acknowledges the incident as `actor`, now: stops its acknowledge and
   * escalation clocks. A second acknowledgement is a conflict naming who
   * was first, so two responders learn of each other.
   */
  async acknowledge(
    current: Incident,
    version: number,
    actor: string,
  ): Promise<Incident> {
    if (current.acknowledgedAt) {
      throw new ConflictError(
        `Incident ${current.id} was already acknowledged${
          current.acknowledgedBy ? ` by ${current.acknowledgedBy}` : ''
        } at ${current.acknowledgedAt}`,
      );
    }
    // Acknowledging depends on nothing else the incident holds: what changed
    // since the responder read it (say, the escalation policy paging the
    // next level, which is what happens while nobody acknowledges) does not
    // stop it, unless the incident was resolved meanwhile.
    if (
      version > current.version ||
      (version < current.version && !isIncidentOpen(current.status))
    ) {
      throw staleVersionError('Incident', current.id, version, current.version);
    }
    const now = new Date();
    return this.store.updateIncident(current.id, {
      expectedVersion: current.version,
      changes: { acknowledgedAt: now, acknowledgedBy: actor },
      events: [
        {
          type: 'acknowledged',
          at: now,
          author: actor,
          message: 'Acknowledged',
          data: { by: actor },
        },
      ],
      actor,
    });
  }

  /**
   * Posts the next numbered status update on the timeline, which resets the
   * update clock. The incident's version is bumped with it, so two people
   * posting from the same version cannot both get the same number: the
   * second gets 409 and sees the first's update.
   */
  async postUpdate(
    current: Incident,
    input: IncidentUpdatePost,
    actor: string,
  ): Promise<Incident> {
    if (input.version !== current.version) {
      throw staleVersionError(
        'Incident',
        current.id,
        input.version,
        current.version,
      );
    }
    if (!isIncidentOpen(current.status)) {
      throw new InputError(
        'status: a resolved incident takes no status updates; reopen it first',
      );
    }
    const now = new Date();
    if (input.nextUpdateAt && input.nextUpdateAt <= now) {
      throw new InputError('nextUpdateAt: must be in the future');
    }
    const policy = this.severities.find(l => l.id === current.severity)?.policy;
    const every = policy?.updateEverySeconds;
    const nextUpdateAt =
      input.nextUpdateAt ??
      (every ? new Date(now.getTime() + every * 1000) : null);
    const events = await this.store.listEvents(current.id);
    const update: IncidentStatusUpdate = {
      number: events.filter(e => e.type === 'status_update').length + 1,
      status: current.status,
      impact: input.impact,
      progress: input.progress,
      nextSteps: input.nextSteps || null,
      nextUpdateAt: nextUpdateAt ? nextUpdateAt.toISOString() : null,
    };
    return this.store.updateIncident(current.id, {
      expectedVersion: input.version,
      changes: {},
      events: [
        {
          type: 'status_update',
          at: now,
          author: actor,
          message: `Update #${update.number} (${update.status}): ${update.impact}. ${update.progress}`,
          data: { ...update },
        },
      ],
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
    return lines;
  }
}

const ROLE_LABELS: Record<(typeof ROLE_FIELDS)[number], string> = {
  commander: 'Commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
};

/**
 * One timeline event per role handed to someone else, with the refs in its
 * data so the timeline can show people by name.
 */
function roleChangeEvents(
  current: Incident,
  changes: IncidentChanges,
  actor: string,
  at: Date,
): NewIncidentEvent[] {
  return ROLE_FIELDS.filter(
    role => changes[role] !== undefined && changes[role] !== current[role],
  ).map(role => {
    const to = changes[role] ?? null;
    return {
      type: 'role_change',
      at,
      author: actor,
      message: to
        ? `${ROLE_LABELS[role]}: ${to}`
        : `${ROLE_LABELS[role]}: not assigned`,
      data: { role, from: current[role], to },
    };
  });
}

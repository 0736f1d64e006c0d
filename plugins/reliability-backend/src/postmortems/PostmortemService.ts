import { InputError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentEvent,
  Postmortem,
  PostmortemDetail,
  PostmortemStatus,
  secondsBetween,
} from '@reliability-hub/plugin-reliability-common';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import { IncidentStore } from '../incidents/IncidentStore';
import { PostmortemFields, PostmortemStore } from './PostmortemStore';

/** The review flow: where a postmortem may go from each status. */
const NEXT_STATUSES: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: ['in_review'],
};

/**
 * The timeline section drafted from the incidents' timelines, in UTC.
 *
 * @internal
 */
export function draftTimeline(
  incidents: Array<{ incident: Incident; events: IncidentEvent[] }>,
): string {
  const lines: string[] = [];
  for (const { incident, events } of incidents) {
    if (incidents.length > 1) {
      lines.push(`**${incident.title}**`, '');
    }
    lines.push(
      `- ${incident.startedAt
        .slice(0, 16)
        .replace('T', ' ')} UTC: incident started`,
    );
    for (const event of events) {
      const who = event.author ? ` (${event.author})` : '';
      lines.push(
        `- ${event.at.slice(0, 16).replace('T', ' ')} UTC: ${
          event.message
        }${who}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n').trim();
}

/**
 * Postmortems: drafting from incidents, editing, the review flow.
 *
 * @internal
 */
export class PostmortemService {
  static create(options: {
    postmortems: PostmortemStore;
    incidents: IncidentStore;
    actionItems: ActionItemStore;
  }) {
    return new PostmortemService(options);
  }

  private constructor(
    private readonly stores: {
      postmortems: PostmortemStore;
      incidents: IncidentStore;
      actionItems: ActionItemStore;
    },
  ) {}

  /**
   * The incidents, all of which must belong to the entity. An incident of
   * another entity is refused as one that does not exist, so the answer
   * names no entity the writer may not see.
   */
  private async loadIncidents(entityRef: string, ids: string[]) {
    const result = [];
    for (const id of ids) {
      const incident = await this.stores.incidents.getIncident(id);
      if (!incident || incident.entityRef !== entityRef) {
        throw new InputError(
          `incidentIds: no incident with id ${id} of ${entityRef}`,
        );
      }
      result.push(incident);
    }
    return result;
  }

  async create(
    input: PostmortemFields & { entityRef: string; incidentIds: string[] },
    actor: string,
  ): Promise<Postmortem> {
    const incidents = await this.loadIncidents(
      input.entityRef,
      input.incidentIds,
    );
    const withEvents = await Promise.all(
      incidents.map(async incident => ({
        incident,
        events: await this.stores.incidents.listEvents(incident.id),
      })),
    );
    const first = incidents[0];
    const seconds = secondsBetween(first.startedAt, first.resolvedAt);
    return this.stores.postmortems.createPostmortem(
      {
        ...input,
        title: input.title ?? `Postmortem: ${first.title}`,
        timeline: input.timeline ?? draftTimeline(withEvents),
        summary: input.summary ?? first.summary ?? '',
        impactDurationMinutes:
          input.impactDurationMinutes ??
          (seconds === null ? null : Math.round(seconds / 60)),
        author: actor,
        status: 'draft',
      },
      actor,
    );
  }

  async get(id: string, today: string): Promise<PostmortemDetail> {
    const postmortem = await this.stores.postmortems.getPostmortem(id);
    if (!postmortem) {
      throw new NotFoundError(`No postmortem with id ${id}`);
    }
    const incidents = await Promise.all(
      postmortem.incidentIds.map(i => this.stores.incidents.getIncident(i)),
    );
    const actionItems = await this.stores.actionItems.listActionItems(
      { postmortemId: id, today },
      { limit: 100 },
    );
    return {
      ...postmortem,
      incidents: incidents
        .filter((i): i is Incident => Boolean(i))
        .map(i => ({
          id: i.id,
          title: i.title,
          severity: i.severity,
          startedAt: i.startedAt,
        })),
      actionItems: actionItems.items,
    };
  }

  async update(
    current: Postmortem,
    changes: PostmortemFields & { version: number; incidentIds?: string[] },
    actor: string,
  ): Promise<Postmortem> {
    const { version, incidentIds, ...fields } = changes;
    if (fields.status && fields.status !== current.status) {
      if (!NEXT_STATUSES[current.status].includes(fields.status)) {
        throw new InputError(
          `status: a ${current.status} postmortem can move to ${NEXT_STATUSES[
            current.status
          ].join(' or ')}, not ${fields.status}`,
        );
      }
      fields.publishedAt = fields.status === 'published' ? new Date() : null;
    }
    if (incidentIds) {
      if (!incidentIds.length) {
        throw new InputError(
          'incidentIds: a postmortem covers at least one incident',
        );
      }
      await this.loadIncidents(current.entityRef, incidentIds);
    }
    return this.stores.postmortems.updatePostmortem(current.id, {
      expectedVersion: version,
      changes: fields,
      incidentIds,
      actor,
    });
  }
}

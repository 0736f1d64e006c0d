import { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentEvent,
  Postmortem,
  PostmortemDetail,
  PostmortemStatus,
  secondsBetween,
} from '@reliability-hub/plugin-reliability-common';
import {
  DISPLAY_NAME_FIELDS,
  displayNameOf,
  personRefsIn,
  withDisplayNames,
} from '../access/displayNames';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import { IncidentStore } from '../incidents/IncidentStore';
import { PostmortemAnnouncer } from './PostmortemAnnouncer';
import { PostmortemFields, PostmortemStore } from './PostmortemStore';

/**
 * The review flow: where a change may move a postmortem from each status.
 * It is published only by a reviewer's approval (`approve`).
 */
const NEXT_STATUSES: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft'],
  published: ['in_review'],
};

/** What services need to reach the catalog. */
interface CatalogAccess {
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * The timeline section drafted from the incidents' timelines, in UTC, with
 * people by the names in `names` (ref to display name) where it has them.
 *
 * @internal
 */
export function draftTimeline(
  incidents: Array<{ incident: Incident; events: IncidentEvent[] }>,
  names: ReadonlyMap<string, string> = new Map(),
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
        `- ${event.at.slice(0, 16).replace('T', ' ')} UTC: ${withDisplayNames(
          `${event.message}${who}`,
          names,
        )}`,
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
  static create(
    options: {
      postmortems: PostmortemStore;
      incidents: IncidentStore;
      actionItems: ActionItemStore;
      announcer: PostmortemAnnouncer;
    } & CatalogAccess,
  ) {
    return new PostmortemService(options);
  }

  private constructor(
    private readonly stores: {
      postmortems: PostmortemStore;
      incidents: IncidentStore;
      actionItems: ActionItemStore;
      announcer: PostmortemAnnouncer;
    } & CatalogAccess,
  ) {}

  private async serviceCredentials() {
    return this.stores.auth.getOwnServiceCredentials();
  }

  /**
   * The display names of the people in `refs` (at most 100), in one catalog
   * request; a ref the catalog does not have gets none.
   */
  private async displayNames(refs: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(refs)].slice(0, 100);
    if (!unique.length) {
      return new Map();
    }
    const { items } = await this.stores.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: DISPLAY_NAME_FIELDS },
      { credentials: await this.serviceCredentials() },
    );
    return new Map(
      unique.flatMap((ref, i) => {
        const entity = items[i];
        return entity ? [[ref, displayNameOf(entity)] as const] : [];
      }),
    );
  }

  /**
   * Reviewers must be users or groups the catalog has: a name typed in, or a
   * person since removed, is refused naming the field. One catalog request.
   */
  private async checkReviewers(refs: string[]) {
    if (!refs.length) {
      return;
    }
    const { items } = await this.stores.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials: await this.serviceCredentials() },
    );
    const unknown = refs.filter((_, i) => !items[i]);
    if (unknown.length) {
      throw new InputError(
        `reviewers: no user or group ${unknown.join(', ')} in the catalog`,
      );
    }
  }

  /**
   * Whether the user is one of the reviewers, named or as a member of a
   * group named: the user's `memberOf` relations, from the catalog.
   */
  private async isReviewer(postmortem: Postmortem, user: string) {
    if (postmortem.reviewers.includes(user)) {
      return true;
    }
    const groups = postmortem.reviewers.filter(r => r.startsWith('group:'));
    if (!groups.length) {
      return false;
    }
    const entity = await this.stores.catalog.getEntityByRef(user, {
      credentials: await this.serviceCredentials(),
    });
    return Boolean(
      entity?.relations?.some(
        relation =>
          relation.type === RELATION_MEMBER_OF &&
          groups.includes(relation.targetRef.toLocaleLowerCase('en-US')),
      ),
    );
  }

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
    await this.checkReviewers(input.reviewers ?? []);
    const withEvents = await Promise.all(
      incidents.map(async incident => ({
        incident,
        events: await this.stores.incidents.listEvents(incident.id),
      })),
    );
    const names = await this.displayNames(
      withEvents.flatMap(({ events }) =>
        events.flatMap(event =>
          personRefsIn(`${event.message} ${event.author ?? ''}`),
        ),
      ),
    );
    const first = incidents[0];
    const seconds = secondsBetween(first.startedAt, first.resolvedAt);
    return this.stores.postmortems.createPostmortem(
      {
        ...input,
        title: input.title ?? `Postmortem: ${first.title}`,
        timeline: input.timeline ?? draftTimeline(withEvents, names),
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
    const revisions = await this.stores.postmortems.listRevisions(id);
    return {
      revisions,
      ...postmortem,
      incidents: incidents
        .filter((i): i is Incident => Boolean(i))
        .map(i => ({
          id: i.id,
          title: i.title,
          severity: i.severity,
          startedAt: i.startedAt,
          drill: i.drill ?? null,
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
    if (fields.reviewers) {
      await this.checkReviewers(
        fields.reviewers.filter(r => !current.reviewers.includes(r)),
      );
    }
    const moved = fields.status && fields.status !== current.status;
    if (fields.status && moved) {
      if (fields.status === 'published') {
        throw new InputError(
          'status: a postmortem is published when a reviewer other than its author approves it',
        );
      }
      if (!NEXT_STATUSES[current.status].includes(fields.status)) {
        throw new InputError(
          `status: a ${current.status} postmortem can move to ${NEXT_STATUSES[
            current.status
          ].join(' or ')}, not ${fields.status}`,
        );
      }
      const reviewers = fields.reviewers ?? current.reviewers;
      if (
        fields.status === 'in_review' &&
        !reviewers.some(r => r !== current.author)
      ) {
        throw new InputError(
          'reviewers: pick at least one reviewer other than the author before requesting review',
        );
      }
      // Back to draft or review: the approval was of what it was then.
      fields.publishedAt = null;
      fields.approvedBy = null;
      fields.approvedAt = null;
    }
    if (incidentIds) {
      if (!incidentIds.length) {
        throw new InputError(
          'incidentIds: a postmortem covers at least one incident',
        );
      }
      await this.loadIncidents(current.entityRef, incidentIds);
    }
    const updated = await this.stores.postmortems.updatePostmortem(current.id, {
      expectedVersion: version,
      changes: fields,
      incidentIds,
      actor,
    });
    if (moved && updated.status === 'in_review') {
      await this.stores.announcer.reviewRequested(updated);
    }
    return updated;
  }

  /**
   * A reviewer's approval, which publishes the postmortem: recorded with who
   * and when. Its author cannot approve it, nor can anyone not asked to.
   */
  async approve(
    current: Postmortem,
    version: number,
    approver: string,
  ): Promise<Postmortem> {
    if (approver === current.author) {
      throw new NotAllowedError(
        'You wrote this postmortem: a reviewer other than its author approves it',
      );
    }
    if (!(await this.isReviewer(current, approver))) {
      throw new NotAllowedError(
        `${approver} is not a reviewer of this postmortem: only its reviewers approve it`,
      );
    }
    if (current.status !== 'in_review') {
      throw new ConflictError(
        `status: postmortem ${current.id} is ${current.status}; only a postmortem in review can be approved`,
      );
    }
    const now = new Date();
    return this.stores.postmortems.updatePostmortem(current.id, {
      expectedVersion: version,
      changes: {
        status: 'published',
        approvedBy: approver,
        approvedAt: now,
        publishedAt: now,
      },
      actor: approver,
      action: 'postmortem.approve',
    });
  }

  /** Discards a draft, with its action items. */
  async discard(
    current: Postmortem,
    version: number,
    actor: string,
  ): Promise<void> {
    await this.stores.postmortems.discardPostmortem(current.id, {
      expectedVersion: version,
      actor,
    });
  }
}

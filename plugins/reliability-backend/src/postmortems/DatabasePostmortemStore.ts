import {
  changedPostmortemFields,
  IncidentDrillKind,
  Page,
  Postmortem,
  PostmortemRevision,
  PostmortemRevisionAction,
  postmortemRevisionAction,
  PostmortemStatus,
} from '@reliability-hub/plugin-reliability-common';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isPostgres, toIso, toNumber } from '../database/sql';
import { distinctEntityRefs, whereEntities } from '../database/entityFilter';
import { keysetPage, PageRequest } from '../database/keysetPage';
import {
  inTransaction,
  staleVersionError,
  VersionedChange,
  VersionedRecords,
} from '../database/versionedRecords';
import { recordAudit } from '../audit/AuditLog';
import {
  NewPostmortem,
  PostmortemFields,
  PostmortemFilter,
  PostmortemStore,
} from './PostmortemStore';

type Timestamp = Date | number | string;

interface PostmortemRow {
  id: string;
  entity_ref: string;
  title: string;
  status: string;
  summary: string;
  impact: string;
  impact_users_affected: string | null;
  impact_duration_minutes: number | null;
  impact_error_budget: string | null;
  timeline: string;
  root_cause: string;
  contributing_factors: string;
  went_well: string;
  to_improve: string;
  lessons_learned: string;
  author: string;
  reviewers: string;
  approved_by: string | null;
  approved_at: Timestamp | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

const COLUMNS: Record<
  Exclude<keyof PostmortemFields, 'reviewers'>,
  keyof PostmortemRow
> = {
  title: 'title',
  status: 'status',
  summary: 'summary',
  impact: 'impact',
  impactUsersAffected: 'impact_users_affected',
  impactDurationMinutes: 'impact_duration_minutes',
  impactErrorBudget: 'impact_error_budget',
  timeline: 'timeline',
  rootCause: 'root_cause',
  contributingFactors: 'contributing_factors',
  wentWell: 'went_well',
  toImprove: 'to_improve',
  lessonsLearned: 'lessons_learned',
  publishedAt: 'published_at',
  approvedBy: 'approved_by',
  approvedAt: 'approved_at',
};

function toColumns(fields: PostmortemFields): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'reviewers') {
      row.reviewers = JSON.stringify(value);
    } else {
      row[COLUMNS[key as keyof typeof COLUMNS]] = value;
    }
  }
  return row;
}

function toPostmortem(
  row: PostmortemRow,
  incidents: IncidentLinks,
): Postmortem {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    title: row.title,
    status: row.status as PostmortemStatus,
    summary: row.summary,
    impact: row.impact,
    impactUsersAffected: row.impact_users_affected,
    impactDurationMinutes:
      row.impact_duration_minutes === null
        ? null
        : toNumber(row.impact_duration_minutes),
    impactErrorBudget: row.impact_error_budget,
    timeline: row.timeline,
    rootCause: row.root_cause,
    contributingFactors: row.contributing_factors,
    wentWell: row.went_well,
    toImprove: row.to_improve,
    lessonsLearned: row.lessons_learned,
    author: row.author,
    reviewers: JSON.parse(row.reviewers),
    approvedBy: row.approved_by ?? null,
    approvedAt: toIso(row.approved_at ?? null),
    incidentIds: incidents.ids,
    incidentSeverities: [...new Set(incidents.severities)].sort(),
    drill:
      incidents.drills.length > 0 && incidents.drills.every(Boolean)
        ? incidents.drills[0]
        : null,
    publishedAt: toIso(row.published_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
}

type Db = Knex | Knex.Transaction;

/** The incidents a postmortem covers: their ids, severities and drill kinds. */
type IncidentLinks = {
  ids: string[];
  severities: string[];
  drills: Array<IncidentDrillKind | null>;
};

/** The incidents each postmortem covers, by postmortem id. */
async function incidentIdsOf(
  db: Db,
  ids: string[],
): Promise<Map<string, IncidentLinks>> {
  const rows = ids.length
    ? await db('postmortem_incidents')
        .leftJoin(
          'incidents',
          'incidents.id',
          'postmortem_incidents.incident_id',
        )
        .whereIn('postmortem_incidents.postmortem_id', ids)
        .orderBy('postmortem_incidents.incident_id')
        .select(
          'postmortem_incidents.postmortem_id',
          'postmortem_incidents.incident_id',
          'incidents.severity',
          'incidents.drill',
        )
    : [];
  const result = new Map<string, IncidentLinks>(
    ids.map(id => [id, { ids: [], severities: [], drills: [] }]),
  );
  for (const row of rows) {
    const links = result.get(row.postmortem_id)!;
    links.ids.push(row.incident_id);
    links.drills.push(row.drill ?? null);
    if (row.severity) {
      links.severities.push(row.severity);
    }
  }
  return result;
}

async function linkIncidents(db: Db, id: string, incidentIds: string[]) {
  await db('postmortem_incidents').insert(
    incidentIds.map(incidentId => ({
      postmortem_id: id,
      incident_id: incidentId,
    })),
  );
}

const records = VersionedRecords.create<Postmortem>({
  table: 'postmortems',
  thing: 'Postmortem',
  resourceType: 'postmortem',
  fromRow: async (row: PostmortemRow, db) =>
    toPostmortem(row, (await incidentIdsOf(db, [row.id])).get(row.id)!),
});

/** Appends a revision: the version a change made, who, when, what. */
async function addRevision(
  tx: Knex.Transaction,
  revision: {
    postmortemId: string;
    version: number;
    at: Date;
    actor: string;
    action: PostmortemRevisionAction;
    changed: string[];
    status: PostmortemStatus;
  },
) {
  await tx('postmortem_revisions').insert({
    postmortem_id: revision.postmortemId,
    version: revision.version,
    at: revision.at,
    actor: revision.actor,
    action: revision.action,
    changed: JSON.stringify(revision.changed),
    status: revision.status,
  });
}

/** The most revisions a postmortem's page lists. */
const MAX_REVISIONS = 100;

/**
 * One postmortem per incident: a second one for an incident that has one is
 * a conflict naming the first, so "Write postmortem" clicked twice (or by two
 * people at once) opens one draft, not two. The incident rows are locked
 * first on PostgreSQL, so concurrent writers queue here; SQLite writes one
 * transaction at a time.
 */
async function refuseSecondPostmortem(
  tx: Knex.Transaction,
  incidentIds: string[],
) {
  if (isPostgres(tx)) {
    await tx('incidents').whereIn('id', incidentIds).forUpdate().select('id');
  }
  const existing = await tx('postmortem_incidents')
    .whereIn('incident_id', incidentIds)
    .first('postmortem_id', 'incident_id');
  if (existing) {
    throw new ConflictError(
      `incidentIds: incident ${existing.incident_id} already has postmortem ${existing.postmortem_id}; open it instead`,
    );
  }
}

/**
 * Postmortems in the plugin's database.
 *
 * @internal
 */
export class DatabasePostmortemStore implements PostmortemStore {
  static create(options: { knex: Knex }) {
    return new DatabasePostmortemStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async createPostmortem(
    postmortem: NewPostmortem,
    actor: string,
  ): Promise<Postmortem> {
    const {
      id = randomUUID(),
      entityRef,
      author,
      incidentIds,
      ...fields
    } = postmortem;
    return records.create(this.knex, id, { actor }, async (tx, now) => {
      await refuseSecondPostmortem(tx, incidentIds);
      await tx('postmortems').insert({
        id,
        entity_ref: entityRef,
        author,
        status: 'draft',
        reviewers: '[]',
        ...toColumns(fields),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await linkIncidents(tx, id, incidentIds);
      await addRevision(tx, {
        postmortemId: id,
        version: 1,
        at: now,
        actor,
        action: 'created',
        changed: [],
        status: 'draft',
      });
    });
  }

  async listRevisions(id: string): Promise<PostmortemRevision[]> {
    const rows = await this.knex('postmortem_revisions')
      .where({ postmortem_id: id })
      .orderBy('version', 'desc')
      .limit(MAX_REVISIONS);
    return rows.map(row => ({
      version: toNumber(row.version),
      at: toIso(row.at)!,
      actor: row.actor,
      action: row.action,
      changed: JSON.parse(row.changed),
      status: row.status,
    }));
  }

  async discardPostmortem(
    id: string,
    options: { expectedVersion: number; actor: string },
  ): Promise<Postmortem> {
    return inTransaction(this.knex, async tx => {
      const before = await records.read(tx, id);
      if (!before) {
        throw new NotFoundError(`No postmortem with id ${id}`);
      }
      if (before.version !== options.expectedVersion) {
        throw staleVersionError(
          'Postmortem',
          id,
          options.expectedVersion,
          before.version,
        );
      }
      if (before.status !== 'draft') {
        throw new ConflictError(
          `status: postmortem ${id} is ${before.status}; only a draft can be discarded`,
        );
      }
      // Its incidents, action items and revisions go with it (ON DELETE CASCADE).
      const deleted = await tx('postmortems')
        .where({ id, version: options.expectedVersion, status: 'draft' })
        .delete();
      if (deleted !== 1) {
        const current = await tx('postmortems').where({ id }).first('version');
        throw staleVersionError(
          'Postmortem',
          id,
          options.expectedVersion,
          Number(current?.version),
        );
      }
      await recordAudit(tx, {
        actor: options.actor,
        action: 'postmortem.discard',
        resourceType: 'postmortem',
        resourceId: id,
        entityRef: before.entityRef,
        before,
      });
      return before;
    });
  }

  async getPostmortem(id: string): Promise<Postmortem | undefined> {
    return records.read(this.knex, id);
  }

  async listPostmortems(
    filter: PostmortemFilter,
    page: PageRequest,
  ): Promise<Page<Postmortem>> {
    const query = this.filtered(filter);
    const result = await keysetPage<PostmortemRow, PostmortemRow>(query, {
      column: 'created_at',
      ...page,
      toItem: row => row,
    });
    const incidents = await incidentIdsOf(
      this.knex,
      result.items.map(r => r.id),
    );
    return {
      ...result,
      items: result.items.map(row => toPostmortem(row, incidents.get(row.id)!)),
    };
  }

  async listEntityRefs(filter: PostmortemFilter): Promise<string[]> {
    return distinctEntityRefs(this.filtered(filter));
  }

  private filtered(filter: PostmortemFilter): Knex.QueryBuilder {
    const query = whereEntities(this.knex('postmortems'), filter);
    if (filter.status) {
      query.where('status', filter.status);
    }
    if (filter.author) {
      query.where('author', filter.author);
    }
    if (filter.reviewers) {
      const refs = filter.reviewers;
      // Reviewers are stored as a JSON array of refs: match each quoted ref,
      // with LIKE's wildcards (`_` is common in names) taken literally.
      query.where(any => {
        for (const ref of refs) {
          const quoted = JSON.stringify(ref).replace(/[!%_]/g, '!$&');
          any.orWhereRaw("reviewers LIKE ? ESCAPE '!'", [`%${quoted}%`]);
        }
      });
    }
    return query;
  }

  async updatePostmortem(
    id: string,
    options: VersionedChange<PostmortemFields> & {
      incidentIds?: string[];
      /** The change history's action when not `postmortem.update`. */
      action?: string;
    },
  ): Promise<Postmortem> {
    return records.update(this.knex, id, options, async (tx, current, now) => {
      if (options.incidentIds) {
        await tx('postmortem_incidents').where({ postmortem_id: id }).delete();
        await linkIncidents(tx, id, options.incidentIds);
      }
      const status = options.changes.status ?? current.status;
      await addRevision(tx, {
        postmortemId: id,
        version: current.version + 1,
        at: now,
        actor: options.actor,
        action: postmortemRevisionAction(current.status, status),
        changed: changedPostmortemFields(current, options.changes),
        status,
      });
      return toColumns(options.changes);
    });
  }
}

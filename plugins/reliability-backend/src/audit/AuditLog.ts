import { Knex } from 'knex';

/**
 * One entry of the change history (the `audit_log` table): who changed which
 * record, when, and the record before and after.
 *
 * `before` and `after` are the record as the API answers it (camelCase, times
 * as ISO strings, with its `version`); absent where the record did not exist
 * before or was removed. Writes that add to a record without changing its
 * fields (a note on an incident) hold what they added; refreshes of an
 * index (runbooks, SLO definitions) hold a summary of it.
 *
 * @internal
 */
export interface AuditEntry {
  /** Entity ref of the user, `plugin:<id>` of a service, or `alertmanager`. */
  actor: string;
  /** What was done, `<resource type>.<verb>`, e.g. `incident.create`. */
  action: string;
  resourceType: string;
  resourceId: string;
  entityRef?: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

/**
 * Appends to the change history inside the caller's transaction, so a change
 * and its entry are written together or not at all. Request-level events
 * (who asked, whether it was allowed and done) go to the backend's auditor
 * instead; see `EntityAccess.audited`.
 *
 * @internal
 */
export async function recordAudit(
  tx: Knex | Knex.Transaction,
  entry: AuditEntry,
): Promise<void> {
  await tx('audit_log').insert({
    at: entry.at ?? new Date(),
    actor: entry.actor,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    entity_ref: entry.entityRef ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}

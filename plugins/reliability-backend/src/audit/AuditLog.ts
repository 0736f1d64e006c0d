import { Knex } from 'knex';

/**
 * One change recorded in the audit trail.
 *
 * @internal
 */
export interface AuditEntry {
  /** Entity ref of the user or service that made the change. */
  actor: string;
  /** What was done, e.g. `incident.create`. */
  action: string;
  resourceType: string;
  resourceId: string;
  entityRef?: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

/**
 * Appends to the audit trail inside the caller's transaction, so a change and
 * its record are written together or not at all.
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

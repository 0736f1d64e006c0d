import {
  DeployChangeClass,
  DeployException,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/AuditLog';
import { toIso } from '../database/sql';

/** Active exceptions one verdict lists at most. */
const MAX_ACTIVE = 20;

type Row = {
  id: string;
  entity_ref: string;
  change: string;
  until: Date | number | string;
  reason: string;
  granted_by: string;
  created_at: Date | number | string;
};

function fromRow(row: Row): DeployException {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    change: row.change as DeployChangeClass,
    until: toIso(row.until),
    reason: row.reason,
    grantedBy: row.granted_by,
    createdAt: toIso(row.created_at),
  };
}

/**
 * Exceptions to the deploy gate in the `deploy_exceptions` table. Grants and
 * withdrawals are written with their change-history entry in one
 * transaction.
 *
 * @internal
 */
export class DeployExceptionStore {
  static create(options: { knex: Knex }) {
    return new DeployExceptionStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Exceptions in force at `now` (not withdrawn, not ended), soonest end first. */
  async listActive(
    entityRef: string,
    now: Date,
    change?: DeployChangeClass,
  ): Promise<DeployException[]> {
    const query = this.knex<Row>('deploy_exceptions')
      .where({ entity_ref: entityRef })
      .whereNull('withdrawn_at')
      .where('until', '>', now)
      .orderBy([
        { column: 'until', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(MAX_ACTIVE);
    if (change) {
      query.where({ change });
    }
    return (await query).map(fromRow);
  }

  /** One exception in force at `now`, or undefined. */
  async getActive(id: string, now: Date): Promise<DeployException | undefined> {
    const row = await this.knex<Row>('deploy_exceptions')
      .where({ id })
      .whereNull('withdrawn_at')
      .where('until', '>', now)
      .first();
    return row && fromRow(row);
  }

  async grant(
    exception: Omit<DeployException, 'id' | 'createdAt' | 'grantedByName'>,
    now: Date,
  ): Promise<DeployException> {
    const id = randomUUID();
    return this.knex.transaction(async tx => {
      await tx('deploy_exceptions').insert({
        id,
        entity_ref: exception.entityRef,
        change: exception.change,
        until: new Date(exception.until),
        reason: exception.reason,
        granted_by: exception.grantedBy,
        created_at: now,
      });
      const granted: DeployException = {
        ...exception,
        id,
        until: new Date(exception.until).toISOString(),
        createdAt: now.toISOString(),
      };
      await recordAudit(tx, {
        actor: exception.grantedBy,
        action: 'deploy-exception.create',
        resourceType: 'deploy-exception',
        resourceId: id,
        entityRef: exception.entityRef,
        after: granted,
        at: now,
      });
      return granted;
    });
  }

  /** Marks an exception withdrawn; false when it was not in force. */
  async withdraw(
    exception: DeployException,
    actor: string,
    now: Date,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const changed = await tx('deploy_exceptions')
        .where({ id: exception.id })
        .whereNull('withdrawn_at')
        .update({ withdrawn_at: now, withdrawn_by: actor });
      if (!changed) {
        return false;
      }
      await recordAudit(tx, {
        actor,
        action: 'deploy-exception.delete',
        resourceType: 'deploy-exception',
        resourceId: exception.id,
        entityRef: exception.entityRef,
        before: exception,
        at: now,
      });
      return true;
    });
  }
}

import { AuditorService } from '@backstage/backend-plugin-api';
import { Request } from 'express';

/**
 * Details an auditor event carries besides who, when and the outcome.
 *
 * @internal
 */
export type AuditMeta = NonNullable<
  Parameters<AuditorService['createEvent']>[0]['meta']
>;

/**
 * Runs `work` as one event of the backend's auditor (the request-level
 * record: who asked for what, and whether it was done), marking it a success,
 * with `outcome` added to its details, or a failure with the error. With
 * `request`, the auditor names the caller from its credentials; without, the
 * plugin itself, and `meta` should say on whose behalf.
 *
 * @internal
 */
export async function auditEvent<T>(
  auditor: AuditorService,
  event: { eventId: string; request?: Request; meta: AuditMeta },
  work: () => Promise<T>,
  outcome?: (result: T) => AuditMeta,
): Promise<T> {
  const audited = await auditor.createEvent({
    ...event,
    severityLevel: 'medium',
  });
  try {
    const result = await work();
    await audited.success(outcome && { meta: outcome(result) });
    return result;
  } catch (error) {
    await audited.fail({ error: error as Error });
    throw error;
  }
}

/**
 * Records a request that was refused before anything was tried (no
 * permission, a wrong secret) as a failed event of the backend's auditor.
 *
 * @internal
 */
export async function auditRefusal(
  auditor: AuditorService,
  event: { eventId: string; request?: Request; meta: AuditMeta },
  error: Error,
): Promise<void> {
  const audited = await auditor.createEvent({
    ...event,
    severityLevel: 'medium',
  });
  await audited.fail({ error });
}

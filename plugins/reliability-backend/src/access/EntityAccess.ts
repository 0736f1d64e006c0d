import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { auditEvent, AuditMeta, auditRefusal } from '../audit/auditEvent';
import { EntityVisibility } from './EntityVisibility';

/**
 * Who made a request, as the audit trail names them: the user's entity ref,
 * or `plugin:<id>` for a backend plugin calling with service auth.
 *
 * @internal
 */
export function actorOf(
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
): string {
  const { principal } = credentials;
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

/**
 * Who is writing: the audit trail's actor, and whether a person (in the
 * portal) or a service (through the API) made the call.
 *
 * @internal
 */
export interface Writer {
  actor: string;
  via: 'portal' | 'api';
}

/**
 * The audit event of a write the permission system refused.
 *
 * @internal
 */
export const WRITE_DENIED_EVENT = 'write-denied';

/**
 * Authorization and auditing of writes on an entity's reliability records.
 *
 * @internal
 */
export class EntityAccess {
  static create(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    visibility: EntityVisibility;
  }) {
    return new EntityAccess(options);
  }

  private constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      auditor: AuditorService;
      visibility: EntityVisibility;
    },
  ) {}

  /**
   * Checks that the caller may do `permission` on `entityRef` and answers who
   * they are; throws NotAllowedError (403) otherwise. Owners are allowed by a
   * conditional decision that the permission system resolves against the
   * entity's owners in the catalog.
   *
   * A refusal is audited as a failed `write-denied` event (the auditor names
   * the caller from the request; the event names the permission and the
   * entity). Its message names the entity only to a caller who may see it in
   * the catalog, so a refused write does not reveal hidden entities.
   */
  async authorize(
    req: Request,
    permission: ResourcePermission<string>,
    entityRef: string,
  ): Promise<Writer> {
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const visible = await this.options.visibility
        .forCredentials(credentials)
        .canSee(entityRef);
      const error = new NotAllowedError(
        `${actorOf(credentials)} may not ${
          permission.attributes.action ?? 'change'
        } ${permission.name.split('.')[1]} records of ${
          visible ? entityRef : 'this entity'
        }: only its owners can`,
      );
      await auditRefusal(
        this.options.auditor,
        {
          eventId: WRITE_DENIED_EVENT,
          request: req,
          meta: { permission: permission.name, entityRef },
        },
        error,
      );
      throw error;
    }
    return {
      actor: actorOf(credentials),
      via: credentials.principal.type === 'user' ? 'portal' : 'api',
    };
  }

  /**
   * Runs a write as an event of the backend's auditor (`eventId`, with the
   * request), marking it a success or a failure. What the write changed is
   * recorded by the store, in the change history.
   */
  async audited<T>(
    req: Request,
    eventId: string,
    meta: AuditMeta,
    write: () => Promise<T>,
  ): Promise<T> {
    return auditEvent(
      this.options.auditor,
      { eventId, request: req, meta },
      write,
    );
  }
}

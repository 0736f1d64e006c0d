import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { auditEvent, AuditMeta, auditRefusal } from '../audit/auditEvent';
import { EntityVisibility } from './EntityVisibility';

/**
 * The caller of an action of the backend's actions registry: no request,
 * only the credentials the action was invoked with, and the action's id.
 *
 * @internal
 */
export interface ActionCaller {
  credentials: BackstageCredentials;
  actionId: string;
}

/**
 * Who asks for a write: the caller of an HTTP request of the plugin, or of
 * one of its actions.
 *
 * @internal
 */
export type WriteCaller = Request | ActionCaller;

function isActionCaller(caller: WriteCaller): caller is ActionCaller {
  return 'actionId' in caller;
}

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
   * the caller from the request, an action's event names them itself; the
   * event names the permission and the entity). Its message names the entity only to a caller who may see it in
   * the catalog, so a refused write does not reveal hidden entities.
   */
  async authorize(
    caller: WriteCaller,
    permission: ResourcePermission<string>,
    entityRef: string,
  ): Promise<Writer> {
    const credentials = await this.credentialsOf(caller);
    const event = eventOf(caller, credentials);
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
          ...event,
          eventId: WRITE_DENIED_EVENT,
          meta: { ...event.meta, permission: permission.name, entityRef },
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
    caller: WriteCaller,
    eventId: string,
    meta: AuditMeta,
    write: () => Promise<T>,
  ): Promise<T> {
    const event = isActionCaller(caller)
      ? eventOf(caller, await this.credentialsOf(caller))
      : eventOf(caller);
    return auditEvent(
      this.options.auditor,
      { ...event, eventId, meta: { ...event.meta, ...meta } },
      write,
    );
  }

  /**
   * The caller's credentials: a user's or a service's; anything else is
   * refused, for an action as by the HTTP routes.
   */
  private async credentialsOf(
    caller: WriteCaller,
  ): Promise<
    BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
  > {
    if (!isActionCaller(caller)) {
      return this.options.httpAuth.credentials(caller, {
        allow: ['user', 'service'],
      });
    }
    if (!isUserOrService(caller.credentials)) {
      throw new AuthenticationError(
        `Action ${caller.actionId} needs a signed-in user or a service`,
      );
    }
    return caller.credentials;
  }
}

/**
 * What an auditor's event needs to name the caller: the request, from which
 * the auditor reads them; or for an action, which has none, the actor and
 * the action in the event's details.
 */
function eventOf(
  caller: WriteCaller,
  credentials?: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
): { request?: Request; meta: AuditMeta } {
  if (!isActionCaller(caller)) {
    return { request: caller, meta: {} };
  }
  return {
    meta: {
      ...(credentials ? { actor: actorOf(credentials) } : {}),
      action: caller.actionId,
    },
  };
}

/** Whether the credentials are a user's or a service's. */
function isUserOrService(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
> {
  const { type } = credentials.principal as { type?: unknown };
  return type === 'user' || type === 'service';
}

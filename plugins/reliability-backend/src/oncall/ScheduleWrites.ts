import { NotAllowedError } from '@backstage/errors';
import {
  idParamsSchema,
  overrideConcerns,
  reliabilityScheduleCreatePermission,
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { EntityAccess, Writer } from '../access/EntityAccess';
import { EntityVisibility } from '../access/EntityVisibility';
import { parseInput } from '../validation';
import { NewSchedule, ScheduleStore } from './ScheduleStore';

/**
 * What the on-call routes share: finding the schedule a request names, and
 * authorizing and auditing its writes. A schedule belongs to its OWNER
 * GROUP: its members may change it.
 *
 * @internal
 */
export class ScheduleWrites {
  static create(options: {
    store: ScheduleStore;
    access: EntityAccess;
    visibility: EntityVisibility;
    httpAuth: HttpAuthService;
  }) {
    return new ScheduleWrites(options);
  }

  private constructor(
    private readonly options: {
      store: ScheduleStore;
      access: EntityAccess;
      visibility: EntityVisibility;
      httpAuth: HttpAuthService;
    },
  ) {}

  /** The schedule of the path's `:id`, if the caller may see its owner group; else 404. */
  async load(req: Request): Promise<ScheduleRecord> {
    const { id } = parseInput(idParamsSchema, req.params, 'schedule id');
    return this.options.visibility.record(
      req,
      await this.options.store.getSchedule(id),
      record => record.ownerRef,
      `No schedule with id ${id}`,
    );
  }

  /** The caller must be allowed to update the schedule's owner group(s). */
  async authorizeUpdate(
    req: Request,
    current: ScheduleRecord,
    newOwner?: string,
  ): Promise<Writer> {
    const { access } = this.options;
    const writer = await access.authorize(
      req,
      reliabilityScheduleUpdatePermission,
      current.ownerRef,
    );
    if (newOwner && newOwner !== current.ownerRef) {
      // Handing a schedule to another group needs a say in that group too.
      await access.authorize(
        req,
        reliabilityScheduleUpdatePermission,
        newOwner,
      );
    }
    return writer;
  }

  /**
   * Taking an override back: members of the owner group, and the people it
   * concerns (who covers, and whom it covers) may. Anyone else gets a 403
   * that says who may.
   */
  async authorizeOverrideRemoval(
    req: Request,
    current: ScheduleRecord,
    overrideId: string,
  ): Promise<Writer> {
    const override = current.schedule.overrides.find(o => o.id === overrideId);
    const credentials = await this.options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (
      override &&
      credentials.principal.type === 'user' &&
      overrideConcerns(current.schedule, override).includes(
        credentials.principal.userEntityRef.toLocaleLowerCase('en-US'),
      )
    ) {
      return { actor: credentials.principal.userEntityRef, via: 'portal' };
    }
    try {
      return await this.authorizeUpdate(req, current);
    } catch (error) {
      if (error instanceof NotAllowedError && override) {
        throw new NotAllowedError(
          `Only members of ${current.ownerRef}, the person covering and the people covered may remove this override`,
        );
      }
      throw error;
    }
  }

  /** Creates a schedule for its owner group, as the auditor's `eventId`. */
  async create(
    req: Request,
    eventId: string,
    input: NewSchedule,
  ): Promise<ScheduleRecord> {
    const { access, store } = this.options;
    const { actor } = await access.authorize(
      req,
      reliabilityScheduleCreatePermission,
      input.ownerRef,
    );
    return access.audited(
      req,
      eventId,
      { name: input.name, ownerRef: input.ownerRef },
      () => store.createSchedule(input, actor),
    );
  }

  /** Replaces a schedule at `version`, as the auditor's `eventId`. */
  async replace(
    req: Request,
    eventId: string,
    current: ScheduleRecord,
    version: number,
    input: NewSchedule,
  ): Promise<ScheduleRecord> {
    const { access, store } = this.options;
    const { actor } = await this.authorizeUpdate(req, current, input.ownerRef);
    return access.audited(
      req,
      eventId,
      { id: current.id, ownerRef: current.ownerRef },
      () => store.updateSchedule(current.id, version, input, actor),
    );
  }
}

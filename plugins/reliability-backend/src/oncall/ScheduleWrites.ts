import {
  idParamsSchema,
  reliabilityScheduleCreatePermission,
  reliabilityScheduleUpdatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
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
  }) {
    return new ScheduleWrites(options);
  }

  private constructor(
    private readonly options: {
      store: ScheduleStore;
      access: EntityAccess;
      visibility: EntityVisibility;
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

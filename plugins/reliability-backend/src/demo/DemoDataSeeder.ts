import {
  isDatabaseConflictError,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import { todayUtc } from '../actionItems/ActionItemService';
import { IncidentStore } from '../incidents/IncidentStore';
import { PostmortemStore } from '../postmortems/PostmortemStore';
import { demoIncidents } from './demoIncidents';
import { demoPostmortems } from './demoPostmortems';
import { ScheduleStore } from '../oncall/ScheduleStore';
import { RunbookStore } from '../runbooks/store/RunbookStore';
import { demoSchedules } from './demoSchedules';

/** Whether an error says another replica wrote the record first. */
function isDuplicate(error: unknown) {
  return (
    isDatabaseConflictError(error) ||
    (isError(error) && error.name === 'ConflictError')
  );
}

/** Who the audit trail names for demo records. */
export const DEMO_ACTOR = 'plugin:reliability/demo-data';

/**
 * Fills an empty database with the Acme Shop demo records. Records that exist
 * (by their stable demo ids) are left alone, so it can run on every start.
 *
 * @internal
 */
export class DemoDataSeeder {
  static create(options: {
    incidents: IncidentStore;
    postmortems: PostmortemStore;
    actionItems: ActionItemStore;
    schedules?: ScheduleStore;
    /** Where the demo's drill records the runbook it validated. */
    runbooks?: Pick<RunbookStore, 'recordValidation'>;
    /** The portal's base URL, for the drill's link to its runbook. */
    appBaseUrl?: string;
    logger: LoggerService;
  }) {
    return new DemoDataSeeder(options);
  }

  private readonly incidents: IncidentStore;
  private readonly postmortems: PostmortemStore;
  private readonly actionItems: ActionItemStore;
  private readonly logger: LoggerService;
  private readonly schedules?: ScheduleStore;
  private readonly runbooks?: Pick<RunbookStore, 'recordValidation'>;
  private readonly appBaseUrl: string;

  private constructor(options: {
    incidents: IncidentStore;
    postmortems: PostmortemStore;
    actionItems: ActionItemStore;
    schedules?: ScheduleStore;
    runbooks?: Pick<RunbookStore, 'recordValidation'>;
    appBaseUrl?: string;
    logger: LoggerService;
  }) {
    this.schedules = options.schedules;
    this.runbooks = options.runbooks;
    this.appBaseUrl = options.appBaseUrl ?? '';
    this.incidents = options.incidents;
    this.postmortems = options.postmortems;
    this.actionItems = options.actionItems;
    this.logger = options.logger;
  }

  /** Adds the missing demo records; answers how many were added. */
  async seed(now: Date = new Date()): Promise<number> {
    let added = 0;
    for (const { incident, events, validates } of demoIncidents(
      now,
      this.appBaseUrl,
    )) {
      if (await this.incidents.getIncident(incident.id!)) {
        continue;
      }
      try {
        await this.incidents.createIncident(incident, events, DEMO_ACTOR);
        added++;
      } catch (error) {
        // Another replica seeding at the same moment wrote it first.
        if (!isDuplicate(error)) {
          throw error;
        }
      }
      // As resolving the drill in the portal would have; by id, since the
      // runbook index may not have read the files yet.
      for (const runbookId of (incident.resolvedAt && validates) || []) {
        await this.runbooks?.recordValidation(runbookId, {
          at: incident.resolvedAt!,
          incidentId: incident.id!,
        });
      }
    }
    const today = todayUtc(now);
    for (const { postmortem, actionItems } of demoPostmortems(now)) {
      if (await this.postmortems.getPostmortem(postmortem.id)) {
        continue;
      }
      try {
        await this.postmortems.createPostmortem(postmortem, DEMO_ACTOR);
        for (const item of actionItems) {
          await this.actionItems.createActionItem(
            {
              ...item,
              postmortemId: postmortem.id,
              entityRef: postmortem.entityRef,
            },
            DEMO_ACTOR,
            today,
          );
        }
        added++;
      } catch (error) {
        if (!isDuplicate(error)) {
          throw error;
        }
      }
    }
    for (const schedule of this.schedules ? demoSchedules(now) : []) {
      if (await this.schedules!.getSchedule(schedule.id!)) {
        continue;
      }
      try {
        await this.schedules!.createSchedule(schedule, DEMO_ACTOR);
        added++;
      } catch (error) {
        if (!isDuplicate(error)) {
          throw error;
        }
      }
    }
    this.logger.info(
      added
        ? `Demo data: added ${added} incidents and postmortems`
        : 'Demo data: already present',
    );
    return added;
  }
}

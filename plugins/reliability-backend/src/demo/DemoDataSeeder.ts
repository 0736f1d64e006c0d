import {
  isDatabaseConflictError,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { IncidentStore } from '../incidents/IncidentStore';
import { demoIncidents } from './demoIncidents';

/** Who the audit trail names for demo records. */
export const DEMO_ACTOR = 'plugin:reliability/demo-data';

/**
 * Fills an empty database with the Acme Shop demo records. Records that exist
 * (by their stable demo ids) are left alone, so it can run on every start.
 *
 * @internal
 */
export class DemoDataSeeder {
  static create(options: { incidents: IncidentStore; logger: LoggerService }) {
    return new DemoDataSeeder(options.incidents, options.logger);
  }

  private constructor(
    private readonly incidents: IncidentStore,
    private readonly logger: LoggerService,
  ) {}

  /** Adds the missing demo records; answers how many were added. */
  async seed(now: Date = new Date()): Promise<number> {
    let added = 0;
    for (const { incident, events } of demoIncidents(now)) {
      if (await this.incidents.getIncident(incident.id!)) {
        continue;
      }
      try {
        await this.incidents.createIncident(incident, events, DEMO_ACTOR);
        added++;
      } catch (error) {
        // Another replica seeding at the same moment wrote it first.
        if (!isDatabaseConflictError(error) && !(isError(error) && error.name === 'ConflictError')) {
          throw error;
        }
      }
    }
    this.logger.info(
      added
        ? `Demo data: added ${added} incidents`
        : 'Demo data: already present',
    );
    return added;
  }
}

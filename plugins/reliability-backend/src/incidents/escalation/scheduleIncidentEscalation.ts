import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDuration } from '../../config/readDuration';
import { IncidentEscalationService } from './IncidentEscalationService';

/**
 * Runs the escalation job every `reliability.incidents.escalationCheckInterval`
 * (one minute by default), once across replicas.
 *
 * @internal
 */
export async function scheduleIncidentEscalation(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  escalations: IncidentEscalationService;
}): Promise<void> {
  const { scheduler, config, logger, escalations } = options;
  await scheduler.scheduleTask({
    id: 'reliability-incident-escalation',
    frequency: readDuration(
      config,
      'reliability.incidents.escalationCheckInterval',
      { minutes: 1 },
    ),
    timeout: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      const escalated = await escalations.escalateOverdue(new Date());
      if (escalated) {
        logger.info(`Escalated ${escalated} unacknowledged incidents`);
      }
    },
  });
}

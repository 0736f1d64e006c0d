import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDuration } from '../../config/readDuration';
import { HandoffService } from './HandoffService';

/**
 * Runs the hand-off reminders every `reliability.oncall.handoffCheckInterval`
 * (five minutes by default), once across replicas; each hand-off is told of
 * once, whichever run sees it first.
 *
 * @internal
 */
export async function scheduleHandoffReminders(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  handoffs: HandoffService;
}): Promise<void> {
  const { scheduler, config, logger, handoffs } = options;
  await scheduler.scheduleTask({
    id: 'reliability-handoff-reminders',
    frequency: readDuration(config, 'reliability.oncall.handoffCheckInterval', {
      minutes: 5,
    }),
    timeout: { minutes: 2 },
    scope: 'global',
    fn: async () => {
      const told = await handoffs.remindUpcoming(new Date());
      if (told) {
        logger.info(`Told ${told} people of their hand-off within the hour`);
      }
    },
  });
}

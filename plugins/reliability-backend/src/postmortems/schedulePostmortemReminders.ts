import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDuration } from '../config/readDuration';
import { PostmortemReminders } from './PostmortemReminders';

/**
 * Runs the reminder job every `reliability.postmortems.reminderCheckInterval`
 * (15 minutes by default), once across replicas.
 *
 * @internal
 */
export async function schedulePostmortemReminders(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  reminders: PostmortemReminders;
}): Promise<void> {
  const { scheduler, config, logger, reminders } = options;
  await scheduler.scheduleTask({
    id: 'reliability-postmortem-reminders',
    frequency: readDuration(
      config,
      'reliability.postmortems.reminderCheckInterval',
      { minutes: 15 },
    ),
    timeout: { minutes: 5 },
    scope: 'global',
    fn: async () => {
      const seen = await reminders.remind(new Date());
      logger.debug(`Looked at ${seen} postmortems and action items due`);
    },
  });
}

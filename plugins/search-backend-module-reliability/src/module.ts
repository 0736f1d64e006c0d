import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { postmortemCollatorFactory } from './collators/PostmortemCollatorFactory';
import { ReliabilityApiReader } from './collators/ReliabilityApiReader';
import { runbookCollatorFactory } from './collators/RunbookCollatorFactory';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * A search backend module that puts Reliability Hub's runbooks
 * (`reliability-runbook`) and postmortems (`reliability-postmortem`) into the
 * portal's search. Schedule: `search.collators.reliability.schedule`, else
 * every ten minutes.
 *
 * @public
 */
export const searchModuleReliabilityCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'reliability-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, config, discovery, scheduler, indexRegistry }) {
        const key = 'search.collators.reliability.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        const reader = ReliabilityApiReader.create({ discovery, auth });
        for (const factory of [
          runbookCollatorFactory(reader),
          postmortemCollatorFactory(reader),
        ]) {
          indexRegistry.addCollator({
            schedule: scheduler.createScheduledTaskRunner(schedule),
            factory,
          });
        }
      },
    });
  },
});

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      reliability?: {
        /**
         * When the search index of runbooks and postmortems is rebuilt.
         * Default: every 10 minutes, the first time 30 seconds after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}

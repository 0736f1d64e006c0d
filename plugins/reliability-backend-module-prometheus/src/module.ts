import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { reliabilitySliSourcesExtensionPoint } from '@reliability-hub/plugin-reliability-node';
import { PrometheusSliSource } from './PrometheusSliSource';

/**
 * The Prometheus SLI source of Reliability Hub (OpenSLO
 * `metricSource.type: Prometheus`), added to the reliability backend through
 * its SLI source extension point. It reads the servers of
 * `reliability.slo.prometheus.instances`; with none configured it adds no
 * source, and SLOs on Prometheus show that no such source is installed.
 *
 * @public
 */
export const reliabilityModulePrometheus = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sliSources: reliabilitySliSourcesExtensionPoint,
      },
      async init({ config, logger, sliSources }) {
        const source = PrometheusSliSource.fromConfig(config, { logger });
        if (source) {
          sliSources.addSliSource(source);
        } else {
          logger.info(
            'No Prometheus in reliability.slo.prometheus.instances: SLOs on Prometheus are not evaluated',
          );
        }
      },
    });
  },
});

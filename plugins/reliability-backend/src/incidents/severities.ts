import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_SEVERITY_LEVELS,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';

/**
 * The severity levels from `reliability.incidents.severities`, or the defaults.
 *
 * @internal
 */
export function readSeverityLevels(config: RootConfigService): SeverityLevel[] {
  const configured = config.getOptionalConfigArray(
    'reliability.incidents.severities',
  );
  if (!configured?.length) {
    return DEFAULT_SEVERITY_LEVELS;
  }
  return configured.map(level => ({
    id: level.getString('id'),
    name: level.getString('name'),
    description: level.getOptionalString('description') ?? '',
  }));
}

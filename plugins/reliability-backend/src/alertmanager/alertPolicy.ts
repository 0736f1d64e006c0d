import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { SeverityLevel } from '@reliability-hub/plugin-reliability-common';
import { readSeverityLevels } from '../incidents/severities';
import { AlertmanagerAlert } from './payload';

/**
 * Incident severity by an alert's `severity` label, unless configured otherwise
 * (`reliability.alertmanager.severityByLabel`, merged over these).
 */
const DEFAULT_SEVERITY_BY_LABEL: Record<string, string> = {
  critical: 'SEV1',
  page: 'SEV2',
  warning: 'SEV3',
  ticket: 'SEV3',
  info: 'SEV4',
};
/** For alerts without a `severity` label, or with a value nobody mapped. */
const DEFAULT_SEVERITY = 'SEV3';

/**
 * How alerts become incidents, from `reliability.alertmanager`.
 *
 * @internal
 */
export interface AlertPolicy {
  /** Resolve an incident when all of its alerts have resolved. */
  resolveIncidents: boolean;
  /** The most severe level the alerts' `severity` labels map to. */
  severityOf(alerts: AlertmanagerAlert[]): string;
}

/** SEV3 when configured, otherwise the least severe configured level. */
function fallbackSeverity(severities: SeverityLevel[]): string {
  return severities.some(level => level.id === DEFAULT_SEVERITY)
    ? DEFAULT_SEVERITY
    : severities[severities.length - 1]?.id ?? DEFAULT_SEVERITY;
}

/**
 * The policy of the configured severities and label mapping; a label mapped
 * to a severity that is not configured is reported once, here.
 *
 * @internal
 */
export function readAlertPolicy(
  config: RootConfigService,
  logger: LoggerService,
): AlertPolicy {
  const severities = readSeverityLevels(config);
  const configured = config.getOptionalConfig(
    'reliability.alertmanager.severityByLabel',
  );
  const severityByLabel: Record<string, string> = {
    ...DEFAULT_SEVERITY_BY_LABEL,
  };
  for (const key of configured?.keys() ?? []) {
    severityByLabel[key.toLocaleLowerCase('en-US')] =
      configured?.getString(key) ?? DEFAULT_SEVERITY;
  }
  const fallback = fallbackSeverity(severities);
  for (const [label, severity] of Object.entries(severityByLabel)) {
    if (!severities.some(level => level.id === severity)) {
      logger.warn(
        `reliability.alertmanager.severityByLabel maps ${label} to ${severity}, which is not a configured severity; such alerts get ${fallback}`,
      );
    }
  }
  const rank = (id: string) => {
    const index = severities.findIndex(level => level.id === id);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return {
    resolveIncidents:
      config.getOptionalBoolean('reliability.alertmanager.resolveIncidents') ??
      true,
    severityOf(alerts) {
      const candidates = alerts.map(alert => {
        const label = alert.labels.severity?.toLocaleLowerCase('en-US');
        const mapped = (label && severityByLabel[label]) || DEFAULT_SEVERITY;
        return rank(mapped) === Number.MAX_SAFE_INTEGER ? fallback : mapped;
      });
      return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? fallback;
    },
  };
}

import { AlertTarget } from './AlertTargets';
import { AlertmanagerAlert } from './payload';
import { matchesAlertLabels } from './selector';

/**
 * The alerts by the entities whose selectors they match (an alert may match
 * several), and those that match none. The same fingerprint twice in one
 * payload: the last one counts.
 *
 * @internal
 */
export function alertsByEntity(
  alerts: AlertmanagerAlert[],
  targets: AlertTarget[],
) {
  const byEntity = new Map<
    string,
    { target: AlertTarget; alerts: AlertmanagerAlert[] }
  >();
  const unmatched: AlertmanagerAlert[] = [];
  const unique = new Map(alerts.map(alert => [alert.fingerprint, alert]));
  for (const alert of unique.values()) {
    const matching = targets.filter(target =>
      matchesAlertLabels(target.matchers, alert.labels),
    );
    if (!matching.length) {
      unmatched.push(alert);
    }
    for (const target of matching) {
      const entry = byEntity.get(target.entityRef) ?? { target, alerts: [] };
      entry.alerts.push(alert);
      byEntity.set(target.entityRef, entry);
    }
  }
  return { byEntity, unmatched };
}

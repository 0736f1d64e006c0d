import { IncidentDetail } from '@reliability-hub/plugin-reliability-common';

const ALERT_EVENT_MESSAGE = /^(\S+) (?:firing|resolved)\b/;

function labelOf(data: Record<string, unknown> | null): string | undefined {
  const labels = data?.labels;
  if (labels && typeof labels === 'object') {
    const name = (labels as Record<string, unknown>).alertname;
    if (typeof name === 'string' && name) {
      return name;
    }
  }
  return undefined;
}

/**
 * The names of the alerts that fired for an incident, in the order they
 * first fired: from the alert events of its timeline (their labels, or the
 * "<alertname> firing" message when an event carries no labels).
 *
 * @internal
 */
export function alertNamesOf(
  incident: Pick<IncidentDetail, 'timeline'>,
): string[] {
  const names = new Set<string>();
  const events = [...incident.timeline].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  for (const event of events) {
    if (event.type !== 'alert_firing' && event.type !== 'alert_resolved') {
      continue;
    }
    const name =
      labelOf(event.data) ?? ALERT_EVENT_MESSAGE.exec(event.message)?.[1];
    if (name) {
      names.add(name);
    }
  }
  return [...names];
}

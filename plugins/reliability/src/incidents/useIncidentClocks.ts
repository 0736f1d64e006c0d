import {
  computeIncidentClocks,
  IncidentClock,
  IncidentClockInput,
  NO_SEVERITY_POLICY,
} from '@reliability-hub/plugin-reliability-common';
import { useEffect, useMemo, useState } from 'react';
import { useSeverityLevels } from './useSeverityLevels';

/** The time now, moving on every `intervalMs`, so countdowns tick. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The clocks of an incident under its severity's configured policy, computed
 * in the browser from the record (the same function the backend's "needs
 * attention" filter mirrors) and recomputed as time passes.
 */
export function useIncidentClocks(
  incident: IncidentClockInput & { severity: string },
  intervalMs = 1000,
): IncidentClock[] {
  const { levels } = useSeverityLevels();
  const now = useNow(intervalMs);
  const policy =
    levels.find(level => level.id === incident.severity)?.policy ??
    NO_SEVERITY_POLICY;
  return useMemo(
    () => computeIncidentClocks(incident, policy, now),
    [incident, policy, now],
  );
}

import { Incident } from '@reliability-hub/plugin-reliability-common';
import { usePersonValue } from '../../shared/people';
import { IncidentRole } from './IncidentRoleFields';

/**
 * The form state of an incident's roles: the incident's own when editing it;
 * when declaring one, the signed-in user as commander until changed.
 *
 * @internal
 */
export function useIncidentRoles(
  incident?: Incident,
): [
  Record<IncidentRole, string | null>,
  (role: IncidentRole, ref: string | null) => void,
] {
  const [commander, setCommander] = usePersonValue({
    defaultToMe: !incident,
    initial: incident?.commander,
  });
  const [communications, setCommunications] = usePersonValue({
    initial: incident?.communications,
  });
  const [scribe, setScribe] = usePersonValue({ initial: incident?.scribe });
  const setters = {
    commander: setCommander,
    communications: setCommunications,
    scribe: setScribe,
  };
  return [
    { commander, communications, scribe },
    (role, ref) => setters[role](ref),
  ];
}

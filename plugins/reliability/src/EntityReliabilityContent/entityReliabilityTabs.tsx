import { EntityLayout } from '@backstage/plugin-catalog';
import { isReliabilityAvailable } from '../conditions';
import { EntityIncidentsContent, EntitySloContent } from '../plugin';
import { EntityReliabilityContent } from './EntityReliabilityContent';

/**
 * The Reliability, SLOs and Incidents tabs of a Component's page, to put
 * among the `EntityLayout.Route`s of an `EntityLayout` in one line:
 * `{entityReliabilityTabs}`. The cards link to the SLOs tab (`slos`) and the
 * Incidents tab (`incidents`), where incident and postmortem pages live.
 * Other kinds of entity get none of the tabs.
 *
 * @public
 */
export const entityReliabilityTabs: JSX.Element = (
  <>
    <EntityLayout.Route
      path="/reliability"
      title="Reliability"
      if={isReliabilityAvailable}
    >
      <EntityReliabilityContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/slos" title="SLOs" if={isReliabilityAvailable}>
      <EntitySloContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/incidents"
      title="Incidents"
      if={isReliabilityAvailable}
    >
      <EntityIncidentsContent />
    </EntityLayout.Route>
  </>
);

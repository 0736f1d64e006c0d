import { EntityLayout } from '@backstage/plugin-catalog';
import { isReliabilityAvailable } from '../conditions';
import { EntityIncidentsContent, EntitySloContent } from '../plugin';
import { EntityReliabilityContent } from './EntityReliabilityContent';

/**
 * The SLOs and Incidents tabs of a Component's page, to put among the
 * `EntityLayout.Route`s of an `EntityLayout` in one line, for apps that show
 * the cards on the overview (`EntityReliabilityContent` there):
 * `{entitySloAndIncidentTabs}`. The cards link to them, at `slos` and
 * `incidents`. Other kinds of entity get neither tab.
 *
 * @public
 */
export const entitySloAndIncidentTabs: JSX.Element = (
  <>
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

/**
 * The Reliability, SLOs and Incidents tabs of a Component's page, to put
 * among the `EntityLayout.Route`s of an `EntityLayout` in one line:
 * `{entityReliabilityTabs}`. The Reliability tab holds every card
 * (`EntityReliabilityContent`); the cards link to the SLOs tab (`slos`) and
 * the Incidents tab (`incidents`), where incident and postmortem pages live.
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
    {entitySloAndIncidentTabs}
  </>
);

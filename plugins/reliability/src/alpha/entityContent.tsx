import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isReliabilityAvailable } from '../conditions';

/**
 * The "SLOs" tab of every Component, at `.../slos` (where the SLO card
 * links), with the burndown and burn-rate charts:
 * `entity-content:reliability/slos`.
 */
export const sloEntityContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: 'slos',
    title: 'SLOs',
    filter: isReliabilityAvailable,
    loader: () =>
      import('../slo/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/**
 * The "Incidents" tab of every Component, at `.../incidents` (where the card's
 * "All incidents" link leads), with the incident pages and postmortem pages
 * below it: `entity-content:reliability/incidents`.
 */
export const incidentsEntityContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: isReliabilityAvailable,
    loader: () =>
      import('../incidents/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

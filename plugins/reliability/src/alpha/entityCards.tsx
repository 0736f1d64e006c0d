import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isReliabilityAvailable } from '../conditions';

/** A card on the overview of every Component: `entity-card:reliability/<name>`. */
function entityCard<TName extends string>(
  name: TName,
  loader: () => Promise<JSX.Element>,
) {
  return EntityCardBlueprint.make({
    name,
    params: { filter: isReliabilityAvailable, loader },
  });
}

/** The incidents card: `entity-card:reliability/incidents`. */
export const incidentsEntityCard = entityCard('incidents', () =>
  import('../incidents/EntityIncidentsCard').then(m => (
    <m.EntityIncidentsCard />
  )),
);

/**
 * The action items card; it shares the incidents card's summary request:
 * `entity-card:reliability/action-items`.
 */
export const actionItemsEntityCard = entityCard('action-items', () =>
  import('../actionItems/EntityActionItemsCard').then(m => (
    <m.EntityActionItemsCard />
  )),
);

/**
 * Who is on call for the Component, with the escalation chain; it shares the
 * incidents card's summary request: `entity-card:reliability/oncall`.
 */
export const onCallEntityCard = entityCard('oncall', () =>
  import('../oncall/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
);

/**
 * The SLOs of the Component with budget bars and policy tiers; it shares the
 * incidents card's summary request: `entity-card:reliability/slos`.
 */
export const sloEntityCard = entityCard('slos', () =>
  import('../slo/EntitySloCard').then(m => <m.EntitySloCard />),
);

/**
 * The entity's runbooks with stale badges; it shares the incidents card's
 * summary request: `entity-card:reliability/runbooks`.
 */
export const runbooksEntityCard = entityCard('runbooks', () =>
  import('../runbooks/EntityRunbooksCard').then(m => <m.EntityRunbooksCard />),
);

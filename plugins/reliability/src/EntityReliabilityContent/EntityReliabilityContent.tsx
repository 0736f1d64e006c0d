import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { isReliabilityAvailable } from '../conditions';
import {
  EntityActionItemsCard,
  EntityIncidentsCard,
  EntityOnCallCard,
  EntityRunbooksCard,
  EntitySloCard,
} from '../plugin';
import { ReliabilityTimeline } from '../timeline';

/**
 * Every Reliability Hub card of the entity in one grid: its reliability
 * timeline, SLOs, incidents, action items, on call and runbooks. Renders
 * nothing for entities that are not Components, so it may sit on pages
 * shared by several kinds.
 *
 * @public
 */
export function EntityReliabilityContent(): JSX.Element | null {
  const { entity } = useEntity();
  if (!isReliabilityAvailable(entity)) {
    return null;
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <ReliabilityTimeline entityRef={stringifyEntityRef(entity)} />
      </Grid>
      <Grid item md={6} xs={12}>
        <EntitySloCard />
      </Grid>
      <Grid item md={6} xs={12}>
        <EntityIncidentsCard />
      </Grid>
      <Grid item md={6} xs={12}>
        <EntityActionItemsCard />
      </Grid>
      <Grid item md={6} xs={12}>
        <EntityOnCallCard />
      </Grid>
      <Grid item md={6} xs={12}>
        <EntityRunbooksCard />
      </Grid>
    </Grid>
  );
}

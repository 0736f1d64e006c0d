import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isReliabilityPersonAvailable } from '../personal/personalConditions';
import { isReliabilityRollupAvailable } from '../rollup/rollupConditions';

/**
 * The roll-up card of Group and System pages:
 * `entity-card:reliability/rollup`.
 */
export const rollupEntityCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: isReliabilityRollupAvailable,
    loader: () =>
      import('../rollup/EntityReliabilityRollupCard').then(m => (
        <m.EntityReliabilityRollupCard />
      )),
  },
});

/**
 * The "Reliability" tab of Group and System pages, at `.../reliability`
 * (where the card links), with each component and the review:
 * `entity-content:reliability/rollup`.
 */
export const rollupEntityContent = EntityContentBlueprint.make({
  name: 'rollup',
  params: {
    path: 'reliability',
    title: 'Reliability',
    filter: isReliabilityRollupAvailable,
    loader: () =>
      import('../rollup/EntityReliabilityRollupContent').then(m => (
        <m.EntityReliabilityRollupContent />
      )),
  },
});

/**
 * The "My reliability" tab of User pages, at `.../reliability`:
 * `entity-content:reliability/personal`.
 */
export const personalEntityContent = EntityContentBlueprint.make({
  name: 'personal',
  params: {
    path: 'reliability',
    title: 'My reliability',
    filter: isReliabilityPersonAvailable,
    loader: () =>
      import('../personal/EntityMyReliabilityContent').then(m => (
        <m.EntityMyReliabilityContent />
      )),
  },
});

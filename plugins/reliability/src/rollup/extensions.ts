import { createComponentExtension } from '@backstage/core-plugin-api';
import { reliabilityPlugin } from '../plugin';

/**
 * Entity card for Group and System pages (see
 * {@link isReliabilityRollupAvailable}): open incidents, overdue action
 * items, the SLOs with least budget left and who is on call now, over the
 * components the group owns or the system has. One request.
 *
 * @public
 */
export const EntityReliabilityRollupCard: (props: {
  /** Where the card's link goes: the path of the Reliability tab. */
  tabPath?: string;
}) => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityReliabilityRollupCard',
    component: {
      lazy: () =>
        import('./EntityReliabilityRollupCard').then(
          m => m.EntityReliabilityRollupCard,
        ),
    },
  }),
);

/**
 * Entity tab content for Group and System pages: each component with its
 * SLO that has least budget left, and the reliability review of the
 * components together. Mount it at `reliability`, where the card links.
 *
 * @public
 */
export const EntityReliabilityRollupContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityReliabilityRollupContent',
      component: {
        lazy: () =>
          import('./EntityReliabilityRollupContent').then(
            m => m.EntityReliabilityRollupContent,
          ),
      },
    }),
  );

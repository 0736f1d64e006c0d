import { createComponentExtension } from '@backstage/core-plugin-api';
import { reliabilityPlugin } from '../plugin';

/**
 * Entity tab content for User pages ("My reliability"): the user's shifts in
 * the next two weeks, open action items with the overdue ones first, and the
 * SLOs of the components the user's groups own. Show it where
 * {@link isReliabilityPersonAvailable} holds.
 *
 * @public
 */
export const EntityMyReliabilityContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityMyReliabilityContent',
      component: {
        lazy: () =>
          import('./EntityMyReliabilityContent').then(
            m => m.EntityMyReliabilityContent,
          ),
      },
    }),
  );

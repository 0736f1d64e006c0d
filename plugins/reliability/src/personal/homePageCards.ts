import { createCardExtension } from '@backstage/plugin-home-react';
import { reliabilityPlugin } from '../plugin';

/**
 * A card for Backstage's home page (`@backstage/plugin-home`): the signed-in
 * user's on-call shifts over the next two weeks.
 *
 * @public
 */
export const HomePageMyShiftsCard = reliabilityPlugin.provide(
  createCardExtension<{}>({
    name: 'HomePageMyShiftsCard',
    title: 'My on-call shifts',
    components: () =>
      import('./HomePageCards').then(m => ({ Content: m.MyShiftsCardContent })),
  }),
);

/**
 * A card for Backstage's home page (`@backstage/plugin-home`): the open
 * action items of the signed-in user and their teams, overdue first.
 *
 * @public
 */
export const HomePageMyActionItemsCard = reliabilityPlugin.provide(
  createCardExtension<{}>({
    name: 'HomePageMyActionItemsCard',
    title: 'My action items',
    components: () =>
      import('./HomePageCards').then(m => ({
        Content: m.MyActionItemsCardContent,
      })),
  }),
);

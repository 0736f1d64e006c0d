import { createRouteRef } from '@backstage/core-plugin-api';

/** The organisation's reliability page. */
export const rootRouteRef = createRouteRef({
  id: 'reliability',
});

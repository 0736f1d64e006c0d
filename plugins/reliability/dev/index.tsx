import { createDevApp } from '@backstage/dev-utils';
import { reliabilityPlugin, ReliabilityPage } from '../src/plugin';

createDevApp()
  .registerPlugin(reliabilityPlugin)
  .addPage({
    element: <ReliabilityPage />,
    title: 'Root Page',
    path: '/reliability',
  })
  .render();

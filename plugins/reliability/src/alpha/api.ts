import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ReliabilityClient, reliabilityApiRef } from '../api';

/** The Reliability Hub client: `api:reliability`. */
export const reliabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's entity ref, e.g. `user:default/jane.doe`; undefined
 * while it is being read or when the identity cannot be read. The one place
 * the plugin asks who is signed in.
 *
 * @internal
 */
export function useSignedInUserRef(): string | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.userEntityRef;
  }, [identityApi]);
  return value;
}

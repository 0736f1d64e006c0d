import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * Who is signed in: their entity ref, e.g. `user:default/jane.doe`, once
 * read (undefined while `loading`, and when the identity cannot be read).
 * The one place the plugin asks.
 *
 * @internal
 */
export function useSignedInUser(): { userRef?: string; loading: boolean } {
  const identityApi = useApi(identityApiRef);
  const { value, loading } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.userEntityRef;
  }, [identityApi]);
  return { userRef: value, loading };
}

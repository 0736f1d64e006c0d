import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * Who is signed in: their entity ref, e.g. `user:default/jane.doe`, and the
 * refs they own things as (themselves and their groups), once read
 * (undefined while `loading`, and when the identity cannot be read). The one
 * place the plugin asks.
 *
 * @internal
 */
export function useSignedInUser(): {
  userRef?: string;
  ownershipRefs?: string[];
  loading: boolean;
} {
  const identityApi = useApi(identityApiRef);
  const { value, loading } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return {
    userRef: value?.userEntityRef,
    ownershipRefs: value?.ownershipEntityRefs,
    loading,
  };
}

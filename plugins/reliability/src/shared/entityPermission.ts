import { usePermission } from '@backstage/plugin-permission-react';

/**
 * A permission checked on an entity (a resource permission of ours), as
 * `usePermission` takes it.
 *
 * @internal
 */
export type EntityPermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef: string | undefined }
>['permission'];

import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { rootRouteRef } from '../routes';

/** Path of the Runbooks tab below the reliability page. */
export const RUNBOOKS_TAB_PATH = 'runbooks';

function useReliabilityRoot(): string {
  try {
    // Same hook every render; only the result throws when the reliability
    // page is not mounted (tests, slim apps).
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/reliability';
  }
}

/**
 * Where the runbook library and the runbook pages are: the Runbooks tab of
 * the reliability page, with each runbook at `./<URL-encoded id>`.
 *
 * @internal
 */
export function useRunbookLinks() {
  const root = useReliabilityRoot();
  return useMemo(() => {
    const library = `${root.replace(/\/$/, '')}/${RUNBOOKS_TAB_PATH}`;
    return {
      library,
      runbook: (id: string) => `${library}/${encodeURIComponent(id)}`,
    };
  }, [root]);
}

import { Page } from '@reliability-hub/plugin-reliability-common';
import { DependencyList, useCallback, useEffect, useState } from 'react';

/**
 * A list the backend answers a page at a time: the first page on mount (and
 * whenever `deps` change), further ones with `loadMore`, all of it again with
 * `reload`. `lastPage` is the newest page answered, for lists whose pages
 * carry more than items (such as a total).
 *
 * When a first page fails, the rows shown before are dropped: they belong to
 * another query and would pass for its results.
 */
export function usePagedList<P extends Page<unknown>>(
  fetchPage: (cursor?: string) => Promise<P>,
  deps: DependencyList,
) {
  const [rows, setRows] = useState<P['items']>([]);
  const [lastPage, setLastPage] = useState<P>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage(after);
        setRows(previous =>
          after ? [...previous, ...page.items] : page.items,
        );
        setLastPage(page);
        setCursor(page.nextCursor);
      } catch (e) {
        if (!after) {
          setRows([]);
          setLastPage(undefined);
          setCursor(undefined);
        }
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );

  useEffect(() => {
    load();
  }, [load]);

  return {
    rows,
    lastPage,
    loading,
    error,
    hasMore: Boolean(cursor),
    loadMore: () => load(cursor),
    reload: () => load(),
  };
}

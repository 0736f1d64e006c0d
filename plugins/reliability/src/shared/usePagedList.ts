import { Page } from '@reliability-hub/plugin-reliability-common';
import { DependencyList, useCallback, useEffect, useState } from 'react';

/**
 * A list the backend answers a page at a time: the first page on mount (and
 * whenever `deps` change), further ones with `loadMore`, all of it again with
 * `reload`.
 */
export function usePagedList<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
  deps: DependencyList,
) {
  const [rows, setRows] = useState<T[]>([]);
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
        setCursor(page.nextCursor);
      } catch (e) {
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
    loading,
    error,
    hasMore: Boolean(cursor),
    loadMore: () => load(cursor),
    reload: () => load(),
  };
}

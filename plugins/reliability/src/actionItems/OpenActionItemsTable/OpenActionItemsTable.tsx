import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { reliabilityApiRef } from '../../api';
import { usePagedList } from '../../shared/usePagedList';
import { ActionItemsTable } from '../ActionItemsTable';
import { LoadMoreButton } from '../../shared/LoadMoreButton';

/**
 * Open action items across the organisation, a page at a time, with their
 * components and postmortems.
 *
 * @internal
 */
export function OpenActionItemsTable() {
  const api = useApi(reliabilityApiRef);
  const { rows, loading, error, hasMore, loadMore } = usePagedList(
    cursor => api.listActionItems({ status: 'open', limit: 50, cursor }),
    [api],
  );
  if (error && rows.length === 0) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load open action items"
      />
    );
  }
  return (
    <>
      <ActionItemsTable
        title="Open action items"
        items={rows}
        isLoading={loading && rows.length === 0}
        showContext
        emptyMessage="No open action items."
      />
      {hasMore && <LoadMoreButton loading={loading} onClick={loadMore} />}
    </>
  );
}

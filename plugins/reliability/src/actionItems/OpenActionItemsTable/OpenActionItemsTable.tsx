import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { reliabilityApiRef } from '../../api';
import { usePagedList } from '../../shared/usePagedList';
import { ActionItemsTable } from '../ActionItemsTable';

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
      {hasMore && (
        <Box display="flex" justifyContent="center" mt={1}>
          <Button variant="outlined" disabled={loading} onClick={loadMore}>
            {loading ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
}

import {
  ResponseErrorPanel,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import { ReactNode } from 'react';
import { ListTable } from '../ListTable';
import { LoadMoreButton } from '../LoadMoreButton';

/**
 * A list loaded a page at a time, as `usePagedList` gives it.
 *
 * @internal
 */
export interface PagedRows<T> {
  rows: T[];
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A table of a paged list with "Load more" under it: says why when the
 * first page failed (below `filters`, so they can still be changed), says
 * so when nothing matched, and keeps the loaded rows when a later page
 * failed.
 *
 * @internal
 */
export function PagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  list: PagedRows<T>;
  /** What the rows are, in the plural: "Could not load more …". */
  noun: string;
  /** The error panel's title when the first page failed. */
  failedTitle: string;
  emptyMessage: ReactNode;
  filters?: ReactNode;
  options?: TableOptions<T>;
}) {
  const { title, columns, list, noun, failedTitle, emptyMessage, filters } =
    props;
  const { rows, loading, error, hasMore, loadMore } = list;
  if (error && rows.length === 0) {
    return (
      <>
        {filters}
        <ResponseErrorPanel error={error} title={failedTitle} />
      </>
    );
  }
  return (
    <>
      {filters}
      <ListTable<T>
        title={title}
        isLoading={loading && rows.length === 0}
        columns={columns}
        data={rows}
        emptyMessage={emptyMessage}
        options={props.options}
      />
      {error && (
        <ResponseErrorPanel
          error={error}
          title={`Could not load more ${noun}`}
        />
      )}
      {hasMore && <LoadMoreButton loading={loading} onClick={loadMore} />}
    </>
  );
}

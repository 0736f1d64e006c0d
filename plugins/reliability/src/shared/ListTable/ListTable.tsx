import { Table, TableColumn, TableOptions } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * A dense table of records, unpaged and in the order given (the backend
 * sorts), that says `emptyMessage` when there are none.
 *
 * @internal
 */
export function ListTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  data: T[];
  isLoading?: boolean;
  emptyMessage: ReactNode;
  /** More table options, e.g. a row style. */
  options?: TableOptions<T>;
}) {
  const { title, columns, data, isLoading, emptyMessage, options } = props;
  return (
    <Table<T>
      title={title}
      isLoading={isLoading}
      columns={columns}
      data={data}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
        ...options,
      }}
      emptyContent={
        <Box p={3}>
          <Typography color="textSecondary" align="center">
            {emptyMessage}
          </Typography>
        </Box>
      }
    />
  );
}

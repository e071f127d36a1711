import { Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@material-ui/core/TablePagination';
import { ReactNode } from 'react';
import { useWholeWordsStyles } from './wholeWords';

/** Paging state of a table whose rows the backend pages, sorts and filters. */
export interface ServerPaging {
  totalCount: number;
  page: number;
  pageSize: number;
  pageSizes: number[];
  onPageChange(page: number): void;
  onPageSizeChange(pageSize: number): void;
}

/**
 * A core-components Table showing one page served by the backend, with the
 * paging control under it: the Table's own paging, search and sorting are
 * off because the backend does them.
 */
export function ServerPagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  rows: T[];
  loading: boolean;
  emptyContent: ReactNode;
  paging: ServerPaging;
}) {
  const { paging } = props;
  const { wholeWords } = useWholeWordsStyles();
  return (
    <div className={wholeWords}>
      <Table<T>
        title={props.title}
        subtitle={`${paging.totalCount} matching`}
        isLoading={props.loading}
        columns={props.columns}
        data={props.rows}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={<div style={{ padding: 16 }}>{props.emptyContent}</div>}
      />
      <TablePagination
        component="div"
        count={paging.totalCount}
        page={paging.page}
        rowsPerPage={paging.pageSize}
        rowsPerPageOptions={paging.pageSizes}
        onPageChange={(_event, page) => paging.onPageChange(page)}
        onRowsPerPageChange={event =>
          paging.onPageSizeChange(Number(event.target.value))
        }
      />
    </div>
  );
}

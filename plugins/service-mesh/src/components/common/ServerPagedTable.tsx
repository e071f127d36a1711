import { Table, TableColumn } from '@backstage/core-components';
import TablePagination from '@material-ui/core/TablePagination';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useWholeWordsStyles } from './wholeWords';

/**
 * The theme pads each cell 20 px left and 16 px right: with eight columns
 * of whole words that is 288 px, and the scorecard's narrowest layout filled
 * a 1280 px window to the pixel. Between columns 16 px is enough.
 */
const useStyles = makeStyles({
  compactCells: {
    '& th, & td': { paddingLeft: 8, paddingRight: 8 },
    '& th:first-child, & td:first-child': { paddingLeft: 20 },
    '& th:last-child, & td:last-child': { paddingRight: 16 },
  },
});

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
  const { compactCells } = useStyles();
  return (
    <div className={`${wholeWords} ${compactCells}`}>
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

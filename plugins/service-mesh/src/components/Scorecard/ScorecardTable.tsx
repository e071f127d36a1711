import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import { ScorecardRow } from '@meshwise/backstage-plugin-service-mesh-common';
import { useMemo } from 'react';
import { ServerPagedTable } from '../common/ServerPagedTable';
import {
  formatExactTime,
  formatRelativeTime,
  meshName,
} from '../common/format';
import { StageChip } from '../common/StageChip';
import { PAGE_SIZES } from './scorecardUrlState';

/** One page of the scorecard; paging, sorting and filtering are server-side. */
export function ScorecardTable(props: {
  rows: ScorecardRow[];
  totalCount: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const entityRoute = useRouteRef(entityRouteRef);
  const columns = useMemo<TableColumn<ScorecardRow>[]>(
    () => [
      {
        title: 'Service',
        render: row => (
          <Link to={`${entityRoute(entityRouteParams(row.entityRef))}/mesh`}>
            {row.title ?? row.name}
          </Link>
        ),
      },
      {
        title: 'Owner',
        render: row =>
          row.owner ? (
            <EntityRefLink entityRef={row.owner} defaultKind="group" />
          ) : (
            '-'
          ),
      },
      {
        title: 'System',
        render: row =>
          row.system ? (
            <EntityRefLink entityRef={row.system} defaultKind="system" />
          ) : (
            '-'
          ),
      },
      { title: 'Mesh', render: row => meshName(row.mesh) },
      { title: 'Stage', render: row => <StageChip stage={row.stage} /> },
      {
        title: 'Readiness',
        align: 'right',
        render: row => (row.score === null ? '-' : row.score),
      },
      { title: 'Blocking', align: 'right', render: row => row.blockingCount },
      {
        title: 'Last assessed',
        render: row => (
          <Tooltip title={formatExactTime(row.assessedAt)}>
            <span>{formatRelativeTime(row.assessedAt)}</span>
          </Tooltip>
        ),
      },
    ],
    [entityRoute],
  );

  return (
    <ServerPagedTable<ScorecardRow>
      title="Services"
      columns={columns}
      rows={props.rows}
      loading={props.loading}
      emptyContent={<>No service matches these filters.</>}
      paging={{
        totalCount: props.totalCount,
        page: props.page,
        pageSize: props.pageSize,
        pageSizes: [...PAGE_SIZES],
        onPageChange: props.onPageChange,
        onPageSizeChange: props.onPageSizeChange,
      }}
    />
  );
}

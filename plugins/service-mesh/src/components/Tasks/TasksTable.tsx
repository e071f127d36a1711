import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import WarningIcon from '@material-ui/icons/Warning';
import {
  MigrationTask,
  MigrationTaskStatus,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useMemo } from 'react';
import { ServerPagedTable } from '../common/ServerPagedTable';
import {
  formatExactTime,
  formatRelativeTime,
  shortEntityRef,
} from '../common/format';
import { TaskStatusSelect } from './TaskStatus';
import { taskTargetLabel } from './taskModel';

export const TASK_PAGE_SIZES = [20, 50, 100];

/** The issue link, or a warning when the issue could not be opened. */
export function ExternalIssue(props: {
  task: MigrationTask;
  /** Shown when there is neither; nothing by default. */
  placeholder?: string;
}) {
  const { task, placeholder } = props;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      {task.externalUrl && (
        <Link to={task.externalUrl} aria-label={`Issue of ${task.title}`}>
          <span style={{ display: 'inline-flex', alignItems: 'center' }}>
            Issue <OpenInNewIcon fontSize="inherit" />
          </span>
        </Link>
      )}
      {task.externalError && (
        <Tooltip title={`The issue could not be opened: ${task.externalError}`}>
          <span
            role="img"
            aria-label={`The issue could not be opened: ${task.externalError}`}
            style={{ display: 'inline-flex' }}
          >
            <WarningIcon fontSize="small" style={{ color: '#b45309' }} />
          </span>
        </Tooltip>
      )}
      {!task.externalUrl && !task.externalError && placeholder}
    </span>
  );
}

/** One page of tasks; paging and filtering are server-side. */
export function TasksTable(props: {
  tasks: MigrationTask[];
  totalCount: number;
  page: number;
  pageSize: number;
  loading: boolean;
  pendingId?: string;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  onStatusChange: (task: MigrationTask, status: MigrationTaskStatus) => void;
  onOpen: (task: MigrationTask) => void;
}) {
  const { pendingId, onStatusChange, onOpen } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const columns = useMemo<TableColumn<MigrationTask>[]>(
    () => [
      {
        title: 'Service',
        render: task => (
          <Link to={`${entityRoute(entityRouteParams(task.entityRef))}/mesh`}>
            {shortEntityRef(task.entityRef)}
          </Link>
        ),
      },
      { title: 'Target', render: task => taskTargetLabel(task.target) },
      {
        title: 'Title',
        width: '28%',
        render: task => (
          <Button
            size="small"
            color="primary"
            style={{ textTransform: 'none', textAlign: 'left' }}
            onClick={() => onOpen(task)}
            aria-label={`Details of ${task.title}`}
          >
            {task.title}
          </Button>
        ),
      },
      {
        title: 'Assignee',
        render: task =>
          task.assignee ? (
            <EntityRefLink entityRef={task.assignee} defaultKind="group" />
          ) : (
            '-'
          ),
      },
      {
        title: 'Status',
        render: task => (
          <TaskStatusSelect
            task={task}
            pending={pendingId === task.id}
            onChange={status => onStatusChange(task, status)}
          />
        ),
      },
      { title: 'Due', render: task => task.dueDate ?? '-' },
      {
        title: 'Created',
        render: task => (
          <Tooltip title={formatExactTime(task.createdAt)}>
            <span>{formatRelativeTime(task.createdAt)}</span>
          </Tooltip>
        ),
      },
      {
        title: 'Issue',
        render: task => <ExternalIssue task={task} placeholder="-" />,
      },
    ],
    [entityRoute, pendingId, onStatusChange, onOpen],
  );

  return (
    <ServerPagedTable<MigrationTask>
      title="Migration tasks"
      columns={columns}
      rows={props.tasks}
      loading={props.loading}
      emptyContent={
        <>
          No task matches these filters. File tasks from a service's Mesh tab,
          or for a team or system from the Scorecard.
        </>
      }
      paging={{
        totalCount: props.totalCount,
        page: props.page,
        pageSize: props.pageSize,
        pageSizes: TASK_PAGE_SIZES,
        onPageChange: props.onPageChange,
        onPageSizeChange: props.onPageSizeChange,
      }}
    />
  );
}

import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import {
  MIGRATION_TASK_STATUSES,
  MigrationTask,
  MigrationTaskStatus,
  serviceMeshTaskUpdatePermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { DeniedTooltip } from '../common/DeniedTooltip';
import { useEntityPermission } from '../common/useEntityPermission';
import { TASK_STATUS_COLORS, TASK_STATUS_LABELS } from './taskModel';

/** The task's status as a coloured badge. */
export function TaskStatusChip(props: { status: MigrationTaskStatus }) {
  const { status } = props;
  return (
    <Chip
      label={TASK_STATUS_LABELS[status] ?? status}
      size="small"
      data-status={status}
      style={{
        backgroundColor: TASK_STATUS_COLORS[status] ?? '#616161',
        color: '#fff',
        fontWeight: 600,
      }}
    />
  );
}

/**
 * A select that changes the task's status (the caller sends the PATCH);
 * disabled, with the reason, for a user the permission policy does not let
 * update the tasks of the task's entity.
 */
export function TaskStatusSelect(props: {
  task: MigrationTask;
  onChange: (status: MigrationTaskStatus) => void;
  pending?: boolean;
  disabled?: boolean;
}) {
  const { task, onChange, pending, disabled } = props;
  const update = useEntityPermission(
    serviceMeshTaskUpdatePermission,
    task.entityRef,
    'You may not change the tasks of this service',
  );
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <DeniedTooltip reason={update.deniedReason}>
        <TextField
          select
          size="small"
          variant="outlined"
          value={task.status}
          disabled={pending || disabled || !update.allowed}
          SelectProps={{ native: true }}
          style={{ minWidth: 150 }}
          inputProps={{
            'aria-label': `Status of ${task.title}`,
            'data-testid': `task-status-${task.id}`,
          }}
          onChange={event =>
            onChange(event.target.value as MigrationTaskStatus)
          }
        >
          {MIGRATION_TASK_STATUSES.map(status => (
            <option key={status} value={status}>
              {TASK_STATUS_LABELS[status]}
            </option>
          ))}
        </TextField>
      </DeniedTooltip>
      {pending && <CircularProgress size={16} aria-label="Saving" />}
    </span>
  );
}

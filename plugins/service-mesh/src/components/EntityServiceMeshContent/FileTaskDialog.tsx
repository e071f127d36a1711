import { MarkdownContent, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_TASK_STATUSES,
  CreateMigrationTaskRequest,
  MIGRATION_TARGETS,
  MigrationPlan,
  MigrationTarget,
  MigrationTask,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { EntityName, serviceMeshApiRef } from '../../api';
import {
  errorMessage,
  newIdempotencyKey,
  TASK_STATUS_LABELS,
} from '../Tasks/taskModel';
import { defaultTaskTitle, taskDescriptionOf } from './migrationDefaults';

export interface FileTaskService {
  entityRef: string;
  name: EntityName;
  /** The entity's title, else its name. */
  title: string;
  /** The owner's ref: the default assignee. */
  owner?: string;
}

/**
 * Files a migration task for one service. Mount it once per opening: the
 * Idempotency-Key is made when it mounts, so a retry after a network error
 * cannot file the task twice, while the next opening files a new one.
 */
export function FileTaskDialog(props: {
  service: FileTaskService;
  target: MigrationTarget;
  /** The plan already loaded for `target`, if any. */
  plan?: MigrationPlan;
  onClose: () => void;
  onFiled: (task: MigrationTask) => void;
}) {
  const { service, onClose, onFiled } = props;
  const api = useApi(serviceMeshApiRef);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [target, setTarget] = useState<MigrationTarget>(props.target);
  const [title, setTitle] = useState(() =>
    defaultTaskTitle(service.title, props.target),
  );
  const [titleEdited, setTitleEdited] = useState(false);
  const [assignee, setAssignee] = useState(service.owner ?? '');
  const [dueDate, setDueDate] = useState('');

  const { kind, namespace, name } = service.name;
  const loadedPlan = props.plan;
  const planState = useAsync(async () => {
    if (loadedPlan && loadedPlan.target === target) return loadedPlan;
    return api.getMigrationPlan({ kind, namespace, name }, target);
  }, [api, target, loadedPlan, kind, namespace, name]);
  const description = planState.value
    ? taskDescriptionOf(planState.value, service)
    : undefined;
  // A service has one active task per target (the backend guarantees it):
  // say so before filing, rather than answer with the existing task.
  const activeState = useAsync(
    () =>
      api.listTasks({
        entityRef: service.entityRef,
        target,
        status: [...ACTIVE_TASK_STATUSES],
        limit: 1,
      }),
    [api, service.entityRef, target],
  );
  const active = activeState.value?.items[0];

  const [state, file] = useAsyncFn(async () => {
    const request: CreateMigrationTaskRequest = {
      entityRef: service.entityRef,
      target,
      title: title.trim(),
      ...(assignee.trim() ? { assignee: assignee.trim() } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(description ? { description } : {}),
    };
    const task = await api.createTask(request, { idempotencyKey });
    onFiled(task);
    return task;
  }, [
    api,
    service,
    target,
    title,
    assignee,
    dueDate,
    description,
    idempotencyKey,
    onFiled,
  ]);

  const changeTarget = (next: MigrationTarget) => {
    setTarget(next);
    if (!titleEdited) setTitle(defaultTaskTitle(service.title, next));
  };

  return (
    <Dialog
      open
      onClose={state.loading ? undefined : onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="file-task-title"
    >
      <DialogTitle id="file-task-title">File migration task</DialogTitle>
      <DialogContent dividers>
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            id="file-task-target"
            select
            label="Target"
            variant="outlined"
            size="small"
            value={target}
            SelectProps={{ native: true }}
            disabled={state.loading}
            onChange={event =>
              changeTarget(event.target.value as MigrationTarget)
            }
          >
            {MIGRATION_TARGETS.map(t => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </TextField>
          <TextField
            id="file-task-title-field"
            label="Title"
            variant="outlined"
            size="small"
            required
            value={title}
            disabled={state.loading}
            inputProps={{ maxLength: 255 }}
            onChange={event => {
              setTitle(event.target.value);
              setTitleEdited(true);
            }}
          />
          <TextField
            id="file-task-assignee"
            label="Assignee"
            variant="outlined"
            size="small"
            helperText="A group or user ref; the service's owner by default"
            value={assignee}
            disabled={state.loading}
            onChange={event => setAssignee(event.target.value)}
          />
          <TextField
            id="file-task-due"
            type="date"
            label="Due date"
            variant="outlined"
            size="small"
            InputLabelProps={{ shrink: true }}
            value={dueDate}
            disabled={state.loading}
            onChange={event => setDueDate(event.target.value)}
          />
          <Box>
            <Typography variant="subtitle2" component="h3">
              Description (preview)
            </Typography>
            <Box
              border={1}
              borderColor="divider"
              borderRadius={4}
              px={2}
              data-testid="task-description-preview"
            >
              {planState.loading && <Progress />}
              {description && <MarkdownContent content={description} />}
              {planState.error && (
                <Typography variant="body2" color="textSecondary">
                  No plan for this target ({errorMessage(planState.error)}): the
                  task gets the backend's default description.
                </Typography>
              )}
            </Box>
          </Box>
          {active && (
            <Alert severity="info">
              {service.title} already has a task for{' '}
              {MIGRATION_TARGETS.find(t => t.id === target)?.label ?? target}: "
              {active.title}" ({TASK_STATUS_LABELS[active.status]}). A service
              has one active task per target: update that one, or close it
              before filing another.
            </Alert>
          )}
          {state.error && (
            <Alert severity="error">
              The task was not filed: {errorMessage(state.error)}
            </Alert>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={state.loading}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={
            !title.trim() ||
            state.loading ||
            planState.loading ||
            activeState.loading ||
            Boolean(active)
          }
          startIcon={state.loading ? <CircularProgress size={16} /> : undefined}
          onClick={() => file()}
        >
          File task
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { serviceMeshApiRef } from '../../api';
import { formatExactTime, shortEntityRef } from '../common/format';
import { TaskDetailsDialog } from '../Tasks/TaskDetailsDialog';
import { TaskStatusChip, TaskStatusSelect } from '../Tasks/TaskStatus';
import { ExternalIssue } from '../Tasks/TasksTable';
import { taskTargetLabel } from '../Tasks/taskModel';
import { useTaskUpdates } from '../Tasks/useTaskUpdates';

/** How many of a service's tasks the card lists (newest first). */
export const ENTITY_TASK_LIMIT = 50;

/**
 * The migration tasks of one service, newest first, each with its status
 * and a control to change it.
 */
export function TaskList(props: {
  entityRef: string;
  /** Changes when the list should be read again (a task was filed). */
  reloadKey?: number;
}) {
  const { entityRef, reloadKey } = props;
  const api = useApi(serviceMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listTasks({ entityRef, limit: ENTITY_TASK_LIMIT }),
    [api, entityRef],
  );
  // Not in the deps above: a reload keeps showing the list meanwhile.
  const [seenKey, setSeenKey] = useState(reloadKey);
  useEffect(() => {
    if (reloadKey !== seenKey) {
      setSeenKey(reloadKey);
      retry();
    }
  }, [reloadKey, seenKey, retry]);
  const updates = useTaskUpdates(retry);
  const [openId, setOpenId] = useState<string>();

  if (!value && loading) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} />;
  const tasks = (value?.items ?? []).map(updates.current);

  return (
    <Box>
      {updates.notice && (
        <Box mb={1}>
          <Alert
            severity={updates.notice.severity}
            onClose={updates.dismissNotice}
            role={updates.notice.severity === 'success' ? 'status' : 'alert'}
          >
            {updates.notice.message}
          </Alert>
        </Box>
      )}
      {tasks.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No migration task for this service yet.
        </Typography>
      ) : (
        <List dense aria-label="Migration tasks of this service">
          {tasks.map((task: MigrationTask) => (
            <ListItem
              key={task.id}
              divider
              data-testid={`task-${task.id}`}
              style={{ paddingRight: 200 }}
            >
              <ListItemText
                primary={
                  <Box
                    component="span"
                    display="flex"
                    alignItems="center"
                    flexWrap="wrap"
                    style={{ gap: 8 }}
                  >
                    <TaskStatusChip status={task.status} />
                    <Link
                      component="button"
                      variant="body2"
                      onClick={() => setOpenId(task.id)}
                    >
                      {task.title}
                    </Link>
                    <ExternalIssue task={task} />
                  </Box>
                }
                secondary={[
                  taskTargetLabel(task.target),
                  task.assignee &&
                    `assigned to ${shortEntityRef(task.assignee)}`,
                  task.dueDate && `due ${task.dueDate}`,
                  `filed ${formatExactTime(task.createdAt)}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              <ListItemSecondaryAction>
                <TaskStatusSelect
                  task={task}
                  pending={updates.pendingId === task.id}
                  onChange={status => updates.changeStatus(task, status)}
                />
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      {value && value.totalCount > tasks.length && (
        <Typography variant="caption" color="textSecondary">
          Showing the newest {tasks.length} of {value.totalCount} tasks; the
          Tasks tab of the Service Mesh page lists them all.
        </Typography>
      )}
      {openId && (
        <TaskDetailsDialog
          taskId={openId}
          onClose={() => setOpenId(undefined)}
          onChanged={updates.remember}
        />
      )}
    </Box>
  );
}

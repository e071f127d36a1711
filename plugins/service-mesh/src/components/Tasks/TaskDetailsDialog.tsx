import {
  Link,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { serviceMeshApiRef } from '../../api';
import {
  formatExactTime,
  formatRelativeTime,
  shortEntityRef,
} from '../common/format';
import { TaskStatusChip } from './TaskStatus';
import { errorMessage, taskTargetLabel } from './taskModel';

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/**
 * One task in full: its description (markdown), facts, comments and a box
 * to add a comment. The list answers tasks without comments, so the task is
 * read again here.
 */
export function TaskDetailsDialog(props: {
  taskId: string;
  onClose: () => void;
  /** Called with the task the API answered after a change. */
  onChanged?: (task: MigrationTask) => void;
}) {
  const { taskId, onClose, onChanged } = props;
  const api = useApi(serviceMeshApiRef);
  const loaded = useAsync(() => api.getTask(taskId), [api, taskId]);
  const [task, setTask] = useState<MigrationTask>();
  useEffect(() => setTask(loaded.value), [loaded.value]);
  const [comment, setComment] = useState('');

  const [commentState, addComment] = useAsyncFn(async () => {
    const body = comment.trim();
    if (!body) return undefined;
    const answered = await api.commentOnTask(taskId, body);
    setTask(answered);
    setComment('');
    onChanged?.(answered);
    return answered;
  }, [api, taskId, comment, onChanged]);

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="task-details-title"
    >
      <DialogTitle id="task-details-title">
        {task?.title ?? 'Migration task'}
      </DialogTitle>
      <DialogContent dividers>
        {loaded.loading && <Progress />}
        {loaded.error && <ResponseErrorPanel error={loaded.error} />}
        {task && (
          <>
            <Box display="flex" flexWrap="wrap" mb={2}>
              <Fact label="Status">
                <TaskStatusChip status={task.status} />
              </Fact>
              <Fact label="Service">{shortEntityRef(task.entityRef)}</Fact>
              <Fact label="Target">{taskTargetLabel(task.target)}</Fact>
              <Fact label="Assignee">
                {task.assignee ? shortEntityRef(task.assignee) : '-'}
              </Fact>
              <Fact label="Due">{task.dueDate ?? '-'}</Fact>
              <Fact label="Filed">
                {formatExactTime(task.createdAt)} by{' '}
                {shortEntityRef(task.createdBy)}
              </Fact>
              {task.externalUrl && (
                <Fact label="Issue">
                  <Link to={task.externalUrl}>{task.externalUrl}</Link>
                </Fact>
              )}
            </Box>
            {task.externalError && (
              <Box mb={2}>
                <Alert severity="warning">
                  The issue could not be opened: {task.externalError}
                </Alert>
              </Box>
            )}
            {task.resolution && (
              <Box mb={2}>
                <Alert severity="info">Resolution: {task.resolution}</Alert>
              </Box>
            )}
            <Typography variant="h6" component="h3">
              Description
            </Typography>
            <MarkdownContent content={task.description} />
            <Box my={2}>
              <Divider />
            </Box>
            <Typography variant="h6" component="h3">
              Comments ({task.comments.length})
            </Typography>
            {task.comments.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No comments yet.
              </Typography>
            )}
            <Box component="ul" p={0} style={{ listStyle: 'none' }}>
              {task.comments.map(c => (
                <Box component="li" key={c.id} mb={2}>
                  <Typography variant="caption" color="textSecondary">
                    {shortEntityRef(c.author)},{' '}
                    <span title={formatExactTime(c.createdAt)}>
                      {formatRelativeTime(c.createdAt)}
                    </span>
                  </Typography>
                  <Typography
                    variant="body2"
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {c.body}
                  </Typography>
                </Box>
              ))}
            </Box>
            <TextField
              id={`task-comment-${task.id}`}
              label="Add a comment"
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              value={comment}
              onChange={event => setComment(event.target.value)}
            />
            {commentState.error && (
              <Box mt={1}>
                <Alert severity="error">
                  Could not add the comment: {errorMessage(commentState.error)}
                </Alert>
              </Box>
            )}
            <Box mt={1} display="flex" justifyContent="flex-end">
              <Button
                variant="contained"
                color="primary"
                disabled={!comment.trim() || commentState.loading}
                onClick={() => addComment()}
              >
                Add comment
              </Button>
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

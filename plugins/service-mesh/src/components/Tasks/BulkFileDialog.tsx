import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_TASK_STATUSES,
  AdoptionStage,
  BulkCreateMigrationTasksRequest,
  MigrationTask,
  ScorecardRow,
  TaskTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import { shortEntityRef } from '../common/format';
import { STAGE_LABELS } from '../common/StageChip';
import {
  errorMessage,
  TASK_STATUS_LABELS,
  TASK_TARGETS,
  taskTargetLabel,
} from './taskModel';

/** The most services the preview lists (and the scorecard answers per page). */
export const BULK_PREVIEW_LIMIT = 500;

/** What a bulk filing covers: one owner and/or one system, some stages. */
export interface BulkScope {
  owner?: string;
  system?: string;
  stages: AdoptionStage[];
}

/**
 * The bulk scope of the scorecard's owner/system/stage filters, or why there
 * is none: the API files per owner or per system, so exactly one of either
 * is needed and several are refused.
 */
export function bulkScopeOf(filters: {
  owner: string[];
  system: string[];
  stage: AdoptionStage[];
}): { scope: BulkScope } | { reason: string } {
  if (filters.owner.length > 1 || filters.system.length > 1) {
    return {
      reason:
        'Tasks are filed for one owner or one system at a time: keep a single owner and a single system in the filters',
    };
  }
  if (filters.owner.length === 0 && filters.system.length === 0) {
    return {
      reason: 'Pick an owner or a system in the filters to file tasks for',
    };
  }
  return {
    scope: {
      ...(filters.owner.length ? { owner: filters.owner[0] } : {}),
      ...(filters.system.length ? { system: filters.system[0] } : {}),
      stages: filters.stage,
    },
  };
}

export interface BulkPreview {
  /** Matching services without an active task for the target. */
  toFile: ScorecardRow[];
  /** Matching services that have one, with the task. */
  existing: { row: ScorecardRow; task: MigrationTask }[];
  /** Services matching, before the preview limit. */
  totalCount: number;
}

/** Every active task for the target (all pages). */
async function activeTasksFor(
  api: Pick<ServiceMeshApi, 'listTasks'>,
  target: TaskTarget,
): Promise<MigrationTask[]> {
  const tasks: MigrationTask[] = [];
  for (;;) {
    const page = await api.listTasks({
      status: [...ACTIVE_TASK_STATUSES],
      target,
      offset: tasks.length,
      limit: BULK_PREVIEW_LIMIT,
    });
    tasks.push(...page.items);
    if (
      page.items.length < BULK_PREVIEW_LIMIT ||
      tasks.length >= page.totalCount
    ) {
      return tasks;
    }
  }
}

/** What a bulk filing would do: the same filters as the backend applies. */
export async function previewBulkFiling(
  api: Pick<ServiceMeshApi, 'getScorecard' | 'listTasks'>,
  scope: BulkScope,
  target: TaskTarget,
): Promise<BulkPreview> {
  const [scorecard, active] = await Promise.all([
    api.getScorecard({
      ...(scope.owner ? { owner: [scope.owner] } : {}),
      ...(scope.system ? { system: [scope.system] } : {}),
      ...(scope.stages.length ? { stage: scope.stages } : {}),
      limit: BULK_PREVIEW_LIMIT,
    }),
    activeTasksFor(api, target),
  ]);
  const byEntity = new Map(active.map(task => [task.entityRef, task]));
  const preview: BulkPreview = {
    toFile: [],
    existing: [],
    totalCount: scorecard.totalCount,
  };
  for (const row of scorecard.items) {
    const task = byEntity.get(row.entityRef);
    if (task) preview.existing.push({ row, task });
    else preview.toFile.push(row);
  }
  return preview;
}

function scopeText(scope: BulkScope): string {
  const parts = [
    scope.owner && `owned by ${shortEntityRef(scope.owner)}`,
    scope.system && `in system ${shortEntityRef(scope.system)}`,
    scope.stages.length &&
      `at stage ${scope.stages.map(s => STAGE_LABELS[s] ?? s).join(' or ')}`,
  ].filter(Boolean);
  return `Services ${parts.join(', ')}`;
}

function defaultTarget(scope: BulkScope): TaskTarget {
  return scope.stages.length === 0 || scope.stages.includes('must-migrate')
    ? 'gateway-api'
    : TASK_TARGETS[0];
}

/**
 * Files one migration task per service of an owner or system. Before
 * anything is filed it lists which services will get a task and which are
 * skipped because they already have an active one for the target.
 */
export function BulkFileDialog(props: {
  scope: BulkScope;
  onClose: () => void;
  /** Called after tasks were filed. */
  onFiled?: (created: MigrationTask[]) => void;
}) {
  const { scope, onClose, onFiled } = props;
  const api = useApi(serviceMeshApiRef);
  const [target, setTarget] = useState(() => defaultTarget(scope));
  const [dueDate, setDueDate] = useState('');

  const stagesKey = scope.stages.join(',');
  const preview = useAsync(
    () => previewBulkFiling(api, scope, target),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, scope.owner, scope.system, stagesKey, target],
  );

  const [result, confirm] = useAsyncFn(async () => {
    const request: BulkCreateMigrationTasksRequest = {
      target,
      ...(scope.owner ? { owner: scope.owner } : {}),
      ...(scope.system ? { system: scope.system } : {}),
      ...(scope.stages.length ? { stages: scope.stages } : {}),
      ...(dueDate ? { dueDate } : {}),
    };
    const response = await api.bulkCreateTasks(request);
    if (response.created.length > 0) onFiled?.(response.created);
    return response;
  }, [api, scope, target, dueDate, onFiled]);

  const done = result.value;
  const toFile = preview.value?.toFile ?? [];

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="bulk-file-title"
    >
      <DialogTitle id="bulk-file-title">File migration tasks</DialogTitle>
      <DialogContent dividers>
        <Typography paragraph>{scopeText(scope)}.</Typography>
        {!done && (
          <>
            <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
              <TextField
                id="bulk-file-target"
                select
                label="Target"
                variant="outlined"
                size="small"
                value={target}
                SelectProps={{ native: true }}
                onChange={event => setTarget(event.target.value as TaskTarget)}
                disabled={result.loading}
              >
                {TASK_TARGETS.map(id => (
                  <option key={id} value={id}>
                    {taskTargetLabel(id)}
                  </option>
                ))}
              </TextField>
              <TextField
                id="bulk-file-due"
                type="date"
                label="Due date"
                variant="outlined"
                size="small"
                InputLabelProps={{ shrink: true }}
                value={dueDate}
                onChange={event => setDueDate(event.target.value)}
                disabled={result.loading}
              />
            </Box>
            {preview.loading && <Progress />}
            {preview.error && <ResponseErrorPanel error={preview.error} />}
            {preview.value && (
              <BulkPreviewView preview={preview.value} target={target} />
            )}
            {result.error && (
              <Alert severity="error">
                Nothing was filed: {errorMessage(result.error)}
              </Alert>
            )}
          </>
        )}
        {done && (
          <Box role="status">
            <Alert severity={done.created.length ? 'success' : 'info'}>
              Filed {done.created.length}{' '}
              {done.created.length === 1 ? 'task' : 'tasks'} for{' '}
              {taskTargetLabel(target)}; skipped {done.skipped.length}.
            </Alert>
            {done.created.length > 0 && (
              <>
                <Typography variant="subtitle2" component="h3">
                  Filed
                </Typography>
                <List dense aria-label="Filed">
                  {done.created.map(task => (
                    <ListItem key={task.id}>
                      <ListItemText
                        primary={task.title}
                        secondary={`${shortEntityRef(task.entityRef)}${
                          task.assignee
                            ? `, assigned to ${shortEntityRef(task.assignee)}`
                            : ''
                        }`}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            {done.skipped.length > 0 && (
              <>
                <Typography variant="subtitle2" component="h3">
                  Skipped
                </Typography>
                <List dense aria-label="Skipped">
                  {done.skipped.map(skip => (
                    <ListItem key={skip.entityRef}>
                      <ListItemText
                        primary={shortEntityRef(skip.entityRef)}
                        secondary={skip.reason}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {done ? (
          <Button onClick={onClose} color="primary" variant="contained">
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={result.loading}>
              Cancel
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={!preview.value || toFile.length === 0 || result.loading}
              onClick={() => confirm()}
            >
              {toFile.length
                ? `File ${toFile.length} ${
                    toFile.length === 1 ? 'task' : 'tasks'
                  }`
                : 'File tasks'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function BulkPreviewView(props: { preview: BulkPreview; target: string }) {
  const { preview, target } = props;
  const shown = preview.toFile.length + preview.existing.length;
  return (
    <Box>
      {preview.totalCount > shown && (
        <Alert severity="info">
          {preview.totalCount} services match; the preview lists the first{' '}
          {shown}. Filing covers all of them.
        </Alert>
      )}
      {shown === 0 && (
        <Typography>No assessed service matches these filters.</Typography>
      )}
      {shown > 0 && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
          <Box flex="1 1 280px">
            <Typography variant="subtitle2" component="h3">
              Will be filed ({preview.toFile.length})
            </Typography>
            <List dense aria-label="Will be filed">
              {preview.toFile.map(row => (
                <ListItem key={row.entityRef}>
                  <ListItemText
                    primary={row.title ?? row.name}
                    secondary={`${STAGE_LABELS[row.stage] ?? row.stage}${
                      row.owner
                        ? `, assigned to ${shortEntityRef(row.owner)}`
                        : ''
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
          <Box flex="1 1 280px">
            <Typography variant="subtitle2" component="h3">
              Already has a task ({preview.existing.length})
            </Typography>
            <List dense aria-label="Already has a task">
              {preview.existing.map(({ row, task }) => (
                <ListItem key={row.entityRef}>
                  <ListItemText
                    primary={row.title ?? row.name}
                    secondary={`Skipped: "${task.title}" is ${
                      TASK_STATUS_LABELS[task.status] ?? task.status
                    } (${taskTargetLabel(target)})`}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        </Box>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Services you may not file tasks for are skipped as well; the result
        lists every skip with its reason.
      </Typography>
    </Box>
  );
}

import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  MIGRATION_TASK_STATUSES,
  MigrationTask,
  MigrationTaskQuery,
  MigrationTaskStatus,
  TaskTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { serviceMeshApiRef } from '../../api';
import { shortEntityRef } from '../common/format';
import { TaskDetailsDialog } from './TaskDetailsDialog';
import { TASK_PAGE_SIZES, TasksTable } from './TasksTable';
import { TASK_STATUS_LABELS, TASK_TARGETS, taskTargetLabel } from './taskModel';
import { useTaskUpdates } from './useTaskUpdates';

const ENTITY_DEBOUNCE_MS = 300;

export interface TaskFilterState {
  status: MigrationTaskStatus[];
  assignee: string[];
  /** '' for every target. */
  target: string;
  /** As typed: `shipping`, `default/shipping` or `component:default/shipping`. */
  entity: string;
}

export const INITIAL_TASK_FILTERS: TaskFilterState = {
  status: [],
  assignee: [],
  target: '',
  entity: '',
};

/**
 * A typed service as a full entity ref: the kind defaults to `component`
 * and the namespace to `default`. Undefined when empty.
 */
export function entityRefOfInput(text: string): string | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const colon = value.indexOf(':');
  const kind = colon > 0 ? value.slice(0, colon) : 'component';
  const rest = colon > 0 ? value.slice(colon + 1) : value;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : 'default';
  const name = slash > 0 ? rest.slice(slash + 1) : rest;
  return `${kind.toLocaleLowerCase('en-US')}:${namespace.toLocaleLowerCase(
    'en-US',
  )}/${name}`;
}

/** The list query of a filter state, without paging. */
export function taskQueryOf(
  filters: TaskFilterState,
  entity: string,
): MigrationTaskQuery {
  const query: MigrationTaskQuery = {};
  if (filters.status.length) query.status = filters.status;
  if (filters.assignee.length) query.assignee = filters.assignee;
  if (filters.target) query.target = filters.target as TaskTarget;
  const entityRef = entityRefOfInput(entity);
  if (entityRef) query.entityRef = entityRef;
  return query;
}

/** Group refs from the catalog, as suggestions for the assignee filter. */
function useGroupOptions(): string[] {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    try {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      });
      return items.map(entity => stringifyEntityRef(entity)).sort();
    } catch {
      return []; // suggestions only; typed refs still work
    }
  }, [catalogApi]);
  return value ?? [];
}

function TaskFilters(props: {
  value: TaskFilterState;
  onChange: (value: TaskFilterState) => void;
  groupOptions: string[];
}) {
  const { value, onChange, groupOptions } = props;
  const set = (patch: Partial<TaskFilterState>) =>
    onChange({ ...value, ...patch });
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }}>
      <TextField
        id="service-mesh-tasks-entity"
        label="Service"
        variant="outlined"
        size="small"
        placeholder="shipping or component:default/shipping"
        value={value.entity}
        onChange={event => set({ entity: event.target.value })}
        style={{ minWidth: 240, flex: '1 1 240px' }}
      />
      <Autocomplete<MigrationTaskStatus, true, false, false>
        multiple
        size="small"
        options={[...MIGRATION_TASK_STATUSES]}
        value={value.status}
        onChange={(_event, status) => set({ status })}
        getOptionLabel={status => TASK_STATUS_LABELS[status]}
        filterSelectedOptions
        style={{ minWidth: 200, flex: '1 1 200px' }}
        renderInput={params => (
          <TextField
            {...params}
            id="service-mesh-tasks-status"
            variant="outlined"
            label="Status"
          />
        )}
      />
      <Autocomplete<string, true, false, true>
        multiple
        freeSolo
        size="small"
        options={groupOptions}
        value={value.assignee}
        onChange={(_event, assignee) => set({ assignee: assignee as string[] })}
        getOptionLabel={shortEntityRef}
        filterSelectedOptions
        style={{ minWidth: 200, flex: '1 1 200px' }}
        renderInput={params => (
          <TextField
            {...params}
            id="service-mesh-tasks-assignee"
            variant="outlined"
            label="Assignee"
          />
        )}
      />
      <TextField
        id="service-mesh-tasks-target"
        select
        label="Target"
        variant="outlined"
        size="small"
        value={value.target}
        InputLabelProps={{ shrink: true }}
        SelectProps={{ native: true }}
        style={{ minWidth: 220 }}
        onChange={event => set({ target: event.target.value })}
      >
        <option value="">Every target</option>
        {TASK_TARGETS.map(target => (
          <option key={target} value={target}>
            {taskTargetLabel(target)}
          </option>
        ))}
      </TextField>
    </Box>
  );
}

/** The Tasks tab of the Service Mesh page: every migration task. */
export function TasksTab() {
  const api = useApi(serviceMeshApiRef);
  const groupOptions = useGroupOptions();
  const [filters, setFilters] = useState(INITIAL_TASK_FILTERS);
  const [debouncedEntity, setDebouncedEntity] = useState('');
  useDebounce(() => setDebouncedEntity(filters.entity), ENTITY_DEBOUNCE_MS, [
    filters.entity,
  ]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(TASK_PAGE_SIZES[0]);
  const [openId, setOpenId] = useState<string>();

  const query = useMemo(
    () => taskQueryOf(filters, debouncedEntity),
    [filters, debouncedEntity],
  );
  const queryKey = JSON.stringify(query);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listTasks({ ...query, offset: page * pageSize, limit: pageSize }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, page, pageSize],
  );
  const updates = useTaskUpdates(retry);

  const changeFilters = (next: TaskFilterState) => {
    setFilters(next);
    setPage(0);
  };
  const onOpen = useCallback((task: MigrationTask) => setOpenId(task.id), []);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Filters">
          <TaskFilters
            value={filters}
            onChange={changeFilters}
            groupOptions={groupOptions}
          />
        </InfoCard>
      </Grid>
      {updates.notice && (
        <Grid item xs={12}>
          <Alert
            severity={updates.notice.severity}
            onClose={updates.dismissNotice}
            role={updates.notice.severity === 'success' ? 'status' : 'alert'}
          >
            {updates.notice.message}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        {error ? (
          <ResponseErrorPanel error={error} />
        ) : (
          <TasksTable
            tasks={(value?.items ?? []).map(updates.current)}
            totalCount={value?.totalCount ?? 0}
            page={page}
            pageSize={pageSize}
            loading={loading}
            pendingId={updates.pendingId}
            onPageChange={setPage}
            onPageSizeChange={size => {
              setPageSize(size);
              setPage(0);
            }}
            onStatusChange={updates.changeStatus}
            onOpen={onOpen}
          />
        )}
      </Grid>
      {openId && (
        <TaskDetailsDialog
          taskId={openId}
          onClose={() => setOpenId(undefined)}
          onChanged={updates.remember}
        />
      )}
    </Grid>
  );
}

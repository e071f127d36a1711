import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AssignmentIcon from '@material-ui/icons/Assignment';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import {
  AdoptionStage,
  DetectedMesh,
  ScorecardQuery,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { serviceMeshApiRef } from '../../api';
import { BulkFileDialog, bulkScopeOf } from '../Tasks';
import { exportScorecardCsv } from './exportScorecard';
import {
  INITIAL_FILTERS,
  ScorecardFilters,
  ScorecardFilterState,
} from './ScorecardFilters';
import { PAGE_SIZES, ScorecardTable } from './ScorecardTable';
import { StageTotalsBar } from './StageTotalsBar';
import { StageTrendCard } from './StageTrendCard';

const SEARCH_DEBOUNCE_MS = 300;

/** The scorecard's query for a filter state, without paging. */
export function scorecardQueryOf(
  filters: ScorecardFilterState,
  q: string,
): ScorecardQuery {
  const query: ScorecardQuery = { sort: filters.sort, order: filters.order };
  if (filters.owner.length) query.owner = filters.owner;
  if (filters.system.length) query.system = filters.system;
  if (filters.stage.length) query.stage = filters.stage;
  if (filters.mesh.length) query.mesh = filters.mesh as DetectedMesh[];
  if (q.trim()) query.q = q.trim();
  return query;
}

/** Group and system refs from the catalog, for the filters' suggestions. */
function useFilterOptions() {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const refsOf = async (kind: string) => {
      try {
        const { items } = await catalogApi.getEntities({
          filter: { kind },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        });
        return items.map(entity => stringifyEntityRef(entity)).sort();
      } catch {
        return []; // suggestions only; typed refs still work
      }
    };
    const [owners, systems] = await Promise.all([
      refsOf('Group'),
      refsOf('System'),
    ]);
    return { owners, systems };
  }, [catalogApi]);
  return value ?? { owners: [], systems: [] };
}

/** The signed-in user's groups (ownership refs of kind group). */
function useMyGroups(): string[] | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
  }, [identityApi]);
  return value;
}

/** The Scorecard tab of the Service Mesh page. */
export function ScorecardTab() {
  const api = useApi(serviceMeshApiRef);
  const [filters, setFilters] = useState<ScorecardFilterState>(INITIAL_FILTERS);
  const [debouncedQ, setDebouncedQ] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  useDebounce(() => setDebouncedQ(filters.q), SEARCH_DEBOUNCE_MS, [filters.q]);

  const options = useFilterOptions();
  const myGroups = useMyGroups();

  const query = useMemo(
    () => scorecardQueryOf(filters, debouncedQ),
    [filters, debouncedQ],
  );
  const queryKey = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () =>
      api.getScorecard({ ...query, offset: page * pageSize, limit: pageSize }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, page, pageSize],
  );

  const [exportState, runExport] = useAsyncFn(
    () => exportScorecardCsv(api, query),
    [api, queryKey],
  );

  const bulk = bulkScopeOf(filters);
  const [bulkOpen, setBulkOpen] = useState(false);

  const changeFilters = (next: ScorecardFilterState) => {
    setFilters(next);
    setPage(0);
  };
  const toggleStage = (stage: AdoptionStage) =>
    changeFilters({
      ...filters,
      stage: filters.stage.includes(stage)
        ? filters.stage.filter(s => s !== stage)
        : [...filters.stage, stage],
    });

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <StageTotalsBar
          totals={value?.totals ?? {}}
          totalCount={value?.totalCount ?? 0}
          selected={filters.stage}
          onToggle={toggleStage}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Filters">
          <ScorecardFilters
            value={filters}
            onChange={changeFilters}
            ownerOptions={options.owners}
            systemOptions={options.systems}
            myGroups={myGroups}
          />
          <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
            <Button
              variant="outlined"
              color="primary"
              startIcon={
                exportState.loading ? (
                  <CircularProgress size={16} />
                ) : (
                  <GetAppIcon />
                )
              }
              disabled={exportState.loading}
              onClick={() => runExport()}
            >
              Export CSV
            </Button>
            {exportState.error && (
              <Alert severity="error">
                Export failed: {exportState.error.message}
              </Alert>
            )}
            {exportState.value !== undefined && !exportState.loading && (
              <span role="status">Exported {exportState.value} services</span>
            )}
            <Tooltip
              title={
                'reason' in bulk
                  ? bulk.reason
                  : 'One migration task per service of this owner or system (and stages)'
              }
            >
              <span>
                <Button
                  variant="outlined"
                  color="primary"
                  startIcon={<AssignmentIcon />}
                  disabled={'reason' in bulk}
                  onClick={() => setBulkOpen(true)}
                >
                  File tasks for this view
                </Button>
              </span>
            </Tooltip>
            {'reason' in bulk && (
              <Typography variant="caption" color="textSecondary">
                {bulk.reason}
              </Typography>
            )}
          </Box>
          {bulkOpen && 'scope' in bulk && (
            <BulkFileDialog
              scope={bulk.scope}
              onClose={() => setBulkOpen(false)}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {error ? (
          <ResponseErrorPanel error={error} />
        ) : (
          <ScorecardTable
            rows={value?.items ?? []}
            totalCount={value?.totalCount ?? 0}
            page={page}
            pageSize={pageSize}
            loading={loading}
            onPageChange={setPage}
            onPageSizeChange={size => {
              setPageSize(size);
              setPage(0);
            }}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <StageTrendCard
          owner={filters.owner.length === 1 ? filters.owner[0] : undefined}
          system={filters.system.length === 1 ? filters.system[0] : undefined}
        />
      </Grid>
    </Grid>
  );
}

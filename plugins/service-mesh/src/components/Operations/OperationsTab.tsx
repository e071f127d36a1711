import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';
import { BackendStatus } from '../common/BackendStatus';
import { ScanRunsTable } from '../common/ScanRunsTable';
import { ClusterHealthTable } from './ClusterHealthTable';

/** For operators: the backend, its clusters and its recent scans. */
export function OperationsTab() {
  const api = useApi(serviceMeshApiRef);
  const { value, loading, error } = useAsync(
    async () => ({
      health: await api.getHealth(),
      clusters: await api.listClusters(),
      scans: await api.listScans({ limit: 20 }),
    }),
    [api],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Grid container spacing={3}>
      {/* Side by side only from 1920 px: the cluster table's six columns,
          equally wide, need more than two thirds of a narrower page. */}
      <Grid item xs={12} xl={4}>
        <BackendStatus health={value.health} />
      </Grid>
      <Grid item xs={12} xl={8}>
        <ClusterHealthTable clusters={value.clusters.items} />
      </Grid>
      <Grid item xs={12}>
        <ScanRunsTable runs={value.scans.items} />
      </Grid>
    </Grid>
  );
}

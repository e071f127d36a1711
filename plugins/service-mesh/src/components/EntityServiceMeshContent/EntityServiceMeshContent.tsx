import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { readEntityWorkloadSelector } from '@meshwise/backstage-plugin-service-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';
import { BackendStatus } from '../common/BackendStatus';
import { WorkloadSelectorCard } from './WorkloadSelectorCard';

/** The Mesh tab of a service's entity page. */
export function EntityServiceMeshContent() {
  const { entity } = useEntity();
  const api = useApi(serviceMeshApiRef);
  const selector = readEntityWorkloadSelector(entity);
  const {
    value: health,
    loading,
    error,
  } = useAsync(() => api.getHealth(), [api]);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <WorkloadSelectorCard selector={selector} />
      </Grid>
      <Grid item xs={12} md={4}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {health && <BackendStatus health={health} />}
      </Grid>
    </Grid>
  );
}

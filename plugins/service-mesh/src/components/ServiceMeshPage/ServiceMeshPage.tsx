import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';
import { BackendStatus } from '../common/BackendStatus';
import { ScanRunsTable } from '../common/ScanRunsTable';

/** The Service Mesh page of the portal. */
export function ServiceMeshPage() {
  const api = useApi(serviceMeshApiRef);
  const { value, loading, error } = useAsync(
    async () => ({
      health: await api.getHealth(),
      scans: await api.listScans({ limit: 20 }),
    }),
    [api],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Service Mesh"
        subtitle="Compare meshes, track adoption and plan migrations"
      />
      <Content>
        <ContentHeader title="Overview">
          <SupportButton>
            Meshwise assesses every service's Kubernetes workloads for mesh
            readiness and tracks its adoption.
          </SupportButton>
        </ContentHeader>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={4}>
              <BackendStatus health={value.health} />
            </Grid>
            <Grid item xs={12} md={8}>
              <ScanRunsTable runs={value.scans.items} />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}

import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EntityAssessmentResponse,
  ReadinessTargetMesh,
  readEntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useEffect, useState } from 'react';
import { useDiscontinuedMeshes } from '../common/lifecycle';
import { defaultTargetMesh } from '../common/readiness';
import { useEntityAssessment } from '../common/useEntityAssessment';
import { DiscontinuedMeshBanner } from './DiscontinuedMeshBanner';
import { FreshnessCard, RefreshButton } from './FreshnessCard';
import { MigrationCard } from './MigrationCard';
import { NotConfiguredCard } from './NotConfiguredCard';
import { ReadinessCard } from './ReadinessCard';
import { RecommendationCard } from './RecommendationCard';
import { StatusCard } from './StatusCard';
import { WorkloadsCard } from './WorkloadsCard';

/** The Mesh tab of a service's entity page. */
export function EntityServiceMeshContent() {
  const { entity } = useEntity();
  const state = useEntityAssessment(entity);
  const { response, loading, error, notFound } = state;

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const selector = readEntityWorkloadSelector(entity);
  if (response && !response.configured) {
    return (
      <NotConfiguredCard
        hint={
          response.notConfiguredHint ??
          (selector.configured ? '' : selector.hint)
        }
      />
    );
  }
  if (notFound && !selector.configured) {
    return <NotConfiguredCard hint={selector.hint} />;
  }
  if (notFound || !response) {
    return (
      <EmptyState
        missing="data"
        title="Not assessed yet"
        description="The Meshwise scanner has not assessed this service yet. It assesses every service on its schedule; refresh to assess it now."
        action={
          <RefreshButton
            entityRef={stringifyEntityRef(entity)}
            onRefresh={state.refresh}
            refreshing={state.refreshing}
            error={state.refreshError}
          />
        }
      />
    );
  }
  return (
    <AssessmentView
      response={response}
      onRefresh={state.refresh}
      refreshing={state.refreshing}
      refreshError={state.refreshError}
    />
  );
}

function AssessmentView(props: {
  response: EntityAssessmentResponse;
  onRefresh: () => void;
  refreshing: boolean;
  refreshError?: Error;
}) {
  const { response } = props;
  const { assessment } = response;
  const [target, setTarget] = useState<ReadinessTargetMesh>(() =>
    defaultTargetMesh(response),
  );
  // A refresh may change the mesh the service runs on.
  const defaultTarget = defaultTargetMesh(response);
  useEffect(() => setTarget(defaultTarget), [defaultTarget]);

  const discontinued = useDiscontinuedMeshes([
    ...(response.mesh ? [response.mesh] : []),
    ...(assessment?.meshes ?? []),
  ]);

  return (
    <Grid container spacing={3}>
      {discontinued.length > 0 && (
        <Grid item xs={12}>
          <DiscontinuedMeshBanner meshes={discontinued} />
        </Grid>
      )}
      <Grid item xs={12} lg={8}>
        <StatusCard response={response} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <FreshnessCard
          response={response}
          onRefresh={props.onRefresh}
          refreshing={props.refreshing}
          refreshError={props.refreshError}
        />
        <Box mt={3}>
          <RecommendationCard recommendation={response.recommendation} />
        </Box>
      </Grid>
      {assessment && assessment.workloads.length > 0 && (
        // Across the page: inside the status card, two thirds wide, the
        // columns were too narrow for whole words (issue 17).
        <Grid item xs={12}>
          <WorkloadsCard workloads={assessment.workloads} />
        </Grid>
      )}
      {assessment &&
        assessment.workloads.length > 0 &&
        assessment.coverage.meshableWorkloads === 0 && (
          <Grid item xs={12}>
            <InfoCard title="Readiness">
              <Typography>
                Readiness does not apply: no workload of this service can be
                meshed (they use hostNetwork, which no mesh captures). It is
                left out of the adoption numbers.
              </Typography>
            </InfoCard>
          </Grid>
        )}
      {assessment && assessment.coverage.meshableWorkloads > 0 && (
        <Grid item xs={12}>
          <ReadinessCard
            response={response}
            target={target}
            onTargetChange={setTarget}
            currentMesh={response.mesh}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <MigrationCard response={response} />
      </Grid>
    </Grid>
  );
}

import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  EntityAssessmentResponse,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ReactNode } from 'react';
import {
  DATA_PLANE_MODE_LABELS,
  meshName,
  MTLS_LABELS,
} from '../common/format';
import { adoptionFindings } from '../common/readiness';
import { StageChip } from '../common/StageChip';
import { FindingItem } from './FindingItem';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Box component="div" aria-label={props.label}>
        {props.children}
      </Box>
    </Grid>
  );
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

function dataPlaneModes(assessment: ServiceAssessment): string {
  const modes = [
    ...new Set(
      assessment.workloads
        .filter(workload => workload.detection.dataPlaneMode !== 'none')
        .map(
          workload => DATA_PLANE_MODE_LABELS[workload.detection.dataPlaneMode],
        ),
    ),
  ];
  return modes.length > 0 ? modes.join(', ') : 'None';
}

/**
 * How the service runs today: mesh, coverage, mTLS, proxies and stage. Its
 * workloads one by one are in the WorkloadsCard.
 */
export function StatusCard(props: { response: EntityAssessmentResponse }) {
  const { response } = props;
  const { assessment, selector } = response;
  const clusters = response.clusters.map(cluster => cluster.cluster);

  return (
    <InfoCard
      title="Mesh status"
      subheader={response.stageReason}
      action={
        <Box mt={1} mr={1}>
          <StageChip
            stage={response.stage}
            size="medium"
            reason={response.stageReason}
          />
        </Box>
      }
    >
      {!assessment || assessment.workloads.length === 0 ? (
        <Typography paragraph>
          No Kubernetes workload matches{' '}
          <code>{selector?.labelSelector ?? 'the selector'}</code>
          {selector?.namespace ? ` in namespace ${selector.namespace}` : ''}
          {clusters.length > 0 ? ` in ${clusters.join(', ')}` : ''}. Deploy the
          service with that label, or fix the annotation in catalog-info.yaml.
        </Typography>
      ) : (
        <StatusDetails response={response} assessment={assessment} />
      )}
    </InfoCard>
  );
}

function StatusDetails(props: {
  response: EntityAssessmentResponse;
  assessment: ServiceAssessment;
}) {
  const { response, assessment } = props;
  const { coverage, mtls } = assessment;
  const meshes = assessment.meshes.length
    ? assessment.meshes.map(meshName).join(', ')
    : meshName(response.mesh);
  const podShare = percent(coverage.meshedPods, coverage.totalPods);
  const tracking = adoptionFindings(response);
  const inMesh = coverage.meshedWorkloads + coverage.enrolledWorkloads;

  return (
    <>
      <Grid container spacing={2}>
        <Fact label="Mesh">{meshes}</Fact>
        <Fact label="Data-plane mode">{dataPlaneModes(assessment)}</Fact>
        <Fact label="Coverage">
          {coverage.totalPods > 0 ? (
            <>
              <Typography variant="body1">
                {coverage.meshedPods} of {coverage.totalPods} pods meshed (
                {podShare}%)
              </Typography>
              <LinearProgress
                variant="determinate"
                value={podShare}
                aria-label="Meshed pods"
              />
            </>
          ) : (
            <Typography variant="body1">No live pods in the scan</Typography>
          )}
          <Typography variant="caption" color="textSecondary">
            {coverage.meshedWorkloads} of {coverage.meshableWorkloads} meshable
            workloads meshed
            {coverage.enrolledWorkloads > 0
              ? `, ${coverage.enrolledWorkloads} enrolled`
              : ''}
            {coverage.totalWorkloads > coverage.meshableWorkloads
              ? `; ${
                  coverage.totalWorkloads - coverage.meshableWorkloads
                } cannot be meshed`
              : ''}
          </Typography>
        </Fact>
        <Fact label="mTLS">
          {MTLS_LABELS[mtls.mode]}
          {inMesh > 0 && (
            <Typography variant="caption" color="textSecondary" component="div">
              {mtls.strictWorkloads} of {inMesh} workloads strict
            </Typography>
          )}
        </Fact>
        <Fact label="Stale proxies">
          {assessment.staleProxies > 0 ? (
            <Typography color="error">
              {assessment.staleProxies}{' '}
              {assessment.staleProxies === 1
                ? 'workload runs'
                : 'workloads run'}{' '}
              a proxy older than its control plane
            </Typography>
          ) : (
            'None'
          )}
        </Fact>
        <Fact label="Clusters">
          {response.clusters.length
            ? response.clusters.map(cluster => cluster.cluster).join(', ')
            : 'None'}
        </Fact>
      </Grid>
      {tracking.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6" component="h3">
            Adoption items ({tracking.length})
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            About the mesh the service runs on: enrolment, proxies, mTLS and end
            of life.
          </Typography>
          {tracking.map((entry, index) => (
            <FindingItem key={index} entry={entry} />
          ))}
        </Box>
      )}
    </>
  );
}

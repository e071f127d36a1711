import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  EntityAssessmentResponse,
  ServiceAssessment,
  WorkloadAssessment,
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

const STATE_LABELS: Record<WorkloadAssessment['detection']['state'], string> = {
  meshed: 'Meshed',
  enrolled: 'Enrolled, no proxy yet',
  'opted-out': 'Opted out',
  none: 'Not in a mesh',
};

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

function proxyCell(workload: WorkloadAssessment): ReactNode {
  const { proxy } = workload.detection;
  if (!proxy) return '-';
  const version = proxy.proxyVersion ?? 'unknown version';
  if (proxy.stale === true) {
    return (
      <Tooltip title={proxy.source}>
        <Typography variant="body2" color="error" component="span">
          {version}: stale
          {proxy.controlPlaneVersion
            ? ` (control plane ${proxy.controlPlaneVersion})`
            : ''}
        </Typography>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={proxy.source}>
      <span>
        {version}
        {proxy.stale === 'unknown' ? ' (freshness unknown)' : ''}
      </span>
    </Tooltip>
  );
}

function WorkloadTable(props: { workloads: WorkloadAssessment[] }) {
  return (
    <Table size="small" aria-label="Workloads">
      <TableHead>
        <TableRow>
          <TableCell>Workload</TableCell>
          <TableCell>Namespace</TableCell>
          <TableCell>Mesh</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Data plane</TableCell>
          <TableCell align="right">Meshed pods</TableCell>
          <TableCell>mTLS</TableCell>
          <TableCell>Proxy</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.workloads.map(workload => {
          const { detection } = workload;
          return (
            <TableRow key={workload.id}>
              <TableCell>
                {workload.workload.kind} {workload.workload.name}
              </TableCell>
              <TableCell>{workload.workload.namespace ?? '-'}</TableCell>
              <TableCell>{meshName(detection.mesh)}</TableCell>
              <TableCell>
                {detection.meshable
                  ? STATE_LABELS[detection.state]
                  : 'Cannot be meshed (hostNetwork)'}
              </TableCell>
              <TableCell>
                {DATA_PLANE_MODE_LABELS[detection.dataPlaneMode]}
              </TableCell>
              <TableCell align="right">
                {detection.coverage
                  ? `${detection.coverage.meshedPods}/${detection.coverage.totalPods}`
                  : 'no live pods'}
              </TableCell>
              <TableCell>
                <Tooltip title={detection.mtls.source}>
                  <span>{MTLS_LABELS[detection.mtls.mode]}</span>
                </Tooltip>
              </TableCell>
              <TableCell>{proxyCell(workload)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** How the service runs today: mesh, coverage, mTLS, proxies and stage. */
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
      <Box mt={2} style={{ overflowX: 'auto' }}>
        <WorkloadTable workloads={assessment.workloads} />
      </Box>
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

import { InfoCard } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { WorkloadAssessment } from '@meshwise/backstage-plugin-service-mesh-common';
import { ReactNode } from 'react';
import {
  DATA_PLANE_MODE_LABELS,
  meshName,
  MTLS_LABELS,
} from '../common/format';
import { useWholeWordsStyles } from '../common/wholeWords';

const STATE_LABELS: Record<WorkloadAssessment['detection']['state'], string> = {
  meshed: 'Meshed',
  enrolled: 'Enrolled, no proxy yet',
  'opted-out': 'Opted out',
  none: 'Not in a mesh',
};

const useStyles = makeStyles({
  // Short labels and values read as one unit: never wrapped.
  nowrap: { whiteSpace: 'nowrap' },
});

/** A cell's main value with a smaller second line under it. */
function TwoLines(props: { main: ReactNode; second: ReactNode }) {
  return (
    <>
      {props.main}
      <Typography variant="caption" color="textSecondary" display="block">
        {props.second}
      </Typography>
    </>
  );
}

function ProxyValue(props: { workload: WorkloadAssessment }) {
  const { proxy } = props.workload.detection;
  if (!proxy) return <>-</>;
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

/**
 * Every workload of the service, in a card of its own across the page: six
 * columns, the namespace and data-plane mode as second lines, so labels and
 * values keep whole words at desktop widths (issue 17).
 */
export function WorkloadsCard(props: { workloads: WorkloadAssessment[] }) {
  const classes = useStyles();
  const { wholeWords } = useWholeWordsStyles();
  const { workloads } = props;
  return (
    <InfoCard title={`Workloads (${workloads.length})`}>
      <Table size="small" aria-label="Workloads" className={wholeWords}>
        <TableHead>
          <TableRow>
            <TableCell>Workload</TableCell>
            <TableCell>Mesh</TableCell>
            <TableCell>State</TableCell>
            <TableCell align="right" className={classes.nowrap}>
              Meshed pods
            </TableCell>
            <TableCell>mTLS</TableCell>
            <TableCell>Proxy</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {workloads.map(workload => {
            const { detection } = workload;
            return (
              <TableRow key={workload.id}>
                <TableCell>
                  <TwoLines
                    main={`${workload.workload.kind} ${workload.workload.name}`}
                    second={`Namespace ${workload.workload.namespace ?? '-'}`}
                  />
                </TableCell>
                <TableCell>
                  <TwoLines
                    main={meshName(detection.mesh)}
                    second={`Data plane: ${
                      DATA_PLANE_MODE_LABELS[detection.dataPlaneMode]
                    }`}
                  />
                </TableCell>
                <TableCell>
                  {detection.meshable
                    ? STATE_LABELS[detection.state]
                    : 'Cannot be meshed (hostNetwork)'}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {detection.coverage
                    ? `${detection.coverage.meshedPods}/${detection.coverage.totalPods}`
                    : 'no live pods'}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <Tooltip title={detection.mtls.source}>
                    <span>{MTLS_LABELS[detection.mtls.mode]}</span>
                  </Tooltip>
                </TableCell>
                <TableCell>
                  <ProxyValue workload={workload} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

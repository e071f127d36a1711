import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ErrorIcon from '@material-ui/icons/Error';
import Alert from '@material-ui/lab/Alert';
import {
  EntityAssessmentResponse,
  formatKubeObjectRef,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { meshName } from '../common/format';
import { useDiscontinuedMeshes } from '../common/lifecycle';
import { defaultTargetMesh, topBlockingFindings } from '../common/readiness';
import { StageChip } from '../common/StageChip';
import { useEntityAssessment } from '../common/useEntityAssessment';

/** The overview card: stage, score and the top blocking findings. */
export function EntityMeshReadinessCard(props: {
  /** Where the Mesh tab is, relative to the overview; `mesh` by default. */
  meshTabPath?: string;
}) {
  const { entity } = useEntity();
  const { response, loading, error, notFound } = useEntityAssessment(entity);
  const deepLink = {
    link: props.meshTabPath ?? 'mesh',
    title: 'Open the Mesh tab',
  };

  return (
    <InfoCard title="Mesh readiness" deepLink={deepLink} variant="gridItem">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && notFound && (
        <Typography>
          Not assessed yet: the Meshwise scanner has not reached this service.
        </Typography>
      )}
      {response && !response.configured && (
        <Typography>
          Not configured: add the <code>backstage.io/kubernetes-id</code>{' '}
          annotation so Meshwise can find the service's workloads. The Mesh tab
          shows how.
        </Typography>
      )}
      {response && response.configured && <Summary response={response} />}
    </InfoCard>
  );
}

function Summary(props: { response: EntityAssessmentResponse }) {
  const { response } = props;
  const blocking = topBlockingFindings(response, 3);
  const target = response.mesh ?? defaultTargetMesh(response);
  const discontinued = useDiscontinuedMeshes(response.assessment?.meshes ?? []);
  return (
    <>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <StageChip stage={response.stage} size="medium" />
        <Typography variant="body2" color="textSecondary">
          {response.stageReason}
        </Typography>
      </Box>
      {discontinued.map(mesh => (
        <Box key={mesh.id} mb={1}>
          <Alert severity="error">
            {mesh.name} is {mesh.lifecycle.status}
            {mesh.lifecycle.since ? ` since ${mesh.lifecycle.since}` : ''}:
            migrate to {mesh.successors.map(s => s.name).join(' or ')}.
          </Alert>
        </Box>
      ))}
      <Box display="flex" alignItems="baseline" style={{ gap: 24 }}>
        <div>
          <Typography
            variant="h3"
            component="span"
            aria-label="Readiness score"
          >
            {response.score ?? '-'}
          </Typography>
          <Typography variant="body2" component="span" color="textSecondary">
            {' '}
            / 100 for {meshName(target)}
          </Typography>
        </div>
        <Typography variant="body1" aria-label="Blocking findings">
          {response.blockingCount} blocking
        </Typography>
      </Box>
      {blocking.length > 0 && (
        <List dense aria-label="Top blocking findings">
          {blocking.map((entry, index) => (
            <ListItem key={index} disableGutters>
              <ListItemIcon>
                <ErrorIcon color="error" />
              </ListItemIcon>
              <ListItemText
                primary={entry.check?.title ?? entry.finding.checkId}
                secondary={`${formatKubeObjectRef(entry.finding.object)}${
                  entry.finding.field ? ` · ${entry.finding.field}` : ''
                }`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

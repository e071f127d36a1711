import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import {
  EntityAssessmentResponse,
  serviceMeshRefreshPermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { DeniedTooltip } from '../common/DeniedTooltip';
import { formatExactTime, formatRelativeTime } from '../common/format';
import { useEntityPermission } from '../common/useEntityPermission';

/**
 * The Refresh button, with its progress and its error; disabled, with the
 * reason, for a user the permission policy does not let re-assess the entity.
 */
export function RefreshButton(props: {
  entityRef: string;
  onRefresh: () => void;
  refreshing: boolean;
  error?: Error;
}) {
  const { onRefresh, refreshing, error } = props;
  const permission = useEntityPermission(
    serviceMeshRefreshPermission,
    props.entityRef,
    'You may not re-assess this service',
  );
  return (
    <>
      <DeniedTooltip reason={permission.deniedReason}>
        <Button
          variant="outlined"
          color="primary"
          onClick={onRefresh}
          disabled={refreshing || !permission.allowed}
          startIcon={
            refreshing ? <CircularProgress size={16} /> : <RefreshIcon />
          }
        >
          {refreshing ? 'Assessing…' : 'Refresh'}
        </Button>
      </DeniedTooltip>
      {refreshing && (
        <Box mt={1}>
          <LinearProgress aria-label="Re-assessing the service" />
          <Typography variant="caption" color="textSecondary">
            Reading the clusters and re-assessing; this can take a few seconds.
          </Typography>
        </Box>
      )}
      {error && !refreshing && (
        <Box mt={1}>
          <Alert severity="error">Refresh failed: {error.message}</Alert>
        </Box>
      )}
    </>
  );
}

/**
 * When a scan last found the entity's inputs unchanged, if later than its
 * assessment: the assessment still holds as of then.
 */
function laterCheck(response: EntityAssessmentResponse): string | undefined {
  const { checkedAt, assessedAt } = response;
  if (!checkedAt) return undefined;
  const checked = Date.parse(checkedAt);
  return checked > Date.parse(assessedAt) ? checkedAt : undefined;
}

/**
 * When the cluster's data was read; a later check read it again and found
 * nothing that changes the assessment (unless the cluster is stale).
 */
function clusterFreshness(
  cluster: EntityAssessmentResponse['clusters'][number],
  checkedAt: string | undefined,
): string {
  if (!cluster.readAt) return 'never read';
  const read = `read ${formatRelativeTime(cluster.readAt)}`;
  if (cluster.stale) return `${read} (stale)`;
  return checkedAt ? `${read}, unchanged since` : read;
}

/**
 * When and from which clusters the assessment was made, and when a scan
 * last found it still holds.
 */
export function FreshnessCard(props: {
  response: EntityAssessmentResponse;
  onRefresh: () => void;
  refreshing: boolean;
  refreshError?: Error;
}) {
  const { response, onRefresh, refreshing, refreshError } = props;
  const stale = response.clusters.filter(cluster => cluster.stale);
  const checkedAt = laterCheck(response);
  return (
    <InfoCard title="Freshness">
      <Typography variant="body1">
        Assessed{' '}
        <time dateTime={response.assessedAt} title={response.assessedAt}>
          {formatRelativeTime(response.assessedAt)}
        </time>
      </Typography>
      <Typography
        variant="body2"
        color="textSecondary"
        gutterBottom={!checkedAt}
      >
        {formatExactTime(response.assessedAt)}
        {response.assessment
          ? ` · engine ${response.assessment.engineVersion}`
          : ''}
      </Typography>
      {checkedAt && (
        <Typography variant="body2" gutterBottom>
          Checked{' '}
          <time dateTime={checkedAt} title={formatExactTime(checkedAt)}>
            {formatRelativeTime(checkedAt)}
          </time>
          : its workloads and configuration are unchanged since.
        </Typography>
      )}

      {stale.map(cluster => (
        <Box key={cluster.cluster} mb={1}>
          <Alert severity="warning">
            Cluster {cluster.cluster}: data is stale
            {cluster.readAt
              ? ` (last read ${formatRelativeTime(
                  cluster.readAt,
                )}, ${formatExactTime(cluster.readAt)})`
              : ' (never read)'}
            {cluster.staleReason ? `: ${cluster.staleReason}` : ''}
          </Alert>
        </Box>
      ))}

      <List dense disablePadding aria-label="Cluster sources">
        {response.clusters.map(cluster => (
          <ListItem key={cluster.cluster} disableGutters>
            <ListItemText
              primary={cluster.cluster}
              secondary={clusterFreshness(cluster, checkedAt)}
            />
          </ListItem>
        ))}
      </List>
      {response.clusters.length === 0 && (
        <Typography variant="body2" paragraph>
          No cluster contributed to this assessment.
        </Typography>
      )}

      <Box mt={1}>
        <RefreshButton
          entityRef={response.entity.entityRef}
          onRefresh={onRefresh}
          refreshing={refreshing}
          error={refreshError}
        />
      </Box>
    </InfoCard>
  );
}

import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CheckSeverity,
  formatKubeObjectRef,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { TargetFinding } from '../common/readiness';

export const SEVERITY_LABELS: Record<CheckSeverity, string> = {
  error: 'Blocking',
  warning: 'Warning',
  info: 'Info',
};

const useStyles = makeStyles(theme => ({
  root: {
    borderLeft: `4px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
  },
  error: { borderLeftColor: theme.palette.error.main },
  warning: { borderLeftColor: theme.palette.warning.main },
  info: { borderLeftColor: theme.palette.info.main },
  notEvaluated: { borderLeftStyle: 'dashed' },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  label: { fontWeight: 600 },
}));

/** One finding: what, where, why it matters, and how to fix it. */
export function FindingItem(props: { entry: TargetFinding }) {
  const classes = useStyles();
  const { finding, check, severity } = props.entry;
  const notEvaluated = finding.status === 'not-evaluated';
  const title = check?.title ?? finding.checkId;
  return (
    <Box
      className={`${classes.root} ${classes[severity]} ${
        notEvaluated ? classes.notEvaluated : ''
      }`}
      role="listitem"
      aria-label={title}
    >
      <div className={classes.header}>
        <Typography
          variant="subtitle1"
          component="h4"
          className={classes.label}
        >
          {title}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={notEvaluated ? 'Not evaluated' : SEVERITY_LABELS[severity]}
        />
        <Chip size="small" variant="outlined" label={finding.checkId} />
      </div>
      <Typography variant="body2" color="textSecondary">
        <code>{formatKubeObjectRef(finding.object)}</code>
        {finding.field ? (
          <>
            {' '}
            field <code>{finding.field}</code>
          </>
        ) : null}
        {finding.workloads.length > 1
          ? ` · ${finding.workloads.length} workloads`
          : ''}
      </Typography>
      <Typography variant="body1">
        {notEvaluated && <span className={classes.label}>Not evaluated: </span>}
        {finding.message}
      </Typography>
      {check?.why && (
        <Typography variant="body2">
          <span className={classes.label}>Why it matters: </span>
          {check.why}
        </Typography>
      )}
      {finding.remediation && (
        <Typography variant="body2">
          <span className={classes.label}>
            {notEvaluated ? 'How to check: ' : 'Fix: '}
          </span>
          {finding.remediation}
        </Typography>
      )}
      {finding.snippet && (
        <Box mt={1}>
          <CodeSnippet
            language="yaml"
            text={finding.snippet}
            showCopyCodeButton
          />
        </Box>
      )}
    </Box>
  );
}

import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type { ReadinessTargetMesh } from '@meshwise/backstage-plugin-service-mesh-common';
import { useMemo } from 'react';
import { meshName } from '../common/format';
import {
  ReadinessSource,
  readinessFor,
  SEVERITY_ORDER,
  targetMeshes,
} from '../common/readiness';
import { FindingItem } from './FindingItem';

const GROUP_TITLES = {
  error: 'Blocking',
  warning: 'Warnings',
  info: 'Info',
} as const;

/** Readiness for a target mesh, as the backend computed it for each. */
export function ReadinessCard(props: {
  response: ReadinessSource;
  target: ReadinessTargetMesh;
  onTargetChange: (mesh: ReadinessTargetMesh) => void;
  /** The mesh the service runs on, marked in the selector. */
  currentMesh?: string | null;
}) {
  const { response, target, onTargetChange, currentMesh } = props;
  const readiness = useMemo(
    () => readinessFor(response, target),
    [response, target],
  );
  const failingCount = SEVERITY_ORDER.reduce(
    (sum, severity) => sum + readiness.counts[severity],
    0,
  );
  const name = meshName(target);

  return (
    <InfoCard title={`Readiness for ${name}`}>
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Target mesh
        </Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={target}
          aria-label="Target mesh"
          onChange={(_event, value: ReadinessTargetMesh | null) => {
            if (value) onTargetChange(value);
          }}
        >
          {targetMeshes(response).map(mesh => (
            <ToggleButton key={mesh} value={mesh} aria-label={meshName(mesh)}>
              {meshName(mesh)}
              {mesh === currentMesh ? ' (current)' : ''}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>

      <Box display="flex" alignItems="baseline" mb={2} style={{ gap: 24 }}>
        <div>
          <Typography
            variant="h3"
            component="span"
            aria-label="Readiness score"
          >
            {readiness.score ? readiness.score.score : '-'}
          </Typography>
          <Typography variant="body2" component="span" color="textSecondary">
            {' '}
            / 100
          </Typography>
        </div>
        <Typography variant="body1">
          {readiness.counts.error} blocking · {readiness.counts.warning}{' '}
          warnings · {readiness.counts.info} info ·{' '}
          {readiness.counts.notEvaluated} not evaluated
        </Typography>
      </Box>

      {!readiness.detailed && (
        <Typography variant="body2" color="textSecondary" paragraph>
          This assessment was stored by an older version of Meshwise: the
          findings for each target appear after the next scan, or refresh now.
        </Typography>
      )}

      {failingCount === 0 && (
        <Typography paragraph>No readiness check fails for {name}.</Typography>
      )}

      {SEVERITY_ORDER.map(severity => {
        const entries = readiness.failing[severity];
        if (entries.length === 0) return null;
        return (
          <section
            key={severity}
            aria-label={`${GROUP_TITLES[severity]} findings`}
          >
            <Typography variant="h6" component="h3" gutterBottom>
              {GROUP_TITLES[severity]} ({entries.length})
            </Typography>
            <div role="list">
              {entries.map((entry, index) => (
                <FindingItem key={index} entry={entry} />
              ))}
            </div>
          </section>
        );
      })}

      {readiness.notEvaluated.length > 0 && (
        <section aria-label="Not evaluated findings">
          <Typography variant="h6" component="h3" gutterBottom>
            Not evaluated ({readiness.notEvaluated.length})
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            These checks need data the scan does not have; they do not count for
            or against the score. Check them by hand.
          </Typography>
          <div role="list">
            {readiness.notEvaluated.map((entry, index) => (
              <FindingItem key={index} entry={entry} />
            ))}
          </div>
        </section>
      )}

      {readiness.detailed && (
        <Accordion TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>Passed checks ({readiness.passed.length})</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <List dense disablePadding>
              {readiness.passed.map(check => (
                <ListItem key={check.id} disableGutters>
                  <ListItemText primary={check.title} secondary={check.id} />
                </ListItem>
              ))}
            </List>
          </AccordionDetails>
        </Accordion>
      )}
    </InfoCard>
  );
}

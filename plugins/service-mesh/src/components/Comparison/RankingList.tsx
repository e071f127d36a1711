import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Chip,
  LinearProgress,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  MeshKnowledgeBase,
  RankedEntry,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ReasonList } from './ReasonList';
import { isQualifying, STANDING_LABELS } from './standing';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  summary: {
    display: 'grid',
    gridTemplateColumns: '2.5rem 1fr 7rem',
    alignItems: 'center',
    columnGap: theme.spacing(1),
    width: '100%',
  },
  rank: { fontWeight: theme.typography.fontWeightBold as number },
  failed: { color: theme.palette.error.main },
  unverified: { color: theme.palette.text.secondary },
  qualified: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
}));

function EntryRow(props: {
  entry: RankedEntry;
  capabilityTitle: (id: string) => string;
  defaultExpanded: boolean;
}) {
  const { entry, capabilityTitle, defaultExpanded } = props;
  const classes = useStyles();
  const qualifies = isQualifying(entry.standing);
  return (
    <Accordion variant="outlined" defaultExpanded={defaultExpanded}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <div className={classes.summary}>
          <Typography className={classes.rank} variant="h6" component="span">
            #{entry.rank}
          </Typography>
          <Box>
            <Typography variant="subtitle1" component="span">
              {entry.name}
            </Typography>{' '}
            <Chip
              size="small"
              label={STANDING_LABELS[entry.standing]}
              className={
                entry.standing === 'qualified' ? classes.qualified : undefined
              }
              variant={qualifies ? 'default' : 'outlined'}
            />
            {entry.kind === 'migration-target' && (
              <Typography variant="caption" color="textSecondary">
                {' '}
                migration target
              </Typography>
            )}
            {entry.failedMustHaves.length > 0 && (
              <Typography
                variant="body2"
                className={classes.failed}
                component="div"
              >
                Fails: {entry.failedMustHaves.map(capabilityTitle).join(', ')}
              </Typography>
            )}
            {entry.unverifiedMustHaves.length > 0 && (
              <Typography
                variant="body2"
                className={classes.unverified}
                component="div"
              >
                Not verified:{' '}
                {entry.unverifiedMustHaves.map(capabilityTitle).join(', ')}
              </Typography>
            )}
          </Box>
          <Box textAlign="right">
            <Typography variant="subtitle2" component="span">
              {entry.total.toFixed(1)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {' '}
              / 100
            </Typography>
            <LinearProgress
              variant="determinate"
              value={entry.total}
              aria-label={`${entry.name} score`}
            />
          </Box>
        </div>
      </AccordionSummary>
      <AccordionDetails>
        <ReasonList reasons={entry.reasons} />
      </AccordionDetails>
    </Accordion>
  );
}

/** The ranked entries, best first, with their standing and reasons. */
export function RankingList(props: {
  knowledgeBase: MeshKnowledgeBase;
  ranked: readonly RankedEntry[];
}) {
  const { knowledgeBase, ranked } = props;
  const classes = useStyles();
  const capabilityTitle = (id: string) =>
    knowledgeBase.capabilities.find(c => c.id === id)?.title ?? id;
  return (
    <ol className={classes.list} aria-label="Ranking">
      {ranked.map(entry => (
        <li
          key={`${entry.rank}-${entry.id}`}
          aria-label={`#${entry.rank} ${entry.name}`}
        >
          <EntryRow
            entry={entry}
            capabilityTitle={capabilityTitle}
            defaultExpanded={entry.rank === 1}
          />
        </li>
      ))}
    </ol>
  );
}

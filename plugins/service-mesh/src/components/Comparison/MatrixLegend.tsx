import { Box, makeStyles, Typography } from '@material-ui/core';
import { SUPPORT_VALUES } from '@meshwise/backstage-plugin-service-mesh-common';
import { SUPPORT_LABELS, SupportIcon } from './supportValues';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginTop: theme.spacing(1),
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  overridden: {
    outline: `1px dashed ${theme.palette.secondary.main}`,
    padding: '0 4px',
    color: theme.palette.secondary.main,
  },
}));

/** What the icons and marks of the matrix mean. */
export function MatrixLegend() {
  const classes = useStyles();
  return (
    <Box className={classes.legend} aria-label="Legend">
      {SUPPORT_VALUES.map(value => (
        <span key={value} className={classes.item}>
          <SupportIcon value={value} />
          <Typography variant="caption">{SUPPORT_LABELS[value]}</Typography>
        </span>
      ))}
      <span className={classes.item}>
        <Typography variant="caption" className={classes.overridden}>
          app-config
        </Typography>
        <Typography variant="caption">overridden in app-config</Typography>
      </span>
      <Typography variant="caption" color="textSecondary">
        Click a cell for its note, source and the date it was checked.
      </Typography>
    </Box>
  );
}

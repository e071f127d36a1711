import {
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  groupCapabilitiesByArea,
  type CapabilityId,
  type MeshEntry,
  type MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { Fragment, memo } from 'react';
import { FactCell } from './FactCell';
import {
  CNCF_STATUS_LABELS,
  COST_MODEL_LABELS,
  DATA_PLANE_LABELS,
  labelOf,
} from './factLabels';
import { MatrixCell } from './MatrixCell';

const useStyles = makeStyles(theme => ({
  // width 0 + min-width 100%: the wide table scrolls inside the card instead
  // of widening the page (its min-content width is not passed up).
  container: { maxHeight: 720, width: 0, minWidth: '100%' },
  rowHeader: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    minWidth: 180,
  },
  corner: { zIndex: 3, left: 0 },
  column: { minWidth: 96, verticalAlign: 'bottom' },
  area: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  requested: { fontWeight: theme.typography.fontWeightBold as number },
  chip: { marginTop: theme.spacing(0.5) },
}));

const FACT_ROWS: Array<{
  key: 'license' | 'cncfStatus' | 'dataPlaneModel' | 'costModel';
  title: string;
  format?: (value: string) => string;
}> = [
  { key: 'license', title: 'Licence' },
  {
    key: 'cncfStatus',
    title: 'CNCF status',
    format: labelOf(CNCF_STATUS_LABELS),
  },
  {
    key: 'dataPlaneModel',
    title: 'Data-plane model',
    format: labelOf(DATA_PLANE_LABELS),
  },
  {
    key: 'costModel',
    title: 'Cost model',
    format: labelOf(COST_MODEL_LABELS),
  },
];

function ColumnHeader(props: { entry: MeshEntry; rank?: number }) {
  const { entry, rank } = props;
  const classes = useStyles();
  const retired = entry.lifecycle.status !== 'active';
  return (
    <>
      <Typography variant="subtitle2">{entry.name}</Typography>
      {entry.kind === 'migration-target' && (
        <Typography variant="caption" component="div" color="textSecondary">
          migration target
        </Typography>
      )}
      {entry.origin === 'app-config' && (
        <Typography variant="caption" component="div" color="secondary">
          from app-config
        </Typography>
      )}
      {retired && (
        <Chip
          className={classes.chip}
          size="small"
          color="secondary"
          label={entry.lifecycle.status}
        />
      )}
      {rank !== undefined && (
        <Chip
          className={classes.chip}
          size="small"
          variant="outlined"
          label={`ranked #${rank}`}
        />
      )}
    </>
  );
}

/**
 * Entries as columns, capabilities as rows grouped by area, then the
 * descriptive facts. Every cell opens its note and source.
 */
export const FeatureMatrix = memo(function FeatureMatrixTable(props: {
  knowledgeBase: MeshKnowledgeBase;
  entries: readonly MeshEntry[];
  ranks?: ReadonlyMap<string, number>;
  mustHave?: readonly CapabilityId[];
  niceToHave?: readonly CapabilityId[];
}) {
  const {
    knowledgeBase,
    entries,
    ranks,
    mustHave = [],
    niceToHave = [],
  } = props;
  const classes = useStyles();
  const groups = groupCapabilitiesByArea(knowledgeBase.capabilities);
  const span = entries.length + 1;

  const requestLabel = (id: CapabilityId) => {
    if (mustHave.includes(id)) return 'must-have';
    if (niceToHave.includes(id)) return 'nice-to-have';
    return undefined;
  };

  return (
    <TableContainer className={classes.container}>
      <Table size="small" stickyHeader aria-label="Feature matrix">
        <TableHead>
          <TableRow>
            <TableCell className={`${classes.rowHeader} ${classes.corner}`}>
              Capability
            </TableCell>
            {entries.map(entry => (
              <TableCell
                key={entry.id}
                className={classes.column}
                align="center"
                scope="col"
              >
                <ColumnHeader entry={entry} rank={ranks?.get(entry.id)} />
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <Fragment key={group.area}>
              <TableRow>
                <TableCell
                  className={`${classes.area} ${classes.rowHeader}`}
                  colSpan={span}
                  component="th"
                  scope="colgroup"
                >
                  {group.label}
                </TableCell>
              </TableRow>
              {group.capabilities.map(capability => {
                const requested = requestLabel(capability.id);
                return (
                  <TableRow key={capability.id} hover>
                    <TableCell
                      className={`${classes.rowHeader} ${
                        requested ? classes.requested : ''
                      }`}
                      component="th"
                      scope="row"
                      title={capability.description}
                    >
                      {capability.title}
                      {requested && (
                        <Typography
                          variant="caption"
                          color="primary"
                          component="span"
                        >
                          {' '}
                          ({requested})
                        </Typography>
                      )}
                    </TableCell>
                    {entries.map(entry => (
                      <TableCell key={entry.id} align="center">
                        <MatrixCell
                          entry={entry}
                          capability={capability}
                          cell={entry.capabilities[capability.id]}
                        />
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </Fragment>
          ))}
          <TableRow>
            <TableCell
              className={`${classes.area} ${classes.rowHeader}`}
              colSpan={span}
              component="th"
              scope="colgroup"
            >
              Licence, governance and cost
            </TableCell>
          </TableRow>
          {FACT_ROWS.map(row => (
            <TableRow key={row.key} hover>
              <TableCell
                className={classes.rowHeader}
                component="th"
                scope="row"
              >
                {row.title}
              </TableCell>
              {entries.map(entry => (
                <TableCell key={entry.id} align="center">
                  <FactCell
                    entry={entry}
                    factTitle={row.title}
                    fact={entry[row.key]}
                    format={row.format}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
});

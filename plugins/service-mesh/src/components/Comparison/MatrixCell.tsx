import { makeStyles, Typography } from '@material-ui/core';
import type {
  KnowledgeCell,
  MeshCapability,
  MeshEntry,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { DetailsButton } from './DetailsButton';
import { SourceDetails } from './SourceDetails';
import { SUPPORT_LABELS, SupportIcon } from './supportValues';

const useStyles = makeStyles(theme => ({
  overridden: {
    outline: `1px dashed ${theme.palette.secondary.main}`,
  },
  mark: {
    fontSize: '0.65rem',
    lineHeight: 1,
    color: theme.palette.secondary.main,
  },
}));

/** One capability cell: an icon for the value; click for note and source. */
export function MatrixCell(props: {
  entry: MeshEntry;
  capability: MeshCapability;
  cell: KnowledgeCell | undefined;
}) {
  const { entry, capability } = props;
  const classes = useStyles();
  const cell: KnowledgeCell = props.cell ?? {
    value: 'unknown',
    note: 'The knowledge base has no cell for this capability.',
    source: { title: 'Meshwise knowledge base', url: '' },
    checkedOn: 'never',
  };
  const valueLabel = SUPPORT_LABELS[cell.value];
  const label = `${entry.name}, ${capability.title}: ${valueLabel}${
    cell.overridden ? ' (overridden in app-config)' : ''
  }`;
  return (
    <DetailsButton
      label={label}
      className={cell.overridden ? classes.overridden : undefined}
      details={
        <SourceDetails
          title={`${entry.name}: ${capability.title}`}
          value={valueLabel}
          note={cell.note}
          source={cell.source}
          checkedOn={cell.checkedOn}
          overridden={cell.overridden}
        />
      }
    >
      <SupportIcon value={cell.value} />
      {cell.overridden && (
        <Typography className={classes.mark} component="span">
          app-config
        </Typography>
      )}
    </DetailsButton>
  );
}

import { Box, Button, Chip, makeStyles, Typography } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** The active meshes: what the matrix shows until the user picks. */
export function defaultComparedIds(entries: readonly MeshEntry[]): string[] {
  return entries
    .filter(e => e.kind === 'mesh' && e.lifecycle.status === 'active')
    .map(e => e.id);
}

/** Toggle chips choosing which entries are the matrix's columns. */
export function MeshPicker(props: {
  entries: readonly MeshEntry[];
  selected: readonly string[];
  onChange: (selected: string[] | undefined) => void;
}) {
  const { entries, selected, onChange } = props;
  const classes = useStyles();
  const toggle = (id: string) => {
    const next = selected.includes(id)
      ? selected.filter(s => s !== id)
      : [...selected, id];
    onChange(entries.map(e => e.id).filter(e => next.includes(e)));
  };
  return (
    <Box mb={2}>
      <Typography variant="body2" id="mesh-picker-label" gutterBottom>
        Compare:
      </Typography>
      <div
        className={classes.chips}
        role="group"
        aria-labelledby="mesh-picker-label"
      >
        {entries.map(entry => {
          const on = selected.includes(entry.id);
          const retired = entry.lifecycle.status !== 'active';
          return (
            <Chip
              key={entry.id}
              clickable
              size="small"
              color={on ? 'primary' : 'default'}
              variant={on ? 'default' : 'outlined'}
              icon={on ? <CheckIcon /> : undefined}
              label={
                retired
                  ? `${entry.name} (${entry.lifecycle.status})`
                  : entry.name
              }
              aria-pressed={on}
              onClick={() => toggle(entry.id)}
            />
          );
        })}
        <Button size="small" onClick={() => onChange(undefined)}>
          Active meshes
        </Button>
        <Button size="small" onClick={() => onChange(entries.map(e => e.id))}>
          All
        </Button>
      </div>
    </Box>
  );
}

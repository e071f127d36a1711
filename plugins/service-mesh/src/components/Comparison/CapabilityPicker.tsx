import {
  Checkbox,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import {
  groupCapabilitiesByArea,
  type CapabilityId,
  type MeshCapability,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { Fragment } from 'react';

const useStyles = makeStyles(theme => ({
  area: {
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  check: { width: 56, padding: 0 },
}));

/**
 * Must-have and nice-to-have capabilities, grouped by area. Ticking one
 * column unticks the other: a capability is never both. Platform rows are
 * left out: the platforms section asks about them.
 */
export function CapabilityPicker(props: {
  capabilities: readonly MeshCapability[];
  mustHave: readonly CapabilityId[];
  niceToHave: readonly CapabilityId[];
  onChange: (next: {
    mustHave: CapabilityId[];
    niceToHave: CapabilityId[];
  }) => void;
}) {
  const { capabilities, mustHave, niceToHave, onChange } = props;
  const classes = useStyles();
  const groups = groupCapabilitiesByArea(capabilities).filter(
    g => g.area !== 'platform',
  );

  const set = (id: CapabilityId, list: 'must' | 'nice', on: boolean) => {
    const must = mustHave.filter(c => c !== id);
    const nice = niceToHave.filter(c => c !== id);
    if (on && list === 'must') must.push(id);
    if (on && list === 'nice') nice.push(id);
    onChange({ mustHave: must, niceToHave: nice });
  };

  return (
    <Table size="small" aria-label="Capabilities you need">
      <TableHead>
        <TableRow>
          <TableCell>Capability</TableCell>
          <TableCell className={classes.check} align="center">
            Must
          </TableCell>
          <TableCell className={classes.check} align="center">
            Nice
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(group => (
          <Fragment key={group.area}>
            <TableRow>
              <TableCell className={classes.area} colSpan={3}>
                {group.label}
              </TableCell>
            </TableRow>
            {group.capabilities.map(capability => (
              <TableRow key={capability.id}>
                <TableCell title={capability.description}>
                  {capability.title}
                </TableCell>
                <TableCell className={classes.check} align="center">
                  <Checkbox
                    size="small"
                    color="primary"
                    checked={mustHave.includes(capability.id)}
                    onChange={e => set(capability.id, 'must', e.target.checked)}
                    inputProps={{
                      'aria-label': `Must-have: ${capability.title}`,
                    }}
                  />
                </TableCell>
                <TableCell className={classes.check} align="center">
                  <Checkbox
                    size="small"
                    checked={niceToHave.includes(capability.id)}
                    onChange={e => set(capability.id, 'nice', e.target.checked)}
                    inputProps={{
                      'aria-label': `Nice-to-have: ${capability.title}`,
                    }}
                  />
                </TableCell>
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}

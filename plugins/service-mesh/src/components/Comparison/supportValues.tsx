import { makeStyles } from '@material-ui/core';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircle';
import type { SupportValue } from '@meshwise/backstage-plugin-service-mesh-common';

/** How each support value reads, for labels, legends and screen readers. */
export const SUPPORT_LABELS: Record<SupportValue, string> = {
  supported: 'Supported',
  partial: 'Partly supported',
  'not-supported': 'Not supported',
  unknown: 'Not verified',
};

const useStyles = makeStyles(theme => ({
  supported: { color: theme.palette.success.main },
  partial: { color: theme.palette.warning.main },
  notSupported: { color: theme.palette.error.main },
  unknown: { color: theme.palette.text.secondary },
}));

/** The icon of a support value, coloured from the theme. */
export function SupportIcon(props: {
  value: SupportValue;
  fontSize?: 'small' | 'inherit' | 'default';
  /** Set when the icon is the only thing saying the value. */
  labelled?: boolean;
}) {
  const { value, fontSize = 'small', labelled = false } = props;
  const classes = useStyles();
  const a11y = labelled
    ? { titleAccess: SUPPORT_LABELS[value] }
    : { 'aria-hidden': true as const };
  switch (value) {
    case 'supported':
      return (
        <CheckCircleIcon
          className={classes.supported}
          fontSize={fontSize}
          {...a11y}
        />
      );
    case 'partial':
      return (
        <RemoveCircleIcon
          className={classes.partial}
          fontSize={fontSize}
          {...a11y}
        />
      );
    case 'not-supported':
      return (
        <CancelIcon
          className={classes.notSupported}
          fontSize={fontSize}
          {...a11y}
        />
      );
    default:
      return (
        <HelpOutlineIcon
          className={classes.unknown}
          fontSize={fontSize}
          {...a11y}
        />
      );
  }
}

import { ButtonBase, makeStyles, Popover } from '@material-ui/core';
import { ReactNode, useState } from 'react';

const useStyles = makeStyles(theme => ({
  button: {
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'center',
    padding: theme.spacing(0.5),
    borderRadius: theme.shape.borderRadius,
    '&:hover, &:focus-visible': {
      backgroundColor: theme.palette.action.hover,
    },
  },
}));

/** A matrix cell's content that opens its details (note, source) on click. */
export function DetailsButton(props: {
  label: string;
  children: ReactNode;
  details: ReactNode;
  className?: string;
}) {
  const { label, children, details, className } = props;
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <ButtonBase
        className={`${classes.button} ${className ?? ''}`}
        aria-label={label}
        aria-haspopup="dialog"
        title={label}
        onClick={event => setAnchor(event.currentTarget)}
      >
        {children}
      </ButtonBase>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        transformOrigin={{ vertical: 'top', horizontal: 'center' }}
        PaperProps={{ role: 'dialog', 'aria-label': label } as object}
      >
        {details}
      </Popover>
    </>
  );
}

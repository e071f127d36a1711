import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

/**
 * Explains a control disabled for want of a permission. A disabled button
 * fires no mouse events, so the tooltip listens on a wrapper.
 */
export function DeniedTooltip(props: {
  reason?: string;
  children: ReactElement;
}) {
  if (!props.reason) return props.children;
  return (
    <Tooltip title={props.reason}>
      <span style={{ display: 'inline-block' }}>{props.children}</span>
    </Tooltip>
  );
}

import { List, ListItem, ListItemIcon, ListItemText } from '@material-ui/core';
import InfoIcon from '@material-ui/icons/InfoOutlined';
import ThumbDownIcon from '@material-ui/icons/ThumbDownOutlined';
import ThumbUpIcon from '@material-ui/icons/ThumbUpOutlined';
import type { RecommendationReason } from '@meshwise/backstage-plugin-service-mesh-common';
import { useTheme } from '@material-ui/core/styles';

const KIND_LABELS: Record<RecommendationReason['kind'], string> = {
  positive: 'For',
  negative: 'Against',
  neutral: 'Note',
};

/** Why an entry ranks where it does, for and against. */
export function ReasonList(props: {
  reasons: readonly RecommendationReason[];
}) {
  const theme = useTheme();
  const icon = (kind: RecommendationReason['kind']) => {
    if (kind === 'positive') {
      return (
        <ThumbUpIcon
          fontSize="small"
          style={{ color: theme.palette.success.main }}
          titleAccess={KIND_LABELS[kind]}
        />
      );
    }
    if (kind === 'negative') {
      return (
        <ThumbDownIcon
          fontSize="small"
          style={{ color: theme.palette.error.main }}
          titleAccess={KIND_LABELS[kind]}
        />
      );
    }
    return (
      <InfoIcon
        fontSize="small"
        color="disabled"
        titleAccess={KIND_LABELS[kind]}
      />
    );
  };
  return (
    <List dense disablePadding>
      {props.reasons.map((reason, index) => (
        <ListItem key={index} disableGutters>
          <ListItemIcon style={{ minWidth: 32 }}>
            {icon(reason.kind)}
          </ListItemIcon>
          {/* The theme cuts dense list items to one line: a reason wraps. */}
          <ListItemText
            primary={reason.text}
            style={{ whiteSpace: 'normal' }}
          />
        </ListItem>
      ))}
    </List>
  );
}

import { Link } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type {
  KnowledgeOverrideMark,
  KnowledgeSource,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { SUPPORT_LABELS } from './supportValues';

/** A fact's note, where it was read and when: the body of a cell's popover. */
export function SourceDetails(props: {
  title: string;
  value: string;
  note: string;
  source: KnowledgeSource;
  checkedOn: string;
  overridden?: KnowledgeOverrideMark;
}) {
  const { title, value, note, source, checkedOn, overridden } = props;
  return (
    <Box p={2} maxWidth={420}>
      <Typography variant="subtitle2">{title}</Typography>
      <Typography variant="body2" gutterBottom>
        <strong>{value}</strong>
      </Typography>
      <Typography variant="body2" paragraph>
        {note}
      </Typography>
      <Typography variant="body2">
        Source:{' '}
        {source.url ? (
          <Link to={source.url}>{source.title}</Link>
        ) : (
          source.title
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Checked on {checkedOn}
      </Typography>
      {overridden && (
        <Box mt={1}>
          <Typography variant="body2" color="secondary">
            Overridden in app-config
          </Typography>
          {overridden.previous ? (
            <Typography variant="caption" component="p">
              Built-in value: {SUPPORT_LABELS[overridden.previous.value]}:{' '}
              {overridden.previous.note} (
              <Link to={overridden.previous.source.url}>
                {overridden.previous.source.title}
              </Link>
              , checked on {overridden.previous.checkedOn})
            </Typography>
          ) : (
            <Typography variant="caption" component="p">
              The built-in knowledge base has no value here.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}

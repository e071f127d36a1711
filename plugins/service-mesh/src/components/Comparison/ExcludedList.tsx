import { Box, Chip, Typography } from '@material-ui/core';
import type { ExcludedEntry } from '@meshwise/backstage-plugin-service-mesh-common';
import { ReasonList } from './ReasonList';

/** Entries never ranked (discontinued, archived), with where to go instead. */
export function ExcludedList(props: { excluded: readonly ExcludedEntry[] }) {
  const { excluded } = props;
  if (excluded.length === 0) return null;
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        Never recommended
      </Typography>
      <ul aria-label="Excluded" style={{ listStyle: 'none', padding: 0 }}>
        {excluded.map(entry => (
          <li key={entry.id} aria-label={entry.name}>
            <Box mb={2}>
              <Typography variant="subtitle1" component="span">
                {entry.name}
              </Typography>{' '}
              <Chip
                size="small"
                color="secondary"
                label={`${entry.status}${entry.since ? ` ${entry.since}` : ''}`}
              />
              {entry.successors.length > 0 && (
                <Typography variant="body2">
                  Successors:{' '}
                  {entry.successors
                    .map(s =>
                      s.rank !== undefined
                        ? `${s.name} (ranked #${s.rank})`
                        : s.name,
                    )
                    .join(', ')}
                </Typography>
              )}
              <ReasonList reasons={entry.reasons} />
            </Box>
          </li>
        ))}
      </ul>
    </Box>
  );
}

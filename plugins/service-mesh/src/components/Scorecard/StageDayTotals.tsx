import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';
import { STAGE_COLORS, STAGE_LABELS, StageChip } from '../common/StageChip';
import { TrendRow } from './trendData';

/**
 * The only day of the history, as one stacked bar with the count per stage:
 * a single point drawn as a trend would be one column of dots.
 */
export function StageDayTotals(props: {
  row: TrendRow;
  stages: AdoptionStage[];
  note: string;
}) {
  const { row, stages, note } = props;
  const shown = stages.filter(stage => row[stage]);
  const sum = shown.reduce((acc, stage) => acc + (row[stage] ?? 0), 0);
  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        {row.day}: {sum} services
      </Typography>
      <Box
        display="flex"
        height={24}
        borderRadius={4}
        overflow="hidden"
        mb={2}
        role="img"
        aria-label={`${row.day}: ${shown
          .map(stage => `${STAGE_LABELS[stage]}: ${row[stage]}`)
          .join(', ')}`}
        bgcolor="action.hover"
      >
        {shown.map(stage => (
          <div
            key={stage}
            title={`${STAGE_LABELS[stage]}: ${row[stage]}`}
            style={{
              width: `${(100 * (row[stage] ?? 0)) / sum}%`,
              backgroundColor: STAGE_COLORS[stage],
            }}
          />
        ))}
      </Box>
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 12 }}>
        {shown.map(stage => (
          <Box key={stage} display="flex" alignItems="center">
            <StageChip stage={stage} />
            <Typography component="span" style={{ marginLeft: 6 }}>
              {row[stage]}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="body2" color="textSecondary">
        {note}
      </Typography>
    </Box>
  );
}

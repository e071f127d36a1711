import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  STAGE_COLORS,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  STAGE_ORDER,
  StageChip,
} from '../common/StageChip';

/**
 * Services per stage for the current filter: a stacked bar and one chip per
 * stage; a chip toggles the stage filter.
 */
export function StageTotalsBar(props: {
  totals: Partial<Record<AdoptionStage, number>>;
  totalCount: number;
  selected: AdoptionStage[];
  onToggle: (stage: AdoptionStage) => void;
}) {
  const { totals, totalCount, selected, onToggle } = props;
  const sum = STAGE_ORDER.reduce((acc, stage) => acc + (totals[stage] ?? 0), 0);
  return (
    <InfoCard title="Adoption" subheader={`${totalCount} services`}>
      <Box
        display="flex"
        height={16}
        borderRadius={4}
        overflow="hidden"
        mb={2}
        role="img"
        aria-label={STAGE_ORDER.filter(stage => totals[stage])
          .map(stage => `${STAGE_LABELS[stage]}: ${totals[stage]}`)
          .join(', ')}
        bgcolor="action.hover"
      >
        {sum > 0 &&
          STAGE_ORDER.filter(stage => totals[stage]).map(stage => (
            <Tooltip
              key={stage}
              title={`${STAGE_LABELS[stage]}: ${totals[stage]}`}
            >
              <div
                style={{
                  width: `${(100 * (totals[stage] ?? 0)) / sum}%`,
                  backgroundColor: STAGE_COLORS[stage],
                }}
              />
            </Tooltip>
          ))}
      </Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
        {STAGE_ORDER.map(stage => {
          const active = selected.includes(stage);
          return (
            <ButtonBase
              key={stage}
              onClick={() => onToggle(stage)}
              aria-pressed={active}
              aria-label={`${STAGE_LABELS[stage]}: ${totals[stage] ?? 0}`}
              title={STAGE_DESCRIPTIONS[stage]}
              style={{
                borderRadius: 16,
                padding: 4,
                outline: active ? `2px solid ${STAGE_COLORS[stage]}` : 'none',
              }}
            >
              <StageChip stage={stage} />
              <Typography
                variant="h6"
                component="span"
                style={{ marginLeft: 8, marginRight: 4 }}
              >
                {totals[stage] ?? 0}
              </Typography>
            </ButtonBase>
          );
        })}
      </Box>
    </InfoCard>
  );
}

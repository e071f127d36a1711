import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Slider,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  REQUIREMENT_CRITERIA,
  type RequirementCriterion,
} from '@meshwise/backstage-plugin-service-mesh-common';

type Weights = Partial<Record<RequirementCriterion, number>>;

/** Advanced: how much each criterion counts (0–10). */
export function WeightsFields(props: {
  weights: Weights;
  onChange: (weights: Weights) => void;
}) {
  const { weights, onChange } = props;
  const changed = Object.keys(weights).length;
  return (
    <Accordion variant="outlined" TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle2">
          Advanced: weights{changed > 0 ? ` (${changed} changed)` : ''}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          {REQUIREMENT_CRITERIA.map(criterion => {
            const value = weights[criterion.id] ?? criterion.defaultWeight;
            const id = `weight-${criterion.id}`;
            return (
              <Box key={criterion.id} mb={1}>
                <Typography variant="body2" id={id}>
                  {criterion.label}: {value}
                  {weights[criterion.id] === undefined ? ' (default)' : ''}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {criterion.description}
                </Typography>
                <Slider
                  aria-labelledby={id}
                  value={value}
                  min={0}
                  max={10}
                  step={0.5}
                  valueLabelDisplay="auto"
                  onChange={(_event, next) => {
                    const number = Array.isArray(next) ? next[0] : next;
                    const rest = { ...weights };
                    delete rest[criterion.id];
                    onChange(
                      number === criterion.defaultWeight
                        ? rest
                        : { ...rest, [criterion.id]: number },
                    );
                  }}
                />
              </Box>
            );
          })}
          <Button
            size="small"
            disabled={changed === 0}
            onClick={() => onChange({})}
          >
            Reset weights
          </Button>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Typography,
} from '@material-ui/core';
import {
  PLATFORMS,
  type MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { CapabilityPicker } from './CapabilityPicker';
import { PreferencesFields } from './PreferencesFields';
import {
  EMPTY_REQUIREMENTS,
  type RequirementsState,
} from './requirementsQuery';
import { WeightsFields } from './WeightsFields';

/** What the team needs; every change re-ranks and updates the URL. */
export function RequirementsForm(props: {
  knowledgeBase: MeshKnowledgeBase;
  value: RequirementsState;
  onChange: (next: RequirementsState) => void;
}) {
  const { knowledgeBase, value, onChange } = props;
  const update = (patch: Partial<RequirementsState>) =>
    onChange({ ...value, ...patch });

  return (
    <InfoCard
      title="Your requirements"
      subheader="The ranking and the link in your address bar follow this form."
    >
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend">Platforms in use</FormLabel>
        <FormGroup row>
          {PLATFORMS.map(platform => (
            <FormControlLabel
              key={platform.id}
              control={
                <Checkbox
                  size="small"
                  color="primary"
                  checked={value.platforms.includes(platform.id)}
                  onChange={e =>
                    update({
                      platforms: PLATFORMS.map(p => p.id).filter(id =>
                        id === platform.id
                          ? e.target.checked
                          : value.platforms.includes(id),
                      ),
                    })
                  }
                  inputProps={{ 'aria-label': `Runs on ${platform.label}` }}
                />
              }
              label={platform.label}
            />
          ))}
        </FormGroup>
      </FormControl>

      <Box mt={2}>
        <Typography variant="subtitle2" gutterBottom>
          Capabilities
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          Must-haves rule a mesh out when it lacks them; nice-to-haves only add
          to its score.
        </Typography>
        <CapabilityPicker
          capabilities={knowledgeBase.capabilities}
          mustHave={value.mustHave}
          niceToHave={value.niceToHave}
          onChange={update}
        />
      </Box>

      <Box mt={2}>
        <Typography variant="subtitle2">Preferences</Typography>
        <PreferencesFields
          entries={knowledgeBase.entries}
          value={value}
          onChange={update}
        />
      </Box>

      <Box mt={2}>
        <WeightsFields
          weights={value.weights}
          onChange={weights => update({ weights })}
        />
      </Box>

      <Box mt={2}>
        <Button
          size="small"
          variant="outlined"
          onClick={() => onChange(EMPTY_REQUIREMENTS)}
        >
          Clear requirements
        </Button>
      </Box>
    </InfoCard>
  );
}

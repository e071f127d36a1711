import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Radio,
  RadioGroup,
} from '@material-ui/core';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  ControlPlanePreference,
  RequirementsState,
} from './requirementsQuery';

type Preferences = Pick<
  RequirementsState,
  'controlPlane' | 'lowOverhead' | 'openSourceLicense' | 'experience'
>;

/** Control plane hosting, overhead, licence and what the team already runs. */
export function PreferencesFields(props: {
  entries: readonly MeshEntry[];
  value: Preferences;
  onChange: (next: Partial<Preferences>) => void;
}) {
  const { entries, value, onChange } = props;
  const meshes = entries.filter(e => e.kind === 'mesh');
  return (
    <>
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend">Control plane</FormLabel>
        <RadioGroup
          row
          aria-label="Control plane"
          value={value.controlPlane}
          onChange={e =>
            onChange({ controlPlane: e.target.value as ControlPlanePreference })
          }
        >
          <FormControlLabel
            value="any"
            control={<Radio size="small" />}
            label="Any"
          />
          <FormControlLabel
            value="managed"
            control={<Radio size="small" />}
            label="Managed"
          />
          <FormControlLabel
            value="self-hosted"
            control={<Radio size="small" />}
            label="Self-hosted"
          />
        </RadioGroup>
      </FormControl>
      <FormGroup>
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={value.lowOverhead}
              onChange={e => onChange({ lowOverhead: e.target.checked })}
            />
          }
          label="Low overhead matters"
        />
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={value.openSourceLicense}
              onChange={e => onChange({ openSourceLicense: e.target.checked })}
            />
          }
          label="Open-source licence"
        />
      </FormGroup>
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend">Team already runs</FormLabel>
        <FormGroup row>
          {meshes.map(entry => (
            <FormControlLabel
              key={entry.id}
              control={
                <Checkbox
                  size="small"
                  checked={value.experience.includes(entry.id)}
                  onChange={e =>
                    onChange({
                      experience: e.target.checked
                        ? [...value.experience, entry.id].sort()
                        : value.experience.filter(id => id !== entry.id),
                    })
                  }
                  inputProps={{ 'aria-label': `Experience: ${entry.name}` }}
                />
              }
              label={entry.name}
            />
          ))}
        </FormGroup>
      </FormControl>
    </>
  );
}

import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  AdoptionStage,
  MeshId,
  SCORECARD_SORT_FIELDS,
  ScorecardSortField,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { meshName, shortEntityRef } from '../common/format';
import { STAGE_LABELS, STAGE_ORDER } from '../common/StageChip';
import {
  MESH_FILTER_VALUES,
  ScorecardFilterState,
  SEARCH_MAX_LENGTH,
} from './scorecardUrlState';

export const SORT_LABELS: Record<ScorecardSortField, string> = {
  name: 'Service',
  owner: 'Owner',
  system: 'System',
  stage: 'Stage',
  mesh: 'Mesh',
  score: 'Readiness score',
  blockingCount: 'Blocking findings',
  assessedAt: 'Last assessed',
};

/**
 * "My team" is on when the owner filter is exactly the user's groups; it is
 * not stored, so a shared link shows the sharer's owners to anyone.
 */
function isMyTeam(owner: string[], myGroups: string[] | undefined): boolean {
  return (
    myGroups !== undefined &&
    myGroups.length > 0 &&
    owner.length === myGroups.length &&
    myGroups.every(group => owner.includes(group))
  );
}

function MultiSelect<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T[];
  onChange: (value: T[]) => void;
  optionLabel: (option: T) => string;
  /** Allows values that are not among the options (typed entity refs). */
  freeSolo?: boolean;
}) {
  const { label, options, value, onChange, optionLabel, freeSolo } = props;
  return (
    <Autocomplete<T, true, false, boolean>
      multiple
      size="small"
      freeSolo={freeSolo}
      options={[...options]}
      value={value}
      onChange={(_event, next) => onChange(next as T[])}
      getOptionLabel={option => optionLabel(option as T)}
      filterSelectedOptions
      style={{ minWidth: 200, flex: '1 1 200px' }}
      renderInput={params => (
        <TextField {...params} variant="outlined" label={label} />
      )}
    />
  );
}

/** Owner, system, stage, mesh, text, "my team" and sort of the scorecard. */
export function ScorecardFilters(props: {
  value: ScorecardFilterState;
  onChange: (value: ScorecardFilterState) => void;
  /** The search box's text, which the caller applies once typing pauses. */
  searchText: string;
  onSearchTextChange: (text: string) => void;
  ownerOptions: string[];
  systemOptions: string[];
  /** The signed-in user's groups; the toggle is disabled without any. */
  myGroups: string[] | undefined;
}) {
  const { value, onChange, searchText, onSearchTextChange } = props;
  const { ownerOptions, systemOptions, myGroups } = props;
  const set = (patch: Partial<ScorecardFilterState>) =>
    onChange({ ...value, ...patch });
  const noGroups = myGroups !== undefined && myGroups.length === 0;

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }}>
      <TextField
        id="service-mesh-scorecard-search"
        label="Search"
        variant="outlined"
        size="small"
        value={searchText}
        onChange={event => onSearchTextChange(event.target.value)}
        inputProps={{ maxLength: SEARCH_MAX_LENGTH }}
        placeholder="Name, title, owner or system"
        style={{ minWidth: 220, flex: '1 1 220px' }}
      />
      <Tooltip
        title={
          noGroups
            ? 'You are not a member of any group in the catalog'
            : 'Services owned by your groups'
        }
      >
        <FormControlLabel
          label="My team"
          control={
            <Switch
              color="primary"
              checked={isMyTeam(value.owner, myGroups)}
              disabled={myGroups === undefined || noGroups}
              onChange={event =>
                set({ owner: event.target.checked ? myGroups ?? [] : [] })
              }
            />
          }
        />
      </Tooltip>
      <MultiSelect
        label="Owner"
        freeSolo
        options={ownerOptions}
        value={value.owner}
        optionLabel={shortEntityRef}
        onChange={owner => set({ owner })}
      />
      <MultiSelect
        label="System"
        freeSolo
        options={systemOptions}
        value={value.system}
        optionLabel={shortEntityRef}
        onChange={system => set({ system })}
      />
      <MultiSelect<AdoptionStage>
        label="Stage"
        options={STAGE_ORDER}
        value={value.stage}
        optionLabel={stage => STAGE_LABELS[stage]}
        onChange={stage => set({ stage })}
      />
      <MultiSelect
        label="Mesh"
        options={MESH_FILTER_VALUES}
        value={value.mesh}
        optionLabel={mesh => meshName(mesh as MeshId | 'none')}
        onChange={mesh => set({ mesh })}
      />
      <TextField
        id="service-mesh-scorecard-sort"
        select
        label="Sort by"
        variant="outlined"
        size="small"
        value={value.sort}
        SelectProps={{ native: true }}
        onChange={event =>
          set({ sort: event.target.value as ScorecardSortField })
        }
      >
        {SCORECARD_SORT_FIELDS.map(field => (
          <option key={field} value={field}>
            {SORT_LABELS[field]}
          </option>
        ))}
      </TextField>
      <TextField
        id="service-mesh-scorecard-order"
        select
        label="Order"
        variant="outlined"
        size="small"
        value={value.order}
        SelectProps={{ native: true }}
        onChange={event => set({ order: event.target.value as 'asc' | 'desc' })}
      >
        <option value="asc">Ascending</option>
        <option value="desc">Descending</option>
      </TextField>
    </Box>
  );
}

import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';

/** Every stage, from "needs action now" to "done", as the UI lists them. */
export const STAGE_ORDER: readonly AdoptionStage[] = [
  'must-migrate',
  'blocked',
  'ready',
  'onboarding',
  'meshed',
  'secured',
  'not-assessed',
  'not-applicable',
];

export const STAGE_LABELS: Record<AdoptionStage, string> = {
  'must-migrate': 'Must migrate',
  blocked: 'Blocked',
  ready: 'Ready to onboard',
  onboarding: 'Onboarding',
  meshed: 'Meshed',
  secured: 'Secured',
  'not-assessed': 'Not assessed',
  'not-applicable': 'Not applicable',
};

export const STAGE_DESCRIPTIONS: Record<AdoptionStage, string> = {
  'must-migrate': 'Runs on a discontinued mesh and has to move to another one',
  blocked: 'Not in a mesh yet, with findings that block onboarding',
  ready: 'Not in a mesh yet, and nothing blocks onboarding',
  onboarding: 'Enrolled or partly meshed: not every pod runs in the mesh yet',
  meshed: 'Every workload is meshed; mTLS is not strict everywhere',
  secured: 'Every workload is meshed with strict mTLS',
  'not-assessed': 'No workload was found for the service',
  'not-applicable': 'Every workload uses hostNetwork and cannot be meshed',
};

/**
 * One colour per stage, all dark enough for white text (WCAG AA): reds for
 * action needed, blue for ready, amber for in progress, greens for done,
 * greys for stages outside the adoption numbers.
 */
export const STAGE_COLORS: Record<AdoptionStage, string> = {
  'must-migrate': '#8e0000',
  blocked: '#c62828',
  ready: '#1565c0',
  onboarding: '#b45309',
  meshed: '#2e7d32',
  secured: '#1b5e20',
  'not-assessed': '#616161',
  'not-applicable': '#546e7a',
};

/** The adoption stage as a coloured badge, with its meaning on hover. */
export function StageChip(props: {
  stage: AdoptionStage;
  size?: 'small' | 'medium';
  /** Shown on hover instead of the stage's general description. */
  reason?: string;
}) {
  const { stage, size = 'small', reason } = props;
  return (
    <Tooltip title={reason ?? STAGE_DESCRIPTIONS[stage]}>
      <Chip
        label={STAGE_LABELS[stage]}
        size={size}
        data-stage={stage}
        style={{
          backgroundColor: STAGE_COLORS[stage],
          color: '#fff',
          fontWeight: 600,
        }}
      />
    </Tooltip>
  );
}

import type {
  CncfStatus,
  CostModel,
  DataPlaneModel,
  LifecycleStatus,
} from '@meshwise/backstage-plugin-service-mesh-common';

export const CNCF_STATUS_LABELS: Record<CncfStatus, string> = {
  graduated: 'Graduated',
  incubating: 'Incubating',
  sandbox: 'Sandbox',
  archived: 'Archived',
  'not-cncf': 'Not a CNCF project',
  unknown: 'Not verified',
};

export const DATA_PLANE_LABELS: Record<DataPlaneModel, string> = {
  sidecar: 'Sidecar',
  'native-sidecar': 'Native sidecar',
  'per-node': 'Per-node proxy',
  ambient: 'Ambient (per-node L4 + optional L7)',
  unknown: 'Not verified',
};

export const COST_MODEL_LABELS: Record<CostModel, string> = {
  'open-source': 'Open source',
  'open-source-with-commercial-distributions':
    'Open source, commercial distributions',
  'source-available-with-commercial-edition':
    'Source-available, commercial edition',
  'cloud-service': 'Cloud service',
  unknown: 'Not verified',
};

export const LIFECYCLE_LABELS: Record<LifecycleStatus, string> = {
  active: 'active',
  deprecated: 'deprecated',
  discontinued: 'discontinued',
  archived: 'archived',
};

/** Looks a value up in a label table, falling back to the raw value. */
export function labelOf(table: Record<string, string>) {
  return (value: string) => table[value] ?? value;
}

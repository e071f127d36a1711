import type { KnowledgeBaseEntryId } from '../vocabulary/meshes';
import type { CapabilityId } from '../vocabulary/capabilities';
import type { CapabilityArea, SupportValue } from '../vocabulary/supportValues';

export type { CapabilityArea, SupportValue } from '../vocabulary/supportValues';

/**
 * Types of the mesh knowledge base. Every fact carries its source and the
 * date it was checked, so the UI can always show where a tick came from.
 */

export interface MeshCapability {
  id: CapabilityId;
  area: CapabilityArea;
  title: string;
  description: string;
}

/** A public page or file a fact was read from. */
export interface KnowledgeSource {
  title: string;
  url: string;
}

/** Set on a cell that app-config changed, so the UI can flag it. */
export interface KnowledgeOverrideMark {
  by: 'app-config';
  /** The built-in cell that the override replaced. */
  previous?: Omit<KnowledgeCell, 'overridden'>;
}

/** One cell of the comparison matrix: entry × capability. */
export interface KnowledgeCell {
  value: SupportValue;
  note: string;
  source: KnowledgeSource;
  /** ISO date (YYYY-MM-DD) on which the source was read. */
  checkedOn: string;
  overridden?: KnowledgeOverrideMark;
}

/** A descriptive (non yes/no) fact about an entry, sourced like a cell. */
export interface KnowledgeFact<T> {
  value: T;
  note: string;
  source: KnowledgeSource;
  checkedOn: string;
}

/**
 * Built-in entries use the shared ids; entries added from app-config may use
 * any other lower-case id (see `ENTRY_ID_PATTERN`).
 */
export type MeshEntryId = KnowledgeBaseEntryId | (string & {});

export type MeshEntryKind = 'mesh' | 'migration-target';

export type CncfStatus =
  | 'graduated'
  | 'incubating'
  | 'sandbox'
  | 'archived'
  | 'not-cncf'
  | 'unknown';

/**
 * `native-sidecar` is a sidecar run as a Kubernetes native sidecar
 * (initContainer with `restartPolicy: Always`); `ambient` is a per-node L4
 * proxy plus optional L7 proxies (Istio ztunnel + waypoints).
 */
export type DataPlaneModel =
  | 'sidecar'
  | 'native-sidecar'
  | 'per-node'
  | 'ambient'
  | 'unknown';

export type CostModel =
  | 'open-source'
  | 'open-source-with-commercial-distributions'
  | 'source-available-with-commercial-edition'
  | 'cloud-service'
  | 'unknown';

export type LifecycleStatus =
  | 'active'
  | 'deprecated'
  | 'discontinued'
  | 'archived';

/**
 * A release seen in the source: `releasedOn` is the release's own date (its
 * tag or announcement), never the day the source was read (`checkedOn`).
 */
export interface ReleaseFact {
  version: string;
  /** ISO date (YYYY-MM-DD) of the release itself. */
  releasedOn: string;
}

export interface MeshLifecycle {
  status: LifecycleStatus;
  /** The newest release the source showed on `checkedOn`. */
  latestRelease?: ReleaseFact;
  /** When the current status took effect, as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string;
  /** When the status change was announced, if earlier than `since`. */
  announcedOn?: string;
  note: string;
  source: KnowledgeSource;
  additionalSources?: KnowledgeSource[];
  checkedOn: string;
  /** Where users of this entry are told to go. */
  successors: MeshEntryId[];
}

export const OVERHEAD_METRICS = [
  'proxy-cpu',
  'proxy-memory',
  'control-plane-cpu',
  'control-plane-memory',
  'mesh-cpu',
  'added-latency',
  'added-latency-p50',
  'added-latency-p90',
  'added-latency-p99',
  'added-latency-max',
  'latency-p50',
  'latency-p99',
  'throughput',
  'throughput-per-core',
] as const;

export type OverheadMetric = (typeof OVERHEAD_METRICS)[number];

export const OVERHEAD_UNITS = [
  'vCPU',
  'MB',
  'GB',
  'ms',
  'cpu-ms',
  'cpu-s',
  'percent',
] as const;

export type OverheadUnit = (typeof OVERHEAD_UNITS)[number];

/**
 * One published figure, recorded as the source reports it. Figures are only
 * comparable within one source and load: never read them as a single score.
 */
export interface OverheadMeasurement {
  metric: OverheadMetric;
  value: number;
  unit: OverheadUnit;
  /** What was measured, e.g. "sidecar proxy" or "ztunnel (per node)". */
  component: string;
  /** Traffic the figure was taken at. Same source + same load = comparable. */
  load: string;
  /**
   * Set when the figure is a difference to another entry measured in the
   * same run (e.g. "22.83 ms worse than Linkerd"). Otherwise latency and
   * overhead figures are relative to running without a mesh.
   */
  relativeTo?: MeshEntryId;
  harness: string;
  source: KnowledgeSource;
  /** Publication date, as precise as the source gives it, when known. */
  publishedOn?: string;
  checkedOn: string;
  /** Published by the project itself or a party with a stake in the result. */
  vendorAffiliated?: boolean;
  /** False when the research could only see the figure second-hand. */
  verified: boolean;
  note?: string;
}

export interface MeshEntry {
  id: MeshEntryId;
  name: string;
  kind: MeshEntryKind;
  /** `app-config` when the whole entry was added or replaced from config. */
  origin: 'built-in' | 'app-config';
  license: KnowledgeFact<string>;
  cncfStatus: KnowledgeFact<CncfStatus>;
  dataPlaneModel: KnowledgeFact<DataPlaneModel>;
  costModel: KnowledgeFact<CostModel>;
  lifecycle: MeshLifecycle;
  /** One cell per capability of the catalogue; none may be missing. */
  capabilities: Record<CapabilityId, KnowledgeCell>;
  overhead: OverheadMeasurement[];
}

export interface MeshKnowledgeBase {
  capabilities: readonly MeshCapability[];
  entries: readonly MeshEntry[];
}

/**
 * The Meshwise engine: pure functions from plain Kubernetes objects to
 * "how is this workload meshed" and "what stands between it and a mesh".
 * No I/O; every output is JSON-serialisable.
 */

export { ENGINE_VERSION } from './version';

// Object model and parsing
export type {
  KubeObject,
  KubeObjectMeta,
  KubeOwnerReference,
} from './model/kubeObject';
export {
  controllerRef,
  KINDS as KUBE_GROUP_KINDS,
  groupKindOf,
  groupKindOfObject,
  refOf as kubeObjectRefOf,
} from './model/kubeObject';
export {
  createManifestParser,
  normaliseKubeObject,
  parseManifests,
} from './parse/parseManifests';
export type {
  ManifestFile,
  ManifestParser,
  ParsedManifests,
  ParseFinding,
} from './parse/parseManifests';

// Cluster index and label selectors
export {
  buildClusterIndex,
  buildClusterIndexInSteps,
} from './cluster/clusterIndex';
export { runSteps } from './cluster/steps';
export type { Steps } from './cluster/steps';
export type { ClusterIndex, ClusterIndexOptions } from './cluster/clusterIndex';
export {
  LabelSelectorSyntaxError,
  formatLabelSelector,
  labelSelectorFromMap,
  labelSelectorFromObject,
  matchesLabelSelector,
  parseLabelSelector,
} from './cluster/labelSelector';
export type {
  LabelRequirement,
  LabelRequirementOperator,
  LabelSelector,
  LabelSelectorObject,
} from './cluster/labelSelector';
export { controlPlaneFacts } from './cluster/controlPlane';
export type {
  ControlPlaneFacts,
  IstioInjectorRevision,
} from './cluster/controlPlane';

// Workloads
export { listWorkloads, listWorkloadsInSteps } from './workloads/listWorkloads';
export {
  prepareWorkloadSelection,
  prepareWorkloadSelectionInSteps,
  selectWorkloads,
} from './workloads/selectWorkloads';
export type { WorkloadQuery } from './workloads/selectWorkloads';
export { findMeshResources } from './workloads/meshResources';
export type { WorkloadMeshResources } from './workloads/meshResources';
export { WORKLOAD_KINDS, workloadRef } from './workloads/workload';
export type { Workload, WorkloadKind, WorkloadPod } from './workloads/workload';
export type {
  ContainerPlacement,
  ContainerPortView,
  ContainerView,
  PodSpecView,
  PodTemplateView,
  ProbeView,
} from './model/podSpec';
export type { ServicePortView, ServiceView } from './model/service';
export {
  compactOwnedReplicaSet,
  compactPod,
  createValueSharing,
} from './model/compactPod';
export type { ShareValue } from './model/compactPod';

// Detection
export { detectMesh } from './detect/detectMesh';

// Readiness checks
export { READINESS_CHECKS, findReadinessCheck } from './checks/registry';
export {
  resultAppliesTo,
  resultSeverityFor,
  runReadinessChecks,
} from './checks/runChecks';
export type { CheckContext, ReadinessCheck } from './checks/types';

// Assessment
export { assessService } from './assess/assessService';
export { assessWorkload } from './assess/assessWorkload';
export type { AssessedWorkload } from './assess/assessWorkload';
export { ServiceSummary, summarizeService } from './assess/summarizeService';
export { adoptionStage } from './assess/stage';
export {
  checkSummaries,
  targetReadiness,
  targetReadinessInSteps,
} from './assess/targetReadiness';
export { unreadableKindsOf } from './assess/unreadableKinds';
export type { AssessServiceOptions } from './assess/types';

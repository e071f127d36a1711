import { ReadinessTargetMesh } from '../../engine/assess/types';
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { KINDS } from '../../engine/model/kubeObject';
import { Workload } from '../../engine/workloads/workload';
import { ManualAction, MigrationManifest } from '../types';
import { FixFunction } from './fixes/types';

/**
 * One mesh's way of onboarding a service, the way the Kubernetes backend has
 * one strategy per auth provider: the shared steps (restart, explanation,
 * the fix loop) are planned around it.
 */
export interface OnboardingPlaybook {
  readonly mesh: ReadinessTargetMesh;
  /** Labels or annotations that make the mesh take the workloads' pods. */
  enrol(context: PlaybookContext): PlaybookSteps;
  /** False when the mesh captures running pods (ambient): no restart to join. */
  readonly restartsToEnrol: boolean;
  /** What the enrolment step says about restarting. */
  restartExplanation(leavingAppMesh: boolean): string;
  /** True when enrolment is per namespace, so it also takes the namespace's other workloads. */
  readonly enrolsNamespaces: boolean;
  /** Makes the mesh refuse plaintext for the workloads (strict mTLS). */
  harden(context: PlaybookContext): PlaybookSteps;
  /** Commands that show the namespace's pods are in the mesh. */
  verify(namespace: string): string[];
  /** Fixes this mesh does differently from `FIXES`, by check id. */
  readonly fixes?: Readonly<Record<string, FixFunction>>;
}

export interface PlaybookContext {
  /** The workloads' namespaces, in order of first appearance. */
  namespaces: readonly string[];
  workloads: readonly Workload[];
  index: ClusterIndex;
}

/** A playbook's part of a step; what it leaves out is empty. */
export interface PlaybookSteps {
  manifests?: MigrationManifest[];
  explanation?: string[];
  commands?: string[];
  manualActions?: ManualAction[];
}

/** The restart explanation of every mesh that injects a sidecar. */
export function sidecarRestartExplanation(): string {
  return 'Existing pods get the proxy only when they are recreated: restart each workload.';
}

/** The labels of a namespace in the input, empty when the input lacks it. */
export function namespaceLabels(
  index: ClusterIndex,
  namespace: string,
): Record<string, string> {
  return (
    index.get(KINDS.namespace, undefined, namespace)?.metadata.labels ?? {}
  );
}

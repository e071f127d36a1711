import type { MeshId } from '../vocabulary/meshes';
import type { CheckResult } from './checkResult';
import type { MeshDetection, MtlsMode } from './detection';
import type { KubeObjectRef } from '../vocabulary/kubeObjectRef';

/** Meshes a workload can be assessed for: every `MeshId` except the discontinued ones. */
export type ReadinessTargetMesh = Exclude<MeshId, 'aws-app-mesh' | 'osm'>;

export const READINESS_TARGET_MESHES: readonly ReadinessTargetMesh[] = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'consul',
  'kuma',
  'cilium',
];

export type AdoptionStage =
  | 'not-applicable'
  | 'not-assessed'
  | 'blocked'
  | 'ready'
  | 'onboarding'
  | 'meshed'
  | 'secured'
  | 'must-migrate';

export interface MeshReadinessScore {
  mesh: ReadinessTargetMesh;
  /** 0..100: severity-weighted share of evaluated readiness checks that pass. */
  score: number;
  /** No blocking finding and at least one meshable workload. */
  ready: boolean;
  /** Failing readiness findings of `error` severity for this mesh. */
  blocking: number;
  /** Failing readiness findings of `warning` severity for this mesh. */
  warnings: number;
  /** Readiness findings that could not be evaluated for this mesh. */
  notEvaluated: number;
}

/** A result, deduplicated across the service's workloads (a Service may be shared). */
export interface AssessmentFinding extends CheckResult {
  /** Ids (`Kind/namespace/name`) of the workloads whose assessment produced it. */
  workloads: string[];
}

export interface WorkloadAssessment {
  /** `Kind/namespace/name` */
  id: string;
  workload: KubeObjectRef;
  detection: MeshDetection;
  failedChecks: string[];
  notEvaluatedChecks: string[];
  passedChecks: string[];
}

export interface ServiceAssessment {
  engineVersion: string;
  stage: AdoptionStage;
  /** One sentence on why the stage is what it is. */
  stageReason: string;
  /** Meshes any workload runs in or is enrolled in. */
  meshes: MeshId[];
  coverage: {
    totalWorkloads: number;
    /** Workloads that can be meshed (not hostNetwork). */
    meshableWorkloads: number;
    meshedWorkloads: number;
    enrolledWorkloads: number;
    /** Summed over workloads whose pods are in the input. */
    meshedPods: number;
    totalPods: number;
  };
  mtls: {
    /** The weakest mode among meshed or enrolled workloads (`off` when none). */
    mode: MtlsMode;
    strictWorkloads: number;
  };
  /** Workloads whose proxies are known to be older than their control plane. */
  staleProxies: number;
  workloads: WorkloadAssessment[];
  /** Failures and not-evaluated results. */
  findings: AssessmentFinding[];
  /** Checks with no failure and no not-evaluated result on any workload. */
  passedChecks: string[];
  scores: MeshReadinessScore[];
}

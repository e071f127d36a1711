import { KubeObject } from '@meshwise/mesh-engine';

/** Why a cluster (or one kind in it) could not be read. */
export type ClusterProblemReason =
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  | 'server-error'
  | 'malformed-response'
  | 'unreachable'
  | 'invalid-manifest'
  /** A manifest file over a size or document limit, skipped. */
  | 'manifest-limit'
  /** Two manifest files define one object with different values for a field. */
  | 'conflicting-manifests'
  | 'configuration'
  /** The read succeeded but lost too much next to the last good one. */
  | 'implausible';

export interface ClusterProblem {
  reason: ClusterProblemReason;
  message: string;
  /** e.g. `list pods` when a permission is missing. */
  operation?: string;
}

/** Everything one read of a cluster produced. */
export interface ClusterSnapshot {
  cluster: string;
  objects: KubeObject[];
  readAt: Date;
  /** Problems that did not stop the read (a forbidden optional kind, a bad file). */
  warnings: ClusterProblem[];
  /**
   * Group-kind keys (`PeerAuthentication.security.istio.io`) of optional
   * kinds whose list failed: their objects are unknown, not absent.
   */
  unreadableKinds?: string[];
  stats: { listCalls: number; bytes: number };
}

/** A failed read: the cluster keeps its last good snapshot, marked stale. */
export class ClusterReadError extends Error {
  readonly problem: ClusterProblem;

  constructor(problem: ClusterProblem) {
    super(problem.message);
    this.name = 'ClusterReadError';
    this.problem = problem;
  }
}

/** One cluster's state, however it is obtained (API server, manifests). */
export interface ClusterSource {
  readonly name: string;
  readonly type: 'kubernetes' | 'manifests';
  /** Reads the whole cluster once; throws ClusterReadError when it cannot. */
  read(): Promise<ClusterSnapshot>;
}

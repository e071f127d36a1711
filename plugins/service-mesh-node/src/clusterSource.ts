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

/** A problem of one cluster read, shown on the cluster's health. */
export interface ClusterProblem {
  reason: ClusterProblemReason;
  message: string;
  /** e.g. `list pods` when a permission is missing. */
  operation?: string;
}

/** Everything one read of a cluster produced. */
export interface ClusterSnapshot {
  /** The name of the source that read it. */
  cluster: string;
  /** Every object of the cluster the engine reads (see the backend README for the kinds). */
  objects: KubeObject[];
  readAt: Date;
  /** Problems that did not stop the read (a forbidden optional kind, a bad file). */
  warnings: ClusterProblem[];
  /**
   * Group-kind keys (`PeerAuthentication.security.istio.io`) of optional
   * kinds whose list failed: their objects are unknown, not absent.
   */
  unreadableKinds?: string[];
  /** What the read cost; zeros where it does not apply. */
  stats: { listCalls: number; bytes: number };
  /**
   * The versions of the objects read (`ClusterVersions`), when the source
   * can tell them and every kind was read: a later `readVersions` equal to
   * these means the cluster still holds exactly these objects.
   */
  versions?: ClusterVersions;
}

/**
 * What a cluster holds, by identity and version only: for each list the
 * source makes, a digest of its objects' names, uids and
 * `metadata.resourceVersion`s, which the API server changes on every write
 * of an object. Two equal versions mean the same objects, unchanged; any
 * change to any object (its status included) makes them differ.
 */
export interface ClusterVersions {
  /** Per list (its API version, kind and field selector): the digest of its objects. */
  lists: Record<string, string>;
  /** Objects per kind, as the snapshot's objects would count them. */
  kindCounts: Record<string, number>;
}

/**
 * A failed read: the cluster keeps its last good snapshot, marked stale with
 * the problem's reason and message. Any other error a source throws is
 * reported as `unreachable` with its message.
 */
export class ClusterReadError extends Error {
  readonly problem: ClusterProblem;

  constructor(problem: ClusterProblem) {
    super(problem.message);
    this.name = 'ClusterReadError';
    this.problem = problem;
  }
}

/**
 * What a source reads: a live API server, or manifests standing for one
 * (the cluster health API reports it).
 */
export type ServiceMeshClusterSourceType = 'kubernetes' | 'manifests';

/**
 * One cluster's state, however it is obtained (an API server, a directory
 * of manifests, an inventory of your own). The scanner reads every source
 * once per scan; entities pick a source with the
 * `backstage.io/kubernetes-cluster` annotation.
 */
export interface ServiceMeshClusterSource {
  /** Unique among all sources, configured or added; the cluster's name. */
  readonly name: string;
  readonly type: ServiceMeshClusterSourceType;
  /** Reads the whole cluster once; throws ClusterReadError when it cannot. */
  read(): Promise<ClusterSnapshot>;
  /**
   * Optional: reads only the versions of the cluster's objects (for an API
   * server, lists of their metadata), much less than `read`. When they equal
   * those of the last stored read, the scan skips the read: nothing in the
   * cluster changed. Throws ClusterReadError when it cannot; the scan then
   * reads the cluster in full. Given the `known` versions (those stored),
   * it may stop at the first list that differs from them: its answer then
   * differs too.
   */
  readVersions?(known?: ClusterVersions): Promise<ClusterVersions>;
}

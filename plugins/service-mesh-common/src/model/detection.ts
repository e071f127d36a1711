import type { DetectedMesh, MeshId } from '../vocabulary/meshes';

/**
 * How the workload's traffic reaches the mesh: a classic sidecar container,
 * a native sidecar (init container with `restartPolicy: Always`), Istio
 * ambient (ztunnel), a per-node proxy (Cilium), or none.
 */
export type DataPlaneMode =
  | 'sidecar'
  | 'native-sidecar'
  | 'ambient'
  | 'node-proxy'
  | 'none';

/**
 * - `meshed`: a proxy (or ambient redirection) is visible on the pods or template;
 * - `enrolled`: intent only: namespace or template asks for the mesh, but no
 *   injected pod is visible (pods not in the input, or not restarted yet);
 * - `opted-out`: a label or annotation explicitly keeps the workload out;
 * - `none`: no sign of any mesh.
 */
export type MeshState = 'meshed' | 'enrolled' | 'opted-out' | 'none';

export type MtlsMode = 'strict' | 'permissive' | 'off' | 'unknown';

/** One observation behind a detection: `intent` is configuration asking for a mesh, `fact` is a mesh actually present. */
export interface DetectionEvidence {
  kind: 'intent' | 'fact';
  mesh?: MeshId;
  /** Human-readable: `Namespace bookinfo label istio-injection=enabled`. */
  source: string;
}

export interface InjectionCoverage {
  meshedPods: number;
  totalPods: number;
}

export interface MtlsStatus {
  mode: MtlsMode;
  /** Where the mode comes from, e.g. `PeerAuthentication istio-system/default (mesh-wide) STRICT`. */
  source: string;
  /**
   * Set when the mode could not be evaluated because these kinds could not
   * be listed (mode `unknown`): the service is neither shown secured nor not.
   */
  unreadableKinds?: string[];
}

export interface ProxyFreshness {
  proxyVersion?: string;
  controlPlaneVersion?: string;
  stale: boolean | 'unknown';
  /** What was compared, or why it could not be. */
  source: string;
}

export type DetectionConflictKind =
  | 'multiple-meshes'
  | 'sidecar-and-ambient'
  | 'intent-mismatch'
  | 'waypoint-without-ambient';

export interface DetectionConflict {
  kind: DetectionConflictKind;
  message: string;
}

/** What the detector says about one workload. JSON-serialisable. */
export interface MeshDetection {
  mesh: DetectedMesh;
  state: MeshState;
  /**
   * The observed mode when meshed; for `enrolled` workloads the mode the
   * mesh injects (`sidecar` for sidecar meshes, since native vs classic is
   * only visible on injected pods).
   */
  dataPlaneMode: DataPlaneMode;
  /** False for hostNetwork pods, which no mesh injects or captures. */
  meshable: boolean;
  evidence: DetectionEvidence[];
  /** Present when live pods of the workload are in the input. */
  coverage?: InjectionCoverage;
  mtls: MtlsStatus;
  /** Present when the workload is meshed or enrolled. */
  proxy?: ProxyFreshness;
  conflicts: DetectionConflict[];
  /** Other meshes with intent or facts on this workload (migrations, conflicts). */
  otherMeshes: MeshId[];
}

/**
 * Identifiers shared by every part of Meshwise: the knowledge base, the
 * detector, the recommender, the store and the UI all speak these ids.
 */

/** A service mesh (or mesh mode) that a workload can run on. */
export const MESH_IDS = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'consul',
  'kuma',
  'cilium',
  'aws-app-mesh',
  'osm',
] as const;

export type MeshId = (typeof MESH_IDS)[number];

/**
 * Targets that are not meshes in the usual sense but that the knowledge base
 * describes because AWS names them as the successors of App Mesh.
 */
export const MIGRATION_TARGET_IDS = [
  'ecs-service-connect',
  'vpc-lattice',
] as const;

export type MigrationTargetId = (typeof MIGRATION_TARGET_IDS)[number];

/** Anything the knowledge base has an entry for. */
export type KnowledgeBaseEntryId = MeshId | MigrationTargetId;

/** What the detector can say about a workload: a mesh, or none. */
export type DetectedMesh = MeshId | 'none';

export const MESH_DISPLAY_NAMES: Record<KnowledgeBaseEntryId, string> = {
  'istio-sidecar': 'Istio (sidecar)',
  'istio-ambient': 'Istio (ambient)',
  linkerd: 'Linkerd',
  consul: 'Consul',
  kuma: 'Kuma / Kong Mesh',
  cilium: 'Cilium',
  'aws-app-mesh': 'AWS App Mesh',
  osm: 'Open Service Mesh',
  'ecs-service-connect': 'Amazon ECS Service Connect',
  'vpc-lattice': 'Amazon VPC Lattice',
};

export function isMeshId(value: unknown): value is MeshId {
  return (MESH_IDS as readonly unknown[]).includes(value);
}

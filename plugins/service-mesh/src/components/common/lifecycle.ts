import {
  findMeshEntry,
  MESH_KNOWLEDGE_BASE,
  MeshEntryId,
  MeshKnowledgeBase,
  MeshLifecycle,
} from '@meshwise/backstage-plugin-service-mesh-common';

export interface DiscontinuedMesh {
  id: MeshEntryId;
  name: string;
  lifecycle: MeshLifecycle;
  /** Where the knowledge base tells its users to go, with display names. */
  successors: Array<{ id: MeshEntryId; name: string }>;
}

/**
 * The meshes among `meshes` that the knowledge base records as no longer
 * active (App Mesh discontinued, OSM archived), with their successors.
 */
export function discontinuedMeshes(
  meshes: readonly string[],
  kb: MeshKnowledgeBase = MESH_KNOWLEDGE_BASE,
): DiscontinuedMesh[] {
  return [...new Set(meshes)].flatMap(id => {
    const entry = findMeshEntry(kb, id);
    if (!entry || entry.lifecycle.status === 'active') return [];
    return [
      {
        id: entry.id,
        name: entry.name,
        lifecycle: entry.lifecycle,
        successors: entry.lifecycle.successors.map(successor => ({
          id: successor,
          name: findMeshEntry(kb, successor)?.name ?? successor,
        })),
      },
    ];
  });
}

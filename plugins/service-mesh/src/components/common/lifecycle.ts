import { useApi } from '@backstage/core-plugin-api';
import type {
  MeshEntryId,
  MeshKnowledgeBase,
  MeshLifecycle,
} from '@meshwise/backstage-plugin-service-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';

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
  kb: MeshKnowledgeBase | undefined,
): DiscontinuedMesh[] {
  if (!kb) return [];
  const entryOf = (id: string) => kb.entries.find(entry => entry.id === id);
  return [...new Set(meshes)].flatMap(id => {
    const entry = entryOf(id);
    if (!entry || entry.lifecycle.status === 'active') return [];
    return [
      {
        id: entry.id,
        name: entry.name,
        lifecycle: entry.lifecycle,
        successors: entry.lifecycle.successors.map(successor => ({
          id: successor,
          name: entryOf(successor)?.name ?? successor,
        })),
      },
    ];
  });
}

/**
 * Lifecycle banners for `meshes`, from the knowledge base the backend serves
 * (`GET /meshes`, after the app-config overrides), so the page never
 * contradicts the Comparison tab. None while it loads or when it fails: the
 * banner is a hint, the rest of the page does not wait for it.
 */
export function useDiscontinuedMeshes(
  meshes: readonly string[],
): DiscontinuedMesh[] {
  const api = useApi(serviceMeshApiRef);
  const key = meshes.join(',');
  const { value: kb } = useAsync(
    // No mesh, nothing to look up.
    async () => (key ? api.getMeshes() : undefined),
    [api, key],
  );
  return discontinuedMeshes(meshes, kb);
}

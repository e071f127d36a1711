import {
  CAPABILITIES,
  type CapabilityId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { BUILT_IN_MESH_ENTRIES } from './entries';
import type {
  KnowledgeCell,
  MeshEntry,
  MeshEntryId,
  MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The built-in knowledge base, from the Meshwise research of 2026-11-22. */
export const MESH_KNOWLEDGE_BASE: MeshKnowledgeBase = {
  capabilities: CAPABILITIES,
  entries: BUILT_IN_MESH_ENTRIES,
};

export function findMeshEntry(
  kb: MeshKnowledgeBase,
  id: MeshEntryId,
): MeshEntry | undefined {
  return kb.entries.find(entry => entry.id === id);
}

export function findKnowledgeCell(
  kb: MeshKnowledgeBase,
  entryId: MeshEntryId,
  capabilityId: CapabilityId,
): KnowledgeCell | undefined {
  return findMeshEntry(kb, entryId)?.capabilities[capabilityId];
}

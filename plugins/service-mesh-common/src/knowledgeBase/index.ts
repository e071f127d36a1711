export * from './types';
// Ids and labels are exported once, from `vocabulary/` (see src/index.ts):
// a second path through this folder would pull it into the browser bundle.
export type { CapabilityGroup, CapabilityId } from './capabilities';
export type { MeshPlatform, MeshPlatformInfo } from './platforms';
export {
  MESH_KNOWLEDGE_BASE,
  findKnowledgeCell,
  findMeshEntry,
} from './knowledgeBase';
export {
  KnowledgeBaseValidationError,
  assertValidKnowledgeBase,
  configMeshEntrySchema,
  knowledgeCellSchema,
  meshEntrySchema,
  meshKnowledgeBaseSchema,
  validateKnowledgeBase,
} from './schema';
export type { KnowledgeBaseIssue } from './issues';
export {
  KNOWLEDGE_BASE_CONFIG_PATH,
  KnowledgeBaseConfigError,
  applyKnowledgeBaseOverrides,
  knowledgeBaseConfigSchema,
  loadMeshKnowledgeBase,
  readKnowledgeBaseOverrides,
} from './overrides';
export type {
  ConfiguredMeshEntry,
  KnowledgeBaseOverrides,
  KnowledgeCellOverride,
} from './overrides';
export { summarizeKnowledgeBase } from './summary';
export type { KnowledgeBaseSummary } from './summary';

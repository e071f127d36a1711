export * from './types';
export {
  CAPABILITIES,
  CAPABILITY_AREA_LABELS,
  CAPABILITY_IDS,
  groupCapabilitiesByArea,
  isCapabilityId,
} from './capabilities';
export type { CapabilityGroup, CapabilityId } from './capabilities';
export { PLATFORMS, PLATFORM_IDS, platformCapability } from './platforms';
export type { MeshPlatform, MeshPlatformInfo } from './platforms';
export {
  MESH_KNOWLEDGE_BASE,
  findKnowledgeCell,
  findMeshEntry,
} from './knowledgeBase';
export {
  ENTRY_ID_PATTERN,
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

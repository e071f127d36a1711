// Ids, labels and the knowledge base's types are the contract, exported by
// the common package.
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

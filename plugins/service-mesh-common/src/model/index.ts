/**
 * The shapes the API exchanges: assessments, detections, check results,
 * the knowledge base, recommendations and migration plans. Types only, but
 * for the requirements schema, which validates recommendation requests.
 */
export * from './assessment';
export * from './checkResult';
export * from './detection';
export * from './knowledgeBase';
export { meshRequirementsSchema } from './meshRequirements';
export type {
  MeshRequirements,
  ResolvedMeshRequirements,
} from './meshRequirements';
export * from './migrationPlan';
export * from './recommendation';

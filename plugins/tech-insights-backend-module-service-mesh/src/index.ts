/**
 * A Tech Insights backend module of Meshwise: facts per service from the
 * service-mesh backend (adoption stage, readiness per target mesh, mesh,
 * data-plane mode, mTLS, stale proxies) and mesh checks for the JSON rules
 * engine.
 *
 * @packageDocumentation
 */

export { techInsightsModuleServiceMesh as default } from './module';
export { serviceMeshFactRetriever } from './serviceMeshFactRetriever';
export {
  SERVICE_MESH_FACT_RETRIEVER_ID,
  READINESS_FACTS,
  serviceMeshFactSchema,
} from './factSchema';
export type {
  ReadinessFactName,
  ServiceDataPlaneMode,
  ServiceMeshFacts,
} from './factSchema';
export { serviceMeshTechInsightsChecks } from './checks';
export type {
  ServiceMeshFactCondition,
  ServiceMeshTechInsightCheck,
} from './checks';

import type { ReadinessTargetMesh } from '@meshwise/backstage-plugin-service-mesh-common';

// The assessment's shape is the API contract, defined in the common package.
export { READINESS_TARGET_MESHES } from '@meshwise/backstage-plugin-service-mesh-common';
export type {
  AdoptionStage,
  AssessmentFinding,
  MeshReadinessScore,
  ReadinessTargetMesh,
  ServiceAssessment,
  WorkloadAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';

export interface AssessServiceOptions {
  /**
   * The mesh the organisation is adopting. Decides `ready` vs `blocked`;
   * without it the service is `ready` when it is ready for any target.
   */
  targetMesh?: ReadinessTargetMesh;
}

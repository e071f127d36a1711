import { createApiRef } from '@backstage/core-plugin-api';
import {
  ClusterHealthList,
  EntityAssessmentResponse,
  MeshKnowledgeBase,
  MeshRecommendation,
  MeshRequirements,
  ScanRunList,
  ScorecardQuery,
  ScorecardResponse,
  ServiceMeshHealth,
  StageHistoryQuery,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** Identifies a catalog entity in the API's paths. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** The frontend's view of the service-mesh backend. */
export interface ServiceMeshApi {
  getHealth(): Promise<ServiceMeshHealth>;
  listScans(options?: { limit?: number }): Promise<ScanRunList>;
  listClusters(): Promise<ClusterHealthList>;
  /** The stored assessment; rejects with a 404 ResponseError when there is none. */
  getEntityAssessment(entity: EntityName): Promise<EntityAssessmentResponse>;
  /** Re-assesses the entity now and answers with the new assessment. */
  refreshEntityAssessment(
    entity: EntityName,
  ): Promise<EntityAssessmentResponse>;
  getScorecard(query?: ScorecardQuery): Promise<ScorecardResponse>;
  getScorecardHistory(query?: StageHistoryQuery): Promise<StageHistoryResponse>;
  getMeshes(): Promise<MeshKnowledgeBase>;
  recommendMeshes(requirements: MeshRequirements): Promise<MeshRecommendation>;
}

export const serviceMeshApiRef = createApiRef<ServiceMeshApi>({
  id: 'plugin.service-mesh.service',
});

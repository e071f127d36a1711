import { createApiRef } from '@backstage/core-plugin-api';
import {
  BulkCreateMigrationTasksRequest,
  BulkCreateMigrationTasksResponse,
  ClusterHealthList,
  CreateMigrationTaskRequest,
  MigrationPlan,
  MigrationTarget,
  MigrationTask,
  MigrationTaskList,
  MigrationTaskQuery,
  UpdateMigrationTaskRequest,
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
  /** The steps and manifests to move the entity to a target. */
  getMigrationPlan(
    entity: EntityName,
    target: MigrationTarget,
  ): Promise<MigrationPlan>;
  listTasks(query?: MigrationTaskQuery): Promise<MigrationTaskList>;
  getTask(id: string): Promise<MigrationTask>;
  /** Files a task; `idempotencyKey` makes a retried request safe. */
  createTask(
    request: CreateMigrationTaskRequest,
    options?: { idempotencyKey?: string },
  ): Promise<MigrationTask>;
  /** Rejects with a 409 ResponseError when the task changed since `version`. */
  updateTask(
    id: string,
    changes: UpdateMigrationTaskRequest,
  ): Promise<MigrationTask>;
  commentOnTask(id: string, body: string): Promise<MigrationTask>;
  bulkCreateTasks(
    request: BulkCreateMigrationTasksRequest,
  ): Promise<BulkCreateMigrationTasksResponse>;
}

export const serviceMeshApiRef = createApiRef<ServiceMeshApi>({
  id: 'plugin.service-mesh.service',
});

import type { components, paths } from './schema/openapi.generated';

/**
 * The HTTP contract between the service-mesh backend and its clients.
 * Paths are relative to the plugin's base URL (`/api/service-mesh`).
 *
 * The source is the backend's `openapi.yaml`: these types are aliases of
 * the ones generated from it (`npm run openapi:generate`), so the spec, the
 * server and the clients cannot disagree. The model types the bodies carry
 * (`ServiceAssessment`, `MeshEntry`, `MigrationPlan`...) are written by hand
 * in `model/` and checked against the spec at compile time
 * (`schema/contractChecks.ts`).
 */

/** The generated types of every path of the API, by path and method. */
export type ServiceMeshApiPaths = paths;

/** The generated types of every schema of the API, by name. */
export type ServiceMeshApiSchemas = components['schemas'];

type Schemas = components['schemas'];

/** The query parameters of `GET <path>`. */
type QueryOf<Path extends keyof paths> = paths[Path] extends {
  get: { parameters: { query?: infer Query } };
}
  ? NonNullable<Query>
  : never;

/** `GET /health`: answered without credentials, for probes and the UI. */
export type ServiceMeshHealth = Schemas['ServiceMeshHealth'];

/** Per-cluster outcome of one scan. */
export type ScanClusterStatus = Schemas['ScanClusterStatus'];

/** `GET /scans`: one run of the scanner. */
export type ScanRun = Schemas['ScanRun'];

export type ScanRunList = Schemas['ScanRunList'];

/** The catalog facts of an assessed entity that the UI shows and filters on. */
export type AssessedEntity = Schemas['AssessedEntity'];

/** Where an assessment's cluster data came from, and how fresh it is. */
export type AssessmentClusterSource = Schemas['AssessmentClusterSource'];

/** A short form of the recommender's answer for one service. */
export type EntityMeshRecommendation = Schemas['EntityMeshRecommendation'];

/** What the UI shows of a check next to its results: its catalogue entry without `run`. */
export type CheckSummary = Schemas['CheckSummary'];

/** A finding of `assessment.findings` as it stands for one target mesh. */
export type TargetFindingRef = Schemas['TargetFindingRef'];

/**
 * Readiness for one target mesh, computed by the backend so the browser only
 * renders it: the stored score and counts, plus which findings count.
 */
export type TargetMeshReadiness = Schemas['TargetMeshReadiness'];

/** `GET /entities/:kind/:namespace/:name/assessment` */
export type EntityAssessmentResponse = Schemas['EntityAssessmentResponse'];

/** One row of `GET /scorecard`. */
export type ScorecardRow = Schemas['ScorecardRow'];

export type ScorecardSortField = Schemas['ScorecardSortField'];

export const SCORECARD_SORT_FIELDS: readonly ScorecardSortField[] = [
  'name',
  'owner',
  'system',
  'stage',
  'mesh',
  'score',
  'blockingCount',
  'assessedAt',
];

/** Query of `GET /scorecard` (lists are repeated query parameters). */
export type ScorecardQuery = QueryOf<'/scorecard'>;

export type ScorecardResponse = Schemas['ScorecardResponse'];

/** Query of `GET /scorecard/history`. */
export type StageHistoryQuery = QueryOf<'/scorecard/history'>;

export type StageHistoryPoint = Schemas['StageHistoryPoint'];

export type StageHistoryResponse = Schemas['StageHistoryResponse'];

/** `GET /clusters`: per-cluster health, for operators. */
export type ClusterHealth = Schemas['ClusterHealth'];

export type ClusterHealthList = Schemas['ClusterHealthList'];

export type MigrationTaskStatus = Schemas['MigrationTaskStatus'];

export const MIGRATION_TASK_STATUSES: readonly MigrationTaskStatus[] = [
  'open',
  'in-progress',
  'blocked',
  'done',
  'wont-do',
];

/** Statuses of a task that is still to be worked on. */
export const ACTIVE_TASK_STATUSES: readonly MigrationTaskStatus[] = [
  'open',
  'in-progress',
  'blocked',
];

export type MigrationTaskComment = Schemas['MigrationTaskComment'];

/** A migration task filed from the portal. */
export type MigrationTask = Schemas['MigrationTask'];

/** `POST /tasks` (send an `Idempotency-Key` header to make retries safe). */
export type CreateMigrationTaskRequest = Schemas['CreateMigrationTaskRequest'];

/** `PATCH /tasks/:id` */
export type UpdateMigrationTaskRequest = Schemas['UpdateMigrationTaskRequest'];

/** `POST /tasks/:id/comments` */
export type CommentOnTaskRequest = Schemas['CommentOnTaskRequest'];

/** `POST /tasks/bulk`: one task per matching service, in one transaction. */
export type BulkCreateMigrationTasksRequest =
  Schemas['BulkCreateMigrationTasksRequest'];

export type BulkCreateMigrationTasksResponse =
  Schemas['BulkCreateMigrationTasksResponse'];

/** Query of `GET /tasks`. */
export type MigrationTaskQuery = QueryOf<'/tasks'>;

export type MigrationTaskList = Schemas['MigrationTaskList'];

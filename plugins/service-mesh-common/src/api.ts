import type {
  AdoptionStage,
  CheckCategory,
  CheckSeverity,
  MeshReadinessScore,
  ReadinessTargetMesh,
  ServiceAssessment,
} from './model';
import type { MeshId } from './vocabulary/meshes';

/**
 * The HTTP contract between the service-mesh backend and its clients.
 * Paths are relative to the plugin's base URL (`/api/service-mesh`).
 */

/** `GET /health`: answered without credentials, for probes and the UI. */
export interface ServiceMeshHealth {
  status: 'ok';
  /** The backend plugin's package version. */
  version: string;
  /** The database engine the store runs on. */
  database: 'sqlite' | 'postgres' | 'other';
  /** The newest migration applied to the plugin's tables. */
  schemaVersion: string | null;
}

/** Per-cluster outcome of one scan. */
export interface ScanClusterStatus {
  cluster: string;
  status: 'ok' | 'stale' | 'failed';
  objectCount?: number;
  error?: string;
}

/** `GET /scans`: one run of the scanner. */
export interface ScanRun {
  id: string;
  trigger: 'schedule' | 'refresh';
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  entityCount: number | null;
  assessedCount: number | null;
  clusters: ScanClusterStatus[];
  error: string | null;
}

export interface ScanRunList {
  items: ScanRun[];
}

/** The catalog facts of an assessed entity that the UI shows and filters on. */
export interface AssessedEntity {
  /** `component:default/cart-api` */
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Entity ref of the owner, e.g. `group:default/storefront-team`. */
  owner?: string;
  /** Entity ref of the system, e.g. `system:default/storefront`. */
  system?: string;
  lifecycle?: string;
}

/** Where an assessment's cluster data came from, and how fresh it is. */
export interface AssessmentClusterSource {
  cluster: string;
  /** When the data used was read; null when the cluster was never read. */
  readAt: string | null;
  /** True when the last read failed and older data was used. */
  stale: boolean;
  staleReason?: string;
}

/** A short form of the recommender's answer for one service. */
export interface EntityMeshRecommendation {
  id: string;
  name: string;
  rank: number;
  total: number;
  standing: string;
  reasons: string[];
}

/** What the UI shows of a check next to its results: its catalogue entry without `run`. */
export interface CheckSummary {
  id: string;
  title: string;
  /** One sentence: why it matters. */
  why: string;
  /** `readiness` findings count per target mesh; `adoption` ones are about the mesh in use. */
  category: CheckCategory;
}

/** A finding of `assessment.findings` as it stands for one target mesh. */
export interface TargetFindingRef {
  /** Position in `assessment.findings`. */
  index: number;
  /** The finding's severity for this mesh (a check may weigh less on some meshes). */
  severity: CheckSeverity;
}

/**
 * Readiness for one target mesh, computed by the backend so the browser only
 * renders it: the stored score and counts, plus which findings count.
 */
export interface TargetMeshReadiness extends MeshReadinessScore {
  /** Failing and not-evaluated readiness findings that concern the mesh, in the assessment's order. */
  findings: TargetFindingRef[];
  /** Readiness checks that apply to the mesh and pass on every workload. */
  passedChecks: string[];
}

/** `GET /entities/:kind/:namespace/:name/assessment` */
export interface EntityAssessmentResponse {
  entity: AssessedEntity;
  /** False when the entity has no Kubernetes annotation. */
  configured: boolean;
  /** The catalog-info.yaml snippet to add when not configured. */
  notConfiguredHint?: string;
  selector?: { labelSelector: string; namespace?: string; cluster?: string };
  stage: AdoptionStage;
  stageReason: string;
  /** The mesh the organisation is adopting (serviceMesh.targetMesh), if set. */
  targetMesh?: ReadinessTargetMesh;
  /** The mesh the service runs on (or the first of several); null when none. */
  mesh: MeshId | null;
  /** Readiness 0..100: for the mesh it runs on, else the best target. */
  score: number | null;
  blockingCount: number;
  /** The engine's full result; null when not configured. */
  assessment: ServiceAssessment | null;
  /**
   * Readiness per target mesh, in the order of `assessment.scores`. Absent
   * when there is no assessment, and on assessments stored before it was
   * added (clients fall back to `assessment.scores`).
   */
  readiness?: TargetMeshReadiness[];
  /** The checks that `assessment` names (findings and passed checks), by id. */
  checks?: Record<string, CheckSummary>;
  /** The top meshes for this service, with reasons. */
  recommendation: EntityMeshRecommendation[];
  clusters: AssessmentClusterSource[];
  assessedAt: string;
}

/** One row of `GET /scorecard`. */
export interface ScorecardRow {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  stage: AdoptionStage;
  mesh: MeshId | null;
  score: number | null;
  blockingCount: number;
  assessedAt: string;
}

export const SCORECARD_SORT_FIELDS = [
  'name',
  'owner',
  'system',
  'stage',
  'mesh',
  'score',
  'blockingCount',
  'assessedAt',
] as const;

export type ScorecardSortField = (typeof SCORECARD_SORT_FIELDS)[number];

/** Query of `GET /scorecard` (lists are repeated query parameters). */
export interface ScorecardQuery {
  owner?: string[];
  system?: string[];
  stage?: AdoptionStage[];
  /** Mesh ids, or `none` for services on no mesh. */
  mesh?: string[];
  /** Case-insensitive text search over name, title, owner and system. */
  q?: string;
  sort?: ScorecardSortField;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface ScorecardResponse {
  items: ScorecardRow[];
  /** Rows matching the filter, before paging. */
  totalCount: number;
  /** Rows matching the filter per stage, before paging. */
  totals: Partial<Record<AdoptionStage, number>>;
}

/** Query of `GET /scorecard/history`. */
export interface StageHistoryQuery {
  /** YYYY-MM-DD, inclusive; defaults to 90 days before `to`. */
  from?: string;
  /** YYYY-MM-DD, inclusive; defaults to today. */
  to?: string;
  groupBy?: 'owner' | 'system';
  /** Restrict to one owner or system (entity refs). */
  owner?: string;
  system?: string;
}

export interface StageHistoryPoint {
  day: string;
  /** The owner or system ref when grouped. */
  group?: string;
  counts: Partial<Record<AdoptionStage, number>>;
  /**
   * True when the day was generated by the demo-only back-fill
   * (`serviceMesh.demo.backfillHistoryDays`), not rolled up by a scan.
   */
  demo?: boolean;
}

export interface StageHistoryResponse {
  from: string;
  to: string;
  groupBy?: 'owner' | 'system';
  points: StageHistoryPoint[];
}

/** `GET /clusters`: per-cluster health, for operators. */
export interface ClusterHealth {
  cluster: string;
  type: 'kubernetes' | 'manifests';
  status: 'ok' | 'stale' | 'failed' | 'never-read';
  lastReadAt: string | null;
  lastAttemptAt: string | null;
  objectCount: number | null;
  error?: string;
  warnings: string[];
}

export interface ClusterHealthList {
  items: ClusterHealth[];
}

export const MIGRATION_TASK_STATUSES = [
  'open',
  'in-progress',
  'blocked',
  'done',
  'wont-do',
] as const;

export type MigrationTaskStatus = (typeof MIGRATION_TASK_STATUSES)[number];

/** Statuses of a task that is still to be worked on. */
export const ACTIVE_TASK_STATUSES: readonly MigrationTaskStatus[] = [
  'open',
  'in-progress',
  'blocked',
];

export interface MigrationTaskComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

/** A migration task filed from the portal. */
export interface MigrationTask {
  id: string;
  entityRef: string;
  /** The mesh (or `gateway-api`) the service moves to. */
  target: string;
  title: string;
  /** Markdown: why, and the steps of the migration plan. */
  description: string;
  status: MigrationTaskStatus;
  /** Group (or user) entity ref; defaults to the entity's owner. */
  assignee?: string;
  /** YYYY-MM-DD */
  dueDate?: string;
  /** Increments on every change; updates must send the version they read. */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the scanner closed the task, or on a status change with a note. */
  resolution?: string;
  /** The issue opened in the entity's repository, when that sink is on. */
  externalUrl?: string;
  externalError?: string;
  comments: MigrationTaskComment[];
}

/** `POST /tasks` (send an `Idempotency-Key` header to make retries safe). */
export interface CreateMigrationTaskRequest {
  entityRef: string;
  target: string;
  title?: string;
  description?: string;
  assignee?: string;
  dueDate?: string;
}

/** `PATCH /tasks/:id` */
export interface UpdateMigrationTaskRequest {
  version: number;
  status?: MigrationTaskStatus;
  title?: string;
  description?: string;
  assignee?: string | null;
  dueDate?: string | null;
  /** Why the status changed; kept as the task's resolution. */
  note?: string;
}

/** `POST /tasks/bulk`: one task per matching service, in one transaction. */
export interface BulkCreateMigrationTasksRequest {
  target: string;
  owner?: string;
  system?: string;
  stages?: AdoptionStage[];
  dueDate?: string;
}

export interface BulkCreateMigrationTasksResponse {
  created: MigrationTask[];
  skipped: { entityRef: string; reason: string; taskId?: string }[];
}

export interface MigrationTaskQuery {
  entityRef?: string;
  assignee?: string[];
  status?: MigrationTaskStatus[];
  target?: string;
  offset?: number;
  limit?: number;
}

export interface MigrationTaskList {
  items: MigrationTask[];
  totalCount: number;
}

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

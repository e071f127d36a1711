import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ScanRun } from '@meshwise/backstage-plugin-service-mesh-common';
import { applyDatabaseMigrations, currentSchemaVersion } from './migrations';

type ScanRunRow = {
  id: number | string;
  trigger: string;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  entity_count: number | null;
  assessed_count: number | null;
  clusters: string | null;
  error: string | null;
};

function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return new Date(value).toISOString();
}

/** The plugin's persistence: assessments, history, scan runs and tasks. */
export class ServiceMeshStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ServiceMeshStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyDatabaseMigrations(knex);
    }
    return new ServiceMeshStore(knex);
  }

  readonly #knex: Knex;

  private constructor(knex: Knex) {
    this.#knex = knex;
  }

  /** Which engine the store runs on, as reported by `/health`. */
  databaseEngine(): 'sqlite' | 'postgres' | 'other' {
    const client = String(this.#knex.client.config.client);
    if (client.includes('sqlite')) return 'sqlite';
    if (client === 'pg' || client.includes('postgres')) return 'postgres';
    return 'other';
  }

  async schemaVersion(): Promise<string | null> {
    return currentSchemaVersion(this.#knex);
  }

  async listScanRuns(options: { limit: number }): Promise<ScanRun[]> {
    const rows: ScanRunRow[] = await this.#knex('mesh_scan_runs')
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    return rows.map(row => ({
      id: String(row.id),
      trigger: row.trigger as ScanRun['trigger'],
      status: row.status as ScanRun['status'],
      startedAt: toIso(row.started_at)!,
      finishedAt: toIso(row.finished_at),
      entityCount: row.entity_count,
      assessedCount: row.assessed_count,
      clusters: row.clusters ? JSON.parse(row.clusters) : [],
      error: row.error,
    }));
  }
}

import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AssessmentRepository } from './AssessmentRepository';
import { ClusterResultRepository } from './ClusterResultRepository';
import { HistoryRepository } from './HistoryRepository';
import { applyDatabaseMigrations, currentSchemaVersion } from './migrations';
import { ScanRepository } from './ScanRepository';
import { isPostgres } from './rows';
import { TaskRepository } from './TaskRepository';

/** The plugin's persistence: assessments, history, scan runs and clusters. */
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

  readonly assessments: AssessmentRepository;
  readonly history: HistoryRepository;
  readonly clusterResults: ClusterResultRepository;
  readonly scans: ScanRepository;
  readonly tasks: TaskRepository;
  readonly #knex: Knex;

  private constructor(knex: Knex) {
    this.#knex = knex;
    this.history = new HistoryRepository(knex);
    this.assessments = new AssessmentRepository(knex, this.history);
    this.clusterResults = new ClusterResultRepository(knex);
    this.scans = new ScanRepository(knex);
    this.tasks = new TaskRepository(knex);
  }

  /** Which engine the store runs on, as reported by `/health`. */
  databaseEngine(): 'sqlite' | 'postgres' | 'other' {
    if (String(this.#knex.client.config.client).includes('sqlite'))
      return 'sqlite';
    if (isPostgres(this.#knex)) return 'postgres';
    return 'other';
  }

  /** Runs `fn` in one transaction (e.g. bulk filing of tasks). */
  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.#knex.transaction(fn);
  }

  #schemaVersion?: { value: string | null; readAt: number };

  /**
   * The newest migration applied. Read at most once a minute: `/health`
   * reports it, and a probe must not cost database round trips while a
   * scan keeps the connection pool busy.
   */
  async schemaVersion(): Promise<string | null> {
    const now = Date.now();
    if (!this.#schemaVersion || now - this.#schemaVersion.readAt > 60_000) {
      this.#schemaVersion = {
        value: await currentSchemaVersion(this.#knex),
        readAt: now,
      };
    }
    return this.#schemaVersion.value;
  }
}

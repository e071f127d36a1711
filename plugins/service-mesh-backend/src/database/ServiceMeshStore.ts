import { DatabaseService } from '@backstage/backend-plugin-api';
import { EntityAssessmentResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { Knex } from 'knex';
import { AssessmentRepository } from './AssessmentRepository';
import { ClusterInputsRepository } from './ClusterInputsRepository';
import { ClusterResultRepository } from './ClusterResultRepository';
import { HistoryRepository } from './HistoryRepository';
import { applyDatabaseMigrations, currentSchemaVersion } from './migrations';
import { ScanRepository } from './ScanRepository';
import { isPostgres, lockEntities } from './rows';
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
  readonly clusterInputs: ClusterInputsRepository;
  readonly scans: ScanRepository;
  readonly tasks: TaskRepository;
  readonly #knex: Knex;

  private constructor(knex: Knex) {
    this.#knex = knex;
    this.history = new HistoryRepository(knex);
    this.assessments = new AssessmentRepository(knex, this.history);
    this.clusterResults = new ClusterResultRepository(knex);
    this.clusterInputs = new ClusterInputsRepository(knex);
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

  /**
   * Stores assessments merged from stored parts, each only if its parts are
   * still those it was merged from (`parts`: cluster → the part's
   * workload-level fingerprint). The entities are locked while their parts
   * are read again, as part writes lock them (`lockEntities`), so an
   * assessment merged from older parts never replaces one merged from newer
   * ones, on any replica. Answers the refs stored; the others changed
   * meanwhile and are merged again.
   */
  async saveMerged(
    items: readonly {
      response: EntityAssessmentResponse;
      fingerprint?: string;
      parts: ReadonlyMap<string, string | null>;
    }[],
  ): Promise<Set<string>> {
    const saved = new Set<string>();
    if (items.length === 0) return saved;
    const refs = items.map(item => item.response.entity.entityRef);
    await this.#knex.transaction(async tx => {
      await lockEntities(tx, refs);
      const current = await this.clusterResults.partsOf(refs, tx);
      const fresh = items.filter(item =>
        sameParts(current.get(item.response.entity.entityRef), item.parts),
      );
      const fingerprints = new Map<string, string>();
      for (const item of fresh) {
        saved.add(item.response.entity.entityRef);
        if (item.fingerprint) {
          fingerprints.set(item.response.entity.entityRef, item.fingerprint);
        }
      }
      await this.assessments.save(
        fresh.map(item => item.response),
        fingerprints,
        tx,
      );
    });
    return saved;
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

function sameParts(
  stored: ReadonlyMap<string, string | null> | undefined,
  used: ReadonlyMap<string, string | null>,
): boolean {
  const current = stored ?? new Map<string, string | null>();
  if (current.size !== used.size) return false;
  for (const [cluster, fingerprint] of used) {
    if (!current.has(cluster) || current.get(cluster) !== fingerprint) {
      return false;
    }
  }
  return true;
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { ScanRepository } from '../database/ScanRepository';
import { MeshScanner, runLabel, ScanSummary, ShardWork } from './MeshScanner';
import { scanInstanceId } from './ScanRunLease';
import { allShards, Shard } from './shards';
import { sleep } from './sleep';

export interface ShardQueueOptions {
  scanner: Pick<MeshScanner, 'scanShard' | 'forgetCatalogRead'>;
  scans: ScanRepository;
  logger: LoggerService;
  /** How many shards the clusters are split into (more than one). */
  shards: number;
  /** How often a free replica looks again while shards are under way elsewhere (default 1 s). */
  waitIntervalMs?: number;
  /** This backend instance, as recorded in its claims. */
  owner?: string;
  /** How often a replica scanning a shard shows a sign of life (default 10 s). */
  heartbeatIntervalMs?: number;
  /** A claim without a sign of life for this long is taken over (default 3 heartbeats). */
  staleAfterMs?: number;
}

/**
 * The shards of a scan, as work that replicas pull: the scan asks for every
 * shard (`request`), and each replica takes due shards one at a time
 * (`drain`), the next one as soon as it is free. Each shard is two pieces
 * of work: reading its clusters and storing their parts (`2/4`), and, once
 * every shard's clusters are done, merging its slice of the entities from
 * the stored parts (`merge 2/4`), so that the merges of a first scan, which
 * all wait for the last cluster, are shared out too. A piece is claimed in
 * the store, so no two replicas do it at once; a claim whose replica
 * stopped showing signs of life (killed, out of memory) is taken over by
 * the next replica that looks, which redoes only what was not stored.
 *
 * Why not one scheduled task per shard: Backstage's scheduler has each
 * replica poll its due tasks every few seconds and claim all it finds, so
 * one replica takes every shard that is due at once, and a replica that
 * hands a shard back costs a poll cycle for each; replicas pulling from a
 * queue keep each other busy instead. The scheduler still runs the scan on
 * its schedule (a global task) and each replica's worker (a local task).
 */
export class ShardQueue {
  readonly #options: ShardQueueOptions;
  readonly owner: string;
  readonly #heartbeatMs: number;
  readonly #staleMs: number;

  constructor(options: ShardQueueOptions) {
    this.#options = options;
    this.owner = options.owner ?? scanInstanceId();
    this.#heartbeatMs = options.heartbeatIntervalMs ?? 10_000;
    this.#staleMs = options.staleAfterMs ?? 3 * this.#heartbeatMs;
  }

  /** Asks for a scan of every shard. */
  async request(): Promise<void> {
    const shards = allShards(this.#options.shards);
    await this.#options.scans.requestShards(
      (['clusters', 'entities'] as const).flatMap(work =>
        shards.map(shard => runLabel(shard, work)!),
      ),
      new Date(),
    );
  }

  /**
   * Scans due shards, one at a time, until none is left for this replica
   * (or `signal` aborts: the shard under way stops and stays due).
   * Answers what each run did.
   */
  async drain(signal?: AbortSignal): Promise<ScanSummary[]> {
    // One drain at a time in a process (the scan's task and the worker's):
    // a replica holds one claim.
    if (this.#draining) return [];
    this.#draining = true;
    try {
      return await this.#drain(signal);
    } finally {
      this.#draining = false;
    }
  }

  #draining = false;

  async #drain(signal?: AbortSignal): Promise<ScanSummary[]> {
    const { scans, scanner, logger } = this.#options;
    const summaries: ScanSummary[] = [];
    while (!signal?.aborted) {
      const now = new Date();
      const claim = await scans.claimShard(
        this.owner,
        now,
        new Date(now.getTime() - this.#staleMs),
      );
      if (!claim) {
        // Work under way elsewhere may free more (the merges wait for the
        // last clusters; a dead replica's claim goes stale): look again.
        if (!(await scans.shardsDue())) break;
        await sleep(this.#options.waitIntervalMs ?? 1000, signal);
        continue;
      }
      const label = claim.shard;
      const piece = parseShard(label, this.#options.shards);
      if (!piece) {
        // A shard of another `shards` setting (changed since): done with.
        await scans.releaseShard(label, this.owner, true);
        continue;
      }
      const { shard, work } = piece;
      const timer = setInterval(() => {
        scans
          .heartbeatShard(label, this.owner, new Date())
          .catch(error =>
            logger.warn(
              `Scan shard ${label}: could not record a sign of life: ${error.message}`,
            ),
          );
      }, this.#heartbeatMs);
      timer.unref?.();
      let completed = false;
      try {
        const summary = await scanner.scanShard(
          shard,
          'schedule',
          signal,
          work,
          // The pieces of one scan share a catalog read made since it was asked for.
          { catalogReadSince: claim.requestedAt },
        );
        summaries.push(summary);
        completed = !signal?.aborted;
      } finally {
        clearInterval(timer);
        await scans.releaseShard(label, this.owner, completed);
      }
    }
    scanner.forgetCatalogRead();
    return summaries;
  }
}

/**
 * `2/4` → the clusters of the second of four shards, `merge 2/4` → its
 * entities; undefined for another count.
 */
function parseShard(
  label: string,
  count: number,
): { shard: Shard; work: ShardWork } | undefined {
  const match = /^(merge )?(\d+)\/(\d+)$/.exec(label);
  if (!match || Number(match[3]) !== count) return undefined;
  const index = Number(match[2]) - 1;
  if (index < 0 || index >= count) return undefined;
  return {
    shard: { index, count },
    work: match[1] ? 'entities' : 'clusters',
  };
}

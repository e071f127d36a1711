import { createHash } from 'node:crypto';

/**
 * One shard of the clusters: the scan is one scheduled task per shard, and
 * each cluster belongs to the shard its name hashes to, so the set of tasks
 * is fixed by configuration (`serviceMesh.scan.shards`) and never depends on
 * which clusters are discovered.
 */
export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

/** The one shard of an unsharded scan: every cluster. */
export const WHOLE_SCAN: Shard = { index: 0, count: 1 };

/** The most shards a scan may be split into. */
export const MAX_SHARDS = 256;

/** The id of the scheduled scan; with several shards, the task that asks for them all. */
export const SCAN_TASK_ID = 'service-mesh-scan';

/**
 * The shard a cluster belongs to: the first 32 bits of the SHA-256 of its
 * name, modulo the number of shards. Stable across replicas, restarts and
 * versions (a test pins it), and independent of the other clusters.
 */
export function shardOfCluster(cluster: string, count: number): number {
  if (count <= 1) return 0;
  return keyHash(cluster) % count;
}

function keyHash(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0);
}

/**
 * `shardOfCluster` for many keys (every entity ref, in every merge slice of
 * a scan), each hashed once while the memo is kept.
 */
export function shardMemo(): (key: string, count: number) => number {
  const hashes = new Map<string, number>();
  return (key, count) => {
    if (count <= 1) return 0;
    let hash = hashes.get(key);
    if (hash === undefined) {
      hash = keyHash(key);
      hashes.set(key, hash);
    }
    return hash % count;
  };
}

export function inShard(cluster: string, shard: Shard): boolean {
  return shardOfCluster(cluster, shard.count) === shard.index;
}

/** `2/4` for the second of four shards; null when the scan is not sharded. */
export function shardLabel(shard: Shard): string | null {
  return shard.count > 1 ? `${shard.index + 1}/${shard.count}` : null;
}

/** Every shard of a scan split `count` ways. */
export function allShards(count: number): Shard[] {
  return Array.from({ length: count }, (_, index) => ({ index, count }));
}

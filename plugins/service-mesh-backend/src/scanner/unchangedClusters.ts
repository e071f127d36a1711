import { LoggerService } from '@backstage/backend-plugin-api';
import { sameVersions } from '../clusters/clusterVersions';
import { ClusterSource, ClusterVersions } from '../clusters/types';
import { ClusterState } from './ClusterStateCache';
import {
  ClusterFingerprints,
  parseClusterFingerprints,
  serializeClusterFingerprints,
} from './inputFingerprints';
import { ScannedEntity } from './scanTypes';
import { ClusterPartsDeps, partsUnchanged } from './storeClusterParts';

/**
 * A cluster found unchanged since its last full read: the versions of its
 * objects are those stored with that read, and every entity's stored part
 * stands on the fingerprints computed from it.
 */
export interface UnchangedRead {
  versions: ClusterVersions;
  fingerprints: ClusterFingerprints;
  /** When the versions were read. */
  readAt: Date;
  /** The entities' parts found unchanged. */
  partCount: number;
}

/**
 * Reads only the versions of a cluster's objects (`readVersions`: metadata
 * lists, a fraction of a full read) and answers whether the cluster can be
 * taken as read without its objects: the same objects as at its last full
 * read, with the same scanner, and no entity whose part needs them.
 * `undefined` otherwise, and whenever anything fails: the full read then
 * says what is wrong and keeps the last good state.
 */
export async function readIfUnchanged(
  deps: ClusterPartsDeps & { logger: LoggerService },
  source: ClusterSource,
  entities: readonly ScannedEntity[],
): Promise<UnchangedRead | undefined> {
  if (!source.readVersions) return undefined;
  const stored = await deps.store.clusterInputs.load(source.name);
  if (!stored || stored.scanner !== deps.scannerFingerprint) return undefined;
  let versions: ClusterVersions;
  try {
    versions = await source.readVersions(stored.versions);
  } catch (error) {
    deps.logger.debug(
      `Cluster ${source.name}: the versions of its objects could not be read (${
        (error as Error).message
      }); reading it in full`,
    );
    return undefined;
  }
  const readAt = new Date();
  if (!sameVersions(versions, stored.versions)) return undefined;
  const fingerprints = parseClusterFingerprints(stored.fingerprints);
  const partCount = await partsUnchanged(
    deps,
    source.name,
    fingerprints,
    entities,
  );
  if (partCount === undefined) return undefined;
  return { versions, fingerprints, readAt, partCount };
}

/**
 * Stores what a whole read of a cluster held (the versions of its objects)
 * with the fingerprints computed from it, once its parts are stored: the
 * next scan, on any replica, compares against them.
 */
export async function storeClusterInputs(
  deps: ClusterPartsDeps,
  state: ClusterState,
): Promise<void> {
  const { versions, fingerprints, readAt } = state;
  if (!versions || !fingerprints || !readAt) return;
  await deps.store.clusterInputs.save(state.source.name, {
    scanner: deps.scannerFingerprint,
    versions,
    fingerprints: serializeClusterFingerprints(fingerprints),
    readAt,
  });
}

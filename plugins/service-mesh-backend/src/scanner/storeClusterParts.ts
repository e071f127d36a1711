import { ReadinessTargetMesh } from '@meshwise/backstage-plugin-service-mesh-common';
import { prepareWorkloadSelectionInSteps } from '@meshwise/mesh-engine';
import { PartChanges, PartInputs } from '../database/ClusterResultRepository';
import { chunks } from '../database/rows';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { clusterPartSteps, hangsOnUnreadableKinds } from './assessEntity';
import { ClusterState } from './ClusterStateCache';
import {
  partFingerprint,
  workloadPartFingerprintInSteps,
} from './inputFingerprints';
import {
  LOOKUP_BATCH,
  Progress,
  ScannedEntity,
  ScanStopped,
  StoreBatch,
} from './scanTypes';
import { runInSlices, timeSlicer } from './yieldToEventLoop';

/** What storing a cluster's parts depends on, from the scanner. */
export interface ClusterPartsDeps {
  store: ServiceMeshStore;
  targetMesh?: ReadinessTargetMesh;
  /** The scanner's part of every fingerprint: its configuration and versions. */
  scannerFingerprint: string;
  /** How much is stored at once, for this database. */
  storeBatch: StoreBatch;
  /** How old a stored part may be and still be kept as unchanged. */
  reassessAfterMs: number;
}

export interface StorePartsOptions {
  stop?: AbortSignal;
  force?: boolean;
  /** Gets the refs whose part was stored or removed. */
  changed?: Set<string>;
}

/**
 * Computes and stores the entities' parts of a cluster in memory: for
 * each, unchanged by namespace (nothing built), else unchanged by
 * workload (the cluster's workloads built, in slices), else assessed.
 * Stored a batch at a time (`deps.storeBatch`), with requests served between.
 */
export async function storeClusterParts(
  deps: ClusterPartsDeps,
  state: ClusterState,
  entities: readonly ScannedEntity[],
  progress: Progress,
  options: StorePartsOptions,
): Promise<void> {
  const { store, targetMesh } = deps;
  const cluster = state.source.name;
  const index = state.index!;
  const fingerprints = state.fingerprints!;
  const scanner = deps.scannerFingerprint;
  const limit = deps.storeBatch;
  const relevant = entities.filter(
    ({ selector }) =>
      selector.configured &&
      (!selector.cluster || selector.cluster === cluster),
  );
  const pause = timeSlicer();
  const now = Date.now();
  const maxAgeMs = deps.reassessAfterMs;
  const empty = (): PartChanges => ({ upserts: [], deletes: [], inputs: [] });
  for (const batch of chunks(relevant, LOOKUP_BATCH)) {
    if (options.stop?.aborted) throw new ScanStopped();
    const stored: Map<string, PartInputs> = await store.clusterResults.inputsIn(
      cluster,
      batch.map(entity => entity.ref),
    );
    const changes = empty();
    let workloads = 0;
    const flush = async () => {
      await store.clusterResults.write(cluster, changes, new Date());
      for (const part of changes.upserts) options.changed?.add(part.entityRef);
      for (const ref of changes.deletes) options.changed?.add(ref);
      Object.assign(changes, empty());
      workloads = 0;
      await pause();
    };
    for (const { ref, selector } of batch) {
      await pause();
      if (!selector.configured) continue;
      const previous = stored.get(ref);
      const gone = () => {
        if (previous) {
          changes.deletes.push(ref);
          progress.partsAssessed += 1;
        } else progress.partsUnchanged += 1;
      };
      const partOptions = {
        scanner,
        cluster,
        index,
        fingerprints,
        labelSelector: selector.labelSelector,
        namespace: selector.namespace,
      };
      let inputs: string | undefined;
      try {
        inputs = partFingerprint(partOptions);
      } catch {
        // A malformed selector has no part; its assessment says why.
        gone();
        continue;
      }
      if (inputs === undefined) {
        gone();
        continue;
      }
      // Unchanged, unless old enough to be assessed again anyway.
      const recent =
        !options.force &&
        previous !== undefined &&
        now - previous.assessedAt.getTime() < maxAgeMs;
      if (recent && previous.inputs === inputs) {
        progress.partsUnchanged += 1;
        continue;
      }
      await runInSlices(prepareWorkloadSelectionInSteps(index), pause);
      const workloadInputs = await runInSlices(
        workloadPartFingerprintInSteps(partOptions),
        pause,
      );
      if (workloadInputs === undefined) {
        gone();
        continue;
      }
      if (recent && previous.workloadInputs === workloadInputs) {
        // Its namespaces changed, not its workloads: so noted, so the
        // next scan finds it unchanged without building anything.
        changes.inputs.push({ entityRef: ref, inputs, workloadInputs });
        progress.partsUnchanged += 1;
        continue;
      }
      let part = await runInSlices(
        clusterPartSteps(selector, index, targetMesh),
        pause,
      );
      if (!part) {
        gone();
        continue;
      }
      if (previous && hangsOnUnreadableKinds(part)) {
        // A missing permission does not move a stored stage.
        const before = (await store.clusterResults.load([ref], [cluster]))
          .get(ref)
          ?.get(cluster);
        if (before) part = before;
      }
      changes.upserts.push({
        entityRef: ref,
        cluster,
        assessment: part,
        inputs,
        workloadInputs,
      });
      progress.partsAssessed += 1;
      workloads += part.workloads.length;
      if (
        changes.upserts.length >= limit.entities ||
        workloads >= limit.workloads
      ) {
        await flush();
      }
    }
    await flush();
  }
}

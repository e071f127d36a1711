import { ReadinessTargetMesh } from '@meshwise/backstage-plugin-service-mesh-common';
import { prepareWorkloadSelectionInSteps } from '@meshwise/mesh-engine';
import { PartChanges, PartInputs } from '../database/ClusterResultRepository';
import { chunks } from '../database/rows';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { clusterPartSteps, hangsOnUnreadableKinds } from './assessEntity';
import { ClusterState } from './ClusterStateCache';
import {
  ClusterFingerprints,
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
  const relevant = relevantTo(cluster, entities);
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
      const verdict = namespaceVerdict(partOptions, previous, {
        now,
        maxAgeMs,
        force: options.force,
      });
      if (verdict.kind === 'gone') {
        gone();
        continue;
      }
      if (verdict.kind === 'unchanged') {
        progress.partsUnchanged += 1;
        continue;
      }
      const { inputs, recent } = verdict;
      await runInSlices(prepareWorkloadSelectionInSteps(index), pause);
      const workloadInputs = await runInSlices(
        workloadPartFingerprintInSteps(partOptions),
        pause,
      );
      if (workloadInputs === undefined) {
        gone();
        continue;
      }
      if (recent && previous?.workloadInputs === workloadInputs) {
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

/**
 * What comparing an entity's part by namespace tells, before anything is
 * built: unchanged; gone (its selector matches no namespace there, or is
 * malformed: its assessment says why); or changed, with its new fingerprint
 * and whether the stored part is recent enough to be kept if its workloads
 * turn out unchanged.
 */
type NamespaceVerdict =
  | { kind: 'unchanged' }
  | { kind: 'gone' }
  | { kind: 'changed'; inputs: string; recent: boolean };

function namespaceVerdict(
  partOptions: Parameters<typeof partFingerprint>[0],
  previous: PartInputs | undefined,
  options: { now: number; maxAgeMs: number; force?: boolean },
): NamespaceVerdict {
  let inputs: string | undefined;
  try {
    inputs = partFingerprint(partOptions);
  } catch {
    return { kind: 'gone' };
  }
  if (inputs === undefined) return { kind: 'gone' };
  // Unchanged, unless old enough to be assessed again anyway.
  const recent =
    !options.force &&
    previous !== undefined &&
    options.now - previous.assessedAt.getTime() < options.maxAgeMs;
  if (recent && previous.inputs === inputs) return { kind: 'unchanged' };
  return { kind: 'changed', inputs, recent };
}

/**
 * Whether every entity's stored part of a cluster stands as it is, from the
 * cluster's fingerprints alone (no objects in memory): each is unchanged by
 * namespace, or has no part there and had none. Answers how many parts that
 * is, or `undefined` when one needs the cluster's objects (its inputs
 * changed, it is due to be assessed again, or it is to be removed).
 */
export async function partsUnchanged(
  deps: ClusterPartsDeps,
  cluster: string,
  fingerprints: ClusterFingerprints,
  entities: readonly ScannedEntity[],
): Promise<number | undefined> {
  const relevant = relevantTo(cluster, entities);
  const pause = timeSlicer();
  const now = Date.now();
  for (const batch of chunks(relevant, LOOKUP_BATCH)) {
    const stored = await deps.store.clusterResults.inputsIn(
      cluster,
      batch.map(entity => entity.ref),
    );
    for (const { ref, selector } of batch) {
      await pause();
      if (!selector.configured) continue;
      const previous = stored.get(ref);
      const verdict = namespaceVerdict(
        {
          scanner: deps.scannerFingerprint,
          cluster,
          fingerprints,
          labelSelector: selector.labelSelector,
          namespace: selector.namespace,
        },
        previous,
        { now, maxAgeMs: deps.reassessAfterMs },
      );
      const standing =
        verdict.kind === 'unchanged' ||
        (verdict.kind === 'gone' && previous === undefined);
      if (!standing) return undefined;
    }
  }
  return relevant.length;
}

/** The entities whose selector may pick workloads in the cluster. */
function relevantTo(
  cluster: string,
  entities: readonly ScannedEntity[],
): ScannedEntity[] {
  return entities.filter(
    ({ selector }) =>
      selector.configured &&
      (!selector.cluster || selector.cluster === cluster),
  );
}

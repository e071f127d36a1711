import { Entity } from '@backstage/catalog-model';
import {
  EntityMeshRecommendation,
  MeshKnowledgeBase,
  ReadinessTargetMesh,
  readEntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ClusterIndex,
  controlPlaneFacts,
  ENGINE_VERSION,
  groupKindOfObject,
  KUBE_GROUP_KINDS,
  KubeObject,
  LabelSelector,
  matchesLabelSelector,
  parseLabelSelector,
  runSteps,
  selectWorkloads,
  Steps,
  Workload,
} from '@meshwise/mesh-engine';
import { createHash, Hash } from 'node:crypto';
import { toAssessedEntity } from './catalogEntities';

/**
 * Fingerprints of what an assessment is computed from, so a scan skips an
 * entity whose inputs did not change since its stored assessment.
 *
 * What the engine reads of a cluster, and so what a fingerprint covers:
 * - a workload is built from objects of its own namespace only (its
 *   controller, its pods, the Services selecting it, its ServiceAccount and
 *   its Namespace object: `LOCAL_KINDS`, hashed per namespace); its checks
 *   read, of these kinds, only that namespace's Services besides;
 * - everything else (mesh and Gateway API resources, whichever namespace
 *   they are in, ConfigMaps, Nodes, CRDs) may be read for any workload of
 *   the cluster: hashed together as the cluster's global part, with the
 *   kinds that could not be listed;
 * - the control plane's own workloads (istiod, the CNI and ztunnel
 *   DaemonSets, Linkerd's proxies), read across namespaces through
 *   `controlPlaneFacts`: the facts it derives are hashed into the global
 *   part.
 * `inputFingerprints.test.ts` holds the engine to this on the demo cluster:
 * it traces every read of the index while each workload is assessed, and
 * changes one namespace (or one workload) at a time to check that nothing
 * outside it moves.
 *
 * An entity's part in a cluster is fingerprinted at two levels:
 * - by namespace (`partFingerprint`): the global part and the namespaces
 *   where its selector may match workloads, found from the objects' labels
 *   without building any workload. Comparing it costs nothing beyond
 *   hashing the read, so an unchanged cluster is never worked on further;
 * - by workload (`workloadPartFingerprint`), when the first one differs:
 *   the workloads it selects, each with what its assessment reads, so a
 *   change to another service of the same namespace does not count.
 * Both are stored with the part. The entity's assessment as a whole, merged
 * from its parts, is fingerprinted by its configuration, the fingerprints
 * of its parts and its clusters' freshness (`entityFingerprint`).
 *
 * A fingerprint changes whenever one of these changes, even when the result
 * would not: conservative, never wrong. What the engine never reads is left
 * out (`metadata.resourceVersion`, which the API server bumps on every status
 * update, and what the cluster source drops: status, managed fields).
 */

/**
 * Bump when the scanner assembles assessments differently (this package's
 * `assessEntity`, `mergeAssessments`): every stored fingerprint is then
 * outdated and the next scan assesses everything again. The engine's own
 * changes are covered by its `ENGINE_VERSION`.
 */
export const FINGERPRINT_FORMAT = 1;

/** Kinds read only for workloads of their own namespace. */
const LOCAL_KINDS: ReadonlySet<string> = new Set([
  KUBE_GROUP_KINDS.pod,
  KUBE_GROUP_KINDS.deployment,
  KUBE_GROUP_KINDS.replicaSet,
  KUBE_GROUP_KINDS.statefulSet,
  KUBE_GROUP_KINDS.daemonSet,
  KUBE_GROUP_KINDS.job,
  KUBE_GROUP_KINDS.cronJob,
  KUBE_GROUP_KINDS.replicationController,
  KUBE_GROUP_KINDS.service,
  KUBE_GROUP_KINDS.serviceAccount,
]);

/**
 * Kinds a workload is built from, with where their pod template is: a
 * workload's own labels and its template labels are those of one of these
 * objects (a controller, or a pod standing for itself or its controller).
 */
const WORKLOAD_TEMPLATE_PATHS: ReadonlyMap<string, readonly string[][]> =
  new Map([
    [KUBE_GROUP_KINDS.pod, []],
    [KUBE_GROUP_KINDS.deployment, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.statefulSet, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.daemonSet, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.replicaSet, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.replicationController, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.job, [['spec', 'template']]],
    [KUBE_GROUP_KINDS.cronJob, [['spec', 'jobTemplate', 'spec', 'template']]],
  ]);

/** Kinds hashed per namespace; the rest is the cluster's global part. */
export function isNamespaceLocal(groupKind: string): boolean {
  return LOCAL_KINDS.has(groupKind) || groupKind === KUBE_GROUP_KINDS.namespace;
}

/** The inputs of one cluster's read, by what they can affect. */
export interface ClusterFingerprints {
  /** Objects any workload of the cluster may depend on. */
  global: string;
  /** Objects of each namespace that only its workloads depend on. */
  namespaces: ReadonlyMap<string, string>;
  /** Where a selector can match workloads (`candidateNamespaces`). */
  labels: WorkloadLabels;
}

/** The labels of a workload-kind object: its own, or its pod template's. */
interface Labelled {
  namespace: string;
  labels: Record<string, string>;
}

/**
 * The label sets of the objects workloads are built from, by label pair:
 * enough to tell which namespaces may hold a workload a selector matches,
 * without building the workloads (which only an assessment needs).
 */
export interface WorkloadLabels {
  byPair: Map<string, Labelled[]>;
  all: Labelled[];
}

/** Labels as the engine reads them: scalar values as strings. */
function labelMap(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) result[key] = '';
    else if (typeof entry === 'string') result[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') {
      result[key] = String(entry);
    }
  }
  return result;
}

function pathOf(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Adds an object's label sets (replicas sharing one labels object, once). */
function addLabels(
  into: WorkloadLabels,
  seen: WeakSet<object>,
  unlabelled: Set<string>,
  object: KubeObject,
  templatePaths: readonly string[][],
): void {
  const namespace = object.metadata.namespace ?? 'default';
  const sets = [
    object.metadata.labels,
    ...templatePaths.map(path =>
      pathOf(object, [...path, 'metadata', 'labels']),
    ),
  ];
  for (const raw of sets) {
    if (raw !== null && typeof raw === 'object') {
      if (seen.has(raw)) continue;
      seen.add(raw);
    }
    const labels = labelMap(raw) ?? {};
    const pairs = Object.entries(labels);
    if (pairs.length === 0) {
      // A selector of only `!key` or `notin` requirements matches no labels.
      if (unlabelled.has(namespace)) continue;
      unlabelled.add(namespace);
    }
    addLabelled(into, { namespace, labels });
  }
}

function addLabelled(into: WorkloadLabels, entry: Labelled): void {
  into.all.push(entry);
  for (const [key, value] of Object.entries(entry.labels)) {
    const pair = `${key}=${value}`;
    const list = into.byPair.get(pair);
    if (list) list.push(entry);
    else into.byPair.set(pair, [entry]);
  }
}

/** `ClusterFingerprints` as stored (`mesh_cluster_inputs`), label sets once each. */
export function serializeClusterFingerprints(
  fingerprints: ClusterFingerprints,
): string {
  const labels = new Set(
    fingerprints.labels.all.map(({ namespace, labels: set }) =>
      JSON.stringify([namespace, set]),
    ),
  );
  return `{"global":${JSON.stringify(
    fingerprints.global,
  )},"namespaces":${JSON.stringify([...fingerprints.namespaces])},"labels":[${[
    ...labels,
  ].join(',')}]}`;
}

/** The inverse of `serializeClusterFingerprints`. */
export function parseClusterFingerprints(text: string): ClusterFingerprints {
  const stored = JSON.parse(text) as {
    global: string;
    namespaces: [string, string][];
    labels: [string, Record<string, string>][];
  };
  const labels: WorkloadLabels = { byPair: new Map(), all: [] };
  for (const [namespace, set] of stored.labels) {
    addLabelled(labels, { namespace, labels: set });
  }
  return {
    global: stored.global,
    namespaces: new Map(stored.namespaces),
    labels,
  };
}

/**
 * The namespaces where a selector may match workloads: those with an
 * object of a workload kind whose own or template labels it matches. Every
 * workload it matches is in one of them (a workload's labels are those of
 * such an object); some may hold none (a pod's labels alone matching).
 * Throws on a malformed selector.
 */
export function candidateNamespaces(
  labels: WorkloadLabels,
  labelSelector: string,
  namespace?: string,
): string[] {
  const selector = parseLabelSelector(labelSelector);
  const found = new Set<string>();
  for (const entry of narrowest(selector, labels) ?? labels.all) {
    if (namespace !== undefined && entry.namespace !== namespace) continue;
    if (found.has(entry.namespace)) continue;
    if (matchesLabelSelector(selector, entry.labels))
      found.add(entry.namespace);
  }
  return [...found].sort();
}

/** The fewest candidates an `In` requirement allows, if any narrows them. */
function narrowest(
  selector: LabelSelector,
  labels: WorkloadLabels,
): Labelled[] | undefined {
  let best: Labelled[] | undefined;
  for (const requirement of selector.requirements) {
    if (requirement.operator !== 'In') continue;
    const candidates = requirement.values.flatMap(
      value => labels.byPair.get(`${requirement.key}=${value}`) ?? [],
    );
    if (!best || candidates.length < best.length) best = candidates;
  }
  return best;
}

function digest(hash: Hash): string {
  return hash.digest('base64');
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Objects hashed between two steps of `clusterFingerprintsInSteps`. */
const OBJECTS_PER_STEP = 256;

/**
 * The fingerprints of a cluster's index, in steps (hashing tens of
 * thousands of objects takes a while). The replicas of a workload share
 * their spec, labels and annotations (`compactPod`): each shared part is
 * hashed once.
 */
export function* clusterFingerprintsInSteps(
  index: ClusterIndex,
): Steps<ClusterFingerprints> {
  const part = sharedParts(index);
  const global = createHash('sha256');
  const namespaces = new Map<string, Hash>();
  const labels: WorkloadLabels = { byPair: new Map(), all: [] };
  const seenLabels = new WeakSet<object>();
  const unlabelled = new Set<string>();
  const objects = index.objects;
  for (let at = 0; at < objects.length; at++) {
    const object = objects[at];
    const groupKind = groupKindOfObject(object);
    const templatePaths = WORKLOAD_TEMPLATE_PATHS.get(groupKind);
    if (templatePaths) {
      addLabels(labels, seenLabels, unlabelled, object, templatePaths);
    }
    const text = `${groupKind}\u0000${object.metadata.namespace ?? ''}\u0000${
      object.metadata.name
    }\u0000${objectText(object, part)}\n`;
    const namespace =
      groupKind === KUBE_GROUP_KINDS.namespace
        ? object.metadata.name
        : object.metadata.namespace;
    if (namespace !== undefined && isNamespaceLocal(groupKind)) {
      let hash = namespaces.get(namespace);
      if (!hash) {
        hash = createHash('sha256');
        namespaces.set(namespace, hash);
      }
      hash.update(text);
    } else {
      global.update(text);
    }
    if ((at + 1) % OBJECTS_PER_STEP === 0) yield;
  }
  global.update(`unreadable\u0000${index.unreadableKinds.join(',')}\n`);
  global.update(
    `control-plane\u0000${JSON.stringify(
      controlPlaneFacts(index),
      (key, value) => (key === 'resourceVersion' ? undefined : value),
    )}\n`,
  );
  yield;
  return {
    global: digest(global),
    namespaces: new Map(
      [...namespaces].map(([namespace, hash]) => [namespace, digest(hash)]),
    ),
    labels,
  };
}

/**
 * The hash of a value several objects share (the spec of a workload's
 * replicas), computed once per index while its memos last.
 */
function sharedParts(index: ClusterIndex): (value: unknown) => string {
  const shared = index.memo(
    'meshwise:shared-digests',
    () => new WeakMap<object, string>(),
  );
  return (value: unknown): string => {
    if (value === undefined) return '-';
    if (value === null || typeof value !== 'object') {
      return JSON.stringify(value);
    }
    let known = shared.get(value);
    if (known === undefined) {
      known = sha(JSON.stringify(value));
      shared.set(value, known);
    }
    return known;
  };
}

/**
 * An object as hashed: everything but `metadata.resourceVersion`. A pod's
 * labels, annotations, owner references and spec, which its replicas share
 * (`compactPod`), by the hash of their value, computed once for them all.
 */
function objectText(
  object: KubeObject,
  part: (value: unknown) => string,
): string {
  const { metadata, ...rest } = object;
  if (object.kind !== 'Pod') {
    const { resourceVersion: _resourceVersion, ...meta } = metadata;
    return `${JSON.stringify(rest)}\u0000${JSON.stringify(meta)}`;
  }
  const { spec, ...others } = rest;
  const {
    resourceVersion: _resourceVersion,
    labels,
    annotations,
    ownerReferences,
    ...meta
  } = metadata;
  return `${JSON.stringify(others)}\u0000${JSON.stringify(meta)}\u0000${part(
    labels,
  )}\u0000${part(annotations)}\u0000${part(ownerReferences)}\u0000${part(
    spec,
  )}`;
}

/** What every assessment of a scanner depends on besides the entity and the clusters. */
export function scannerFingerprint(options: {
  targetMesh?: ReadinessTargetMesh;
  recommendation: EntityMeshRecommendation[];
  knowledgeBase: MeshKnowledgeBase;
  /** This package's version. */
  version: string;
}): string {
  return sha(
    JSON.stringify({
      format: FINGERPRINT_FORMAT,
      engine: ENGINE_VERSION,
      backend: options.version,
      targetMesh: options.targetMesh ?? null,
      recommendation: options.recommendation,
      knowledgeBase: options.knowledgeBase,
    }),
  );
}

/** The parts of a catalog entity the scanner reads: its facts and its selector. */
export function entityConfigFingerprint(entity: Entity): string {
  return sha(
    JSON.stringify([
      toAssessedEntity(entity),
      readEntityWorkloadSelector(entity),
    ]),
  );
}

/**
 * The fingerprint of one cluster's part of an entity's assessment: the
 * namespaces where its selector may match workloads and everything their
 * workloads are assessed from (those namespaces' objects and the cluster's
 * global ones). `undefined` when no namespace may hold one: the entity then
 * has no part there, whatever else the cluster holds. Throws on a malformed
 * selector, as the assessment does.
 */
export function partFingerprint(options: {
  scanner: string;
  cluster: string;
  fingerprints: ClusterFingerprints;
  labelSelector: string;
  namespace?: string;
}): string | undefined {
  const { fingerprints } = options;
  const namespaces = candidateNamespaces(
    fingerprints.labels,
    options.labelSelector,
    options.namespace,
  );
  if (namespaces.length === 0) return undefined;
  return sha(
    JSON.stringify([
      options.scanner,
      options.cluster,
      options.labelSelector,
      options.namespace ?? null,
      fingerprints.global,
      namespaces.map(namespace => [
        namespace,
        fingerprints.namespaces.get(namespace) ?? null,
      ]),
    ]),
  );
}

/**
 * What one workload's assessment reads of its namespace (the traced test of
 * `inputFingerprints.test.ts` holds the engine to it): its own object, the
 * pods it was given (by owner or by selector), its ServiceAccount and
 * Namespace objects, and the namespace's Services (those selecting it, and
 * the ExternalName ones of its app).
 */
export function workloadInputsDigest(
  index: ClusterIndex,
  workload: Workload,
): string {
  return index.memo(`meshwise:workload-inputs:${workload.id}`, () => {
    const part = sharedParts(index);
    const text = (object: KubeObject | undefined) =>
      object ? objectText(object, part) : null;
    const services = index.memo(
      `meshwise:namespace-services:${workload.namespace}`,
      () =>
        sha(
          index
            .list(KUBE_GROUP_KINDS.service, workload.namespace)
            .map(service => objectText(service, part))
            .join('\n'),
        ),
    );
    return sha(
      JSON.stringify([
        workload.id,
        text(workload.object),
        workload.pods.map(pod => text(pod.object)),
        text(workload.serviceAccount),
        text(workload.namespaceObject),
        services,
      ]),
    );
  });
}

/**
 * The fingerprint of one cluster's part at the level of workloads: the
 * workloads the selector matches, each with what its assessment reads, and
 * the cluster's global objects. A change elsewhere in their namespaces
 * (another service's pods) leaves it as it was. Needs the index's workloads
 * (`prepareWorkloadSelectionInSteps`); `undefined` when none matches.
 */
export function workloadPartFingerprint(
  options: PartOptions,
): string | undefined {
  return runSteps(workloadPartFingerprintInSteps(options));
}

interface PartOptions {
  scanner: string;
  cluster: string;
  index: ClusterIndex;
  fingerprints: ClusterFingerprints;
  labelSelector: string;
  namespace?: string;
}

/**
 * `workloadPartFingerprint` in steps, one per workload: a service of
 * hundreds of workloads of hundreds of pods is hashed between requests.
 */
export function* workloadPartFingerprintInSteps(
  options: PartOptions,
): Steps<string | undefined> {
  const { index } = options;
  const workloads = selectWorkloads(index, {
    labelSelector: options.labelSelector,
    namespace: options.namespace,
  });
  if (workloads.length === 0) return undefined;
  const digests: string[][] = [];
  for (const workload of workloads) {
    digests.push([workload.id, workloadInputsDigest(index, workload)]);
    yield;
  }
  return sha(
    JSON.stringify([
      'workloads',
      options.scanner,
      options.cluster,
      options.labelSelector,
      options.namespace ?? null,
      options.fingerprints.global,
      digests.sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    ]),
  );
}

/** What an entity's assessment as a whole is computed from. */
export function entityFingerprint(options: {
  scanner: string;
  /** `entityConfigFingerprint` of the entity. */
  entity: string;
  /** Each cluster the entity may have workloads in, in the configured order. */
  clusters: {
    cluster: string;
    /** The freshness shown with the assessment, but the time of the read. */
    read: boolean;
    stale: boolean;
    staleReason?: string;
    /** Whether the cluster's parts are known. */
    data: boolean;
    /** The workload-level fingerprint of its part; `undefined`: no workload of the entity there. */
    part?: string;
  }[];
}): string {
  return sha(
    JSON.stringify([
      'entity',
      options.scanner,
      options.entity,
      options.clusters.map(c => [
        c.cluster,
        c.read,
        c.stale,
        c.staleReason ?? null,
        c.data,
        c.part ?? null,
      ]),
    ]),
  );
}

import { asRecord, JsonRecord } from './access';
import { controllerRef, KubeObject } from './kubeObject';

/**
 * Returns an earlier value of the same group equal to the one given (or the
 * value itself the first time), so that equal parts of many objects are held
 * once.
 */
export type ShareValue = <T>(value: T, group: string) => T;

/**
 * Shares equal JSON values within a group (the replicas of one workload:
 * same controller, same template hash), which have the same spec, labels
 * and annotations; it keeps one copy per workload instead of one per pod.
 * Values are compared with the few earlier ones of their group, not
 * serialised. Use one instance per read of a cluster and drop it afterwards.
 */
const MAX_VARIANTS = 8;

export function createValueSharing(): ShareValue {
  const groups = new Map<string, unknown[]>();
  return <T>(value: T, group: string): T => {
    if (value === null || typeof value !== 'object') return value;
    const earlier = groups.get(group);
    if (!earlier) {
      groups.set(group, [value]);
      return value;
    }
    const same = earlier.find(candidate => jsonEqual(candidate, value));
    if (same !== undefined) return same as T;
    // A group whose members all differ is not worth comparing against.
    if (earlier.length < MAX_VARIANTS) earlier.push(value);
    return value;
  };
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object'
  )
    return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.prototype.hasOwnProperty.call(left, key)) continue;
    if (!jsonEqual(left[key], right[key])) return false;
    count += 1;
  }
  // Same values for every key of a and as many keys: the same key sets,
  // unless b has an explicit undefined, which JSON does not.
  return count === Object.keys(right).length;
}

// What the engine reads of a live pod: the pod spec view (`readPodSpec`),
// ownership and the template labels (`listWorkloads`), the phase and IP, and
// the control-plane annotations. A test keeps this in step with `readPodSpec`.
// The spec is shared whole: replicas differ in volumes and node, not in it.
const METADATA_FIELDS = [
  'name',
  'namespace',
  'uid',
  'labels',
  'annotations',
  'ownerReferences',
  'creationTimestamp',
];
const SPEC_FIELDS = [
  'hostNetwork',
  'securityContext',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
];
const CONTAINER_FIELDS = [
  'name',
  'image',
  'restartPolicy',
  'ports',
  'securityContext',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'command',
  'args',
];
const STATUS_FIELDS = ['phase', 'podIP', 'podIPs', 'startTime'];

/**
 * A live pod reduced to what the engine reads of it, with equal parts shared
 * through `share`. The scanner keeps every pod of every cluster between scans;
 * volumes, volume mounts, resources, scheduling fields, `env[].valueFrom` and
 * most of the status are the bulk of a pod and nothing reads them.
 */
export function compactPod(
  pod: KubeObject,
  share: ShareValue = value => value,
): KubeObject {
  const metadata = pick(pod.metadata, METADATA_FIELDS);
  const group = replicaGroup(pod);
  for (const field of ['labels', 'annotations', 'ownerReferences']) {
    if (metadata[field] !== undefined) {
      metadata[field] = share(metadata[field], `${group}\u0000${field}`);
    }
  }
  const compact: JsonRecord = {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata,
  };
  const spec = asRecord(pod.spec);
  if (spec) {
    const kept = pick(spec, SPEC_FIELDS);
    for (const field of ['containers', 'initContainers']) {
      if (Array.isArray(spec[field])) {
        kept[field] = (spec[field] as unknown[]).map(compactContainer);
      }
    }
    compact.spec = share(kept, `${group}\u0000spec`);
  }
  const status = asRecord(pod.status);
  if (status) compact.status = pick(status, STATUS_FIELDS);
  return compact as KubeObject;
}

/** Pods of one controller and template revision are replicas of each other. */
function replicaGroup(pod: KubeObject): string {
  const { namespace, labels } = pod.metadata;
  const owner = controllerRef(pod);
  const revision =
    labels?.['pod-template-hash'] ?? labels?.['controller-revision-hash'] ?? '';
  return owner
    ? `${namespace}\u0000${owner.kind}/${owner.name}\u0000${revision}`
    : `${namespace}\u0000${pod.metadata.name}`;
}

/**
 * A ReplicaSet whose Deployment is in the same input folds into that
 * Deployment (`listWorkloads`): only its ownership and selector are read, not
 * its pod template. Clusters keep up to ten old ReplicaSets per Deployment
 * (`revisionHistoryLimit`), each with a whole template.
 */
export function compactOwnedReplicaSet(replicaSet: KubeObject): KubeObject {
  const spec = asRecord(replicaSet.spec);
  return {
    apiVersion: replicaSet.apiVersion,
    kind: replicaSet.kind,
    metadata: replicaSet.metadata,
    ...(spec ? { spec: pick(spec, ['selector', 'replicas']) } : {}),
  };
}

function compactContainer(container: unknown): unknown {
  const record = asRecord(container);
  if (!record) return container;
  const kept = pick(record, CONTAINER_FIELDS);
  if (Array.isArray(record.env)) {
    // Only literal values are read; `valueFrom` differs per pod (its name, IP).
    kept.env = record.env.map(variable => {
      const entry = asRecord(variable);
      return entry && entry.value !== undefined
        ? { name: entry.name, value: entry.value }
        : { name: entry?.name };
    });
  }
  return kept;
}

function pick(record: JsonRecord, fields: string[]): JsonRecord {
  const kept: JsonRecord = {};
  for (const field of fields) {
    if (record[field] !== undefined) kept[field] = record[field];
  }
  return kept;
}

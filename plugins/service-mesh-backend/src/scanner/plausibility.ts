import { KubeObject } from '@meshwise/mesh-engine';

/** Below this many objects a drop says little (a small demo cluster). */
const MIN_BASELINE = 10;

/** Controllers whose pods a healthy cluster lists. */
const POD_OWNERS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
];

/** Objects per kind of one read: the baseline the next read is compared with. */
export function countKinds(
  objects: readonly KubeObject[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of objects)
    counts[object.kind] = (counts[object.kind] ?? 0) + 1;
  return counts;
}

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

/**
 * Why a read looks implausible next to the cluster's last good read, or
 * undefined when it does not. A cluster that suddenly lists nothing, loses
 * every pod while its controllers remain, or loses more than `maxDropShare`
 * of its objects is more likely misread (a broken proxy, a half-restored
 * etcd, an RBAC change) than emptied.
 */
export function implausibleDrop(
  baseline: Record<string, number> | undefined,
  current: Record<string, number>,
  maxDropShare: number,
): string | undefined {
  if (!baseline) return undefined;
  const before = total(baseline);
  const now = total(current);
  if (before === 0) return undefined;
  if (now === 0) {
    return `the read listed no object, where the last good read had ${before}`;
  }
  const podsBefore = baseline.Pod ?? 0;
  const owners = POD_OWNERS.reduce(
    (sum, kind) => sum + (current[kind] ?? 0),
    0,
  );
  if (podsBefore > 0 && (current.Pod ?? 0) === 0 && owners > 0) {
    return `the read listed no pod, where the last good read had ${podsBefore}, while ${owners} workload controllers remain`;
  }
  if (before >= MIN_BASELINE && now < before * (1 - maxDropShare)) {
    return `the read listed ${now} objects, down from ${before} in the last good read (more than ${Math.round(
      maxDropShare * 100,
    )}% fewer)`;
  }
  return undefined;
}

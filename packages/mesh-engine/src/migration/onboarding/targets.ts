import { Workload } from '../../engine/workloads/workload';
import { MigrationPatch, MigrationPatchTarget } from '../types';

/** Patch targets shared by the fixes and the playbooks. */
export function workloadTarget(workload: Workload): MigrationPatchTarget {
  return {
    kind: workload.kind,
    namespace: workload.namespace,
    name: workload.name,
  };
}

export function namespacePatch(
  namespace: string,
  metadata: Record<string, unknown>,
): MigrationPatch {
  return {
    target: { kind: 'Namespace', name: namespace },
    type: 'json-merge',
    body: { metadata },
  };
}

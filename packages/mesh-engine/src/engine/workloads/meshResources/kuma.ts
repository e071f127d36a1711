import { ClusterIndex } from '../../cluster/clusterIndex';
import { isLabelSubset } from '../../cluster/labelSelector';
import { asRecord, asString, asStringMap, getPath } from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { Workload } from '../workload';

/** Kuma policy that applies to one workload, in the workload's mesh. */
export interface KumaResources {
  meshes: KubeObject[];
  meshTls: KubeObject[];
  meshTrafficPermissions: KubeObject[];
}

const KUMA_SYSTEM_NAMESPACE = 'kuma-system';

/** The Kuma mesh a workload belongs to: label `kuma.io/mesh` on the pod or namespace, else `default`. */
export function kumaMeshName(workload: Workload): string {
  return (
    workload.template.labels['kuma.io/mesh'] ??
    workload.namespaceObject?.metadata.labels?.['kuma.io/mesh'] ??
    'default'
  );
}

function kumaPolicyTargets(policy: KubeObject, workload: Workload): boolean {
  const targetRef = asRecord(getPath(policy, 'spec.targetRef'));
  const kind = asString(targetRef?.kind) ?? 'Mesh';
  switch (kind) {
    case 'Mesh':
      return true;
    case 'Dataplane':
      return isLabelSubset(
        asStringMap(targetRef?.labels),
        workload.template.labels,
      );
    case 'MeshService':
      return workload.services.some(
        service => service.name === asString(targetRef?.name),
      );
    case 'MeshSubset': {
      const tags = asStringMap(targetRef?.tags);
      return Object.entries(tags).every(([key, value]) =>
        key === 'k8s.kuma.io/namespace'
          ? value === workload.namespace
          : key.includes('kuma.io/') || workload.template.labels[key] === value,
      );
    }
    default:
      return false;
  }
}

export function collectKuma(
  workload: Workload,
  index: ClusterIndex,
): KumaResources {
  const meshName = kumaMeshName(workload);
  const policies = (kind: string) =>
    [...new Set([workload.namespace, KUMA_SYSTEM_NAMESPACE])]
      .flatMap(namespace => index.list(kind, namespace))
      .filter(
        policy =>
          (policy.metadata.labels?.['kuma.io/mesh'] ?? 'default') ===
            meshName && kumaPolicyTargets(policy, workload),
      );
  return {
    meshes: index
      .list(KINDS.kumaMesh)
      .filter(mesh => mesh.metadata.name === meshName),
    meshTls: policies(KINDS.kumaMeshTls),
    meshTrafficPermissions: policies(KINDS.kumaMeshTrafficPermission),
  };
}

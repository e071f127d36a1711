import { ClusterIndex } from '../../cluster/clusterIndex';
import { Workload } from '../workload';
import { AppMeshResources, collectAppMesh } from './appMesh';
import { collectConsul, ConsulResources } from './consul';
import { collectIstio, IstioResources } from './istio';
import { collectKuma, KumaResources } from './kuma';
import { collectLinkerd, LinkerdResources } from './linkerd';

/**
 * Mesh configuration objects that apply to one workload, grouped by mesh:
 * one file per mesh knows its attachment rules, as `detect/signatures/` does.
 */
export interface WorkloadMeshResources {
  istio: IstioResources;
  linkerd: LinkerdResources;
  kuma: KumaResources;
  consul: ConsulResources;
  appMesh: AppMeshResources;
}

/** Memoised per workload: the detector and several checks ask for it. */
export function findMeshResources(
  workload: Workload,
  index: ClusterIndex,
): WorkloadMeshResources {
  return index.memo(`engine:mesh-resources:${workload.id}`, () => ({
    istio: collectIstio(workload, index),
    linkerd: collectLinkerd(workload, index),
    kuma: collectKuma(workload, index),
    consul: collectConsul(workload, index),
    appMesh: collectAppMesh(workload, index),
  }));
}

export { consulServiceName } from './consul';
export { waypointReferences } from './istioGateways';
export { kumaMeshName } from './kuma';

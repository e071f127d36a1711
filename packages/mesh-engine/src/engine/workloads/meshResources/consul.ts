import { ClusterIndex } from '../../cluster/clusterIndex';
import { asRecords, asString, getPath } from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { Workload } from '../workload';

/** Consul config entries that apply to one workload, found by its Consul service name. */
export interface ConsulResources {
  serviceDefaults: KubeObject[];
  meshes: KubeObject[];
  serviceIntentions: KubeObject[];
}

/** Consul registers the pod under its Kubernetes Service's name unless annotated. */
export function consulServiceName(workload: Workload): string {
  return (
    workload.template.annotations['consul.hashicorp.com/connect-service'] ??
    workload.services[0]?.name ??
    workload.name
  );
}

export function collectConsul(
  workload: Workload,
  index: ClusterIndex,
): ConsulResources {
  const name = consulServiceName(workload);
  return {
    serviceDefaults: index
      .list(KINDS.consulServiceDefaults)
      .filter(defaults => defaults.metadata.name === name),
    meshes: [...index.list(KINDS.consulMesh)],
    serviceIntentions: index
      .list(KINDS.consulServiceIntentions)
      .filter(intentions => {
        const destination = asString(
          getPath(intentions, 'spec.destination.name'),
        );
        const sources = asRecords(getPath(intentions, 'spec.sources')).map(
          source => asString(source.name),
        );
        return (
          destination === name || destination === '*' || sources.includes(name)
        );
      }),
  };
}

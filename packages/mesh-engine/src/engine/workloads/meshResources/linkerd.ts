import { ClusterIndex } from '../../cluster/clusterIndex';
import {
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../../cluster/labelSelector';
import { asRecord, asRecords, asString, getPath } from '../../model/access';
import { KINDS, KubeObject } from '../../model/kubeObject';
import { Workload } from '../workload';

/** Linkerd policy that applies to one workload: the Servers selecting its pods and what attaches to them. */
export interface LinkerdResources {
  servers: KubeObject[];
  authorizationPolicies: KubeObject[];
  httpRoutes: KubeObject[];
}

export function collectLinkerd(
  workload: Workload,
  index: ClusterIndex,
): LinkerdResources {
  const servers = index
    .list(KINDS.linkerdServer, workload.namespace)
    .filter(server => {
      const selector = getPath(server, 'spec.podSelector');
      if (!asRecord(selector)) return false;
      return matchesLabelSelector(
        labelSelectorFromObject(selector),
        workload.template.labels,
      );
    });
  const serverNames = new Set(servers.map(server => server.metadata.name));
  const httpRoutes = index
    .list(KINDS.linkerdHttpRoute, workload.namespace)
    .filter(route =>
      asRecords(getPath(route, 'spec.parentRefs')).some(
        parent =>
          asString(parent.kind) === 'Server' &&
          serverNames.has(asString(parent.name) ?? ''),
      ),
    );
  const routeNames = new Set(httpRoutes.map(route => route.metadata.name));
  const authorizationPolicies = index
    .list(KINDS.linkerdAuthorizationPolicy, workload.namespace)
    .filter(policy => {
      const kind = asString(getPath(policy, 'spec.targetRef.kind'));
      const name = asString(getPath(policy, 'spec.targetRef.name')) ?? '';
      return (
        (kind === 'Server' && serverNames.has(name)) ||
        (kind === 'HTTPRoute' && routeNames.has(name)) ||
        kind === 'Namespace'
      );
    });
  return { servers, authorizationPolicies, httpRoutes };
}

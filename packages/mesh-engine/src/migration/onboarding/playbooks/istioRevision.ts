import { ClusterIndex } from '../../../engine/cluster/clusterIndex';
import { controlPlaneFacts } from '../../../engine/cluster/controlPlane';
import { KINDS } from '../../../engine/model/kubeObject';

/**
 * The Istio revision to enrol with: the namespace's own, the one other
 * namespaces use, or the only injector's. Undefined means the default
 * injector (`istio-injection=enabled`).
 */
export function istioRevision(
  index: ClusterIndex,
  namespace: string,
): string | undefined {
  const own = index.get(KINDS.namespace, undefined, namespace)?.metadata
    .labels?.['istio.io/rev'];
  if (own) return own;
  const used = new Map<string, number>();
  for (const ns of index.list(KINDS.namespace)) {
    const rev = ns.metadata.labels?.['istio.io/rev'];
    if (rev) used.set(rev, (used.get(rev) ?? 0) + 1);
  }
  if (used.size > 0) return [...used].sort((a, b) => b[1] - a[1])[0][0];
  const injectors = controlPlaneFacts(index).istio.injectors;
  if (injectors.length > 0 && !injectors.some(i => i.revision === 'default'))
    return injectors[0].revision;
  return undefined;
}

/** Where a route attaches (parentRefs) and where it sends traffic (backendRefs). */
import { JsonRecord } from '../../../../engine/model/access';
import { ServiceRef, Site, Target } from '../../model';
import { manual } from '../common';

export function serviceParentRef(svc: ServiceRef, port: number): JsonRecord {
  return { group: '', kind: 'Service', name: svc.name, port };
}

/**
 * Weighted targets → backendRefs (each with its Service port, weights as
 * given). Targets that resolve to the same Service and port become one
 * backendRef: Gateway API cannot split between pods of one Service, so
 * that is a manual action.
 */
export function backendRefs(
  targets: Target[],
  routeNamespace: string,
  splitSite: Site | undefined,
  label: string,
  weighted = true,
): JsonRecord[] {
  const byKey = new Map<string, { ref: JsonRecord; nodes: string[] }>();
  for (const target of targets) {
    const key = `${target.service.namespace}/${target.service.name}:${target.port}`;
    const existing = byKey.get(key);
    if (existing) {
      if (weighted)
        existing.ref.weight = (existing.ref.weight as number) + target.weight;
      existing.nodes.push(target.node.metadata.name);
      continue;
    }
    const ref: JsonRecord = { name: target.service.name };
    if (target.service.namespace !== routeNamespace)
      ref.namespace = target.service.namespace;
    ref.port = target.port;
    if (weighted) ref.weight = target.weight;
    byKey.set(key, { ref, nodes: [target.node.metadata.name] });
  }
  for (const [key, { nodes }] of byKey)
    if (nodes.length > 1 && splitSite)
      manual(
        splitSite,
        `(${nodes.join(
          ', ',
        )}) all resolve to Service ${key}: ${label} cannot keep the weights between them`,
        'A backendRef is a whole Service: traffic spreads over all its pods. Create one Service per VirtualNode (selecting its version label) and point the backendRefs at them to keep the split.',
      );
  return [...byKey.values()].map(entry => entry.ref);
}

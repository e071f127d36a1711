import { ServiceView } from '../model/service';

/**
 * Whether a host written in a mesh resource (Istio `hosts`, `host`) names a
 * Service. Short names resolve against the resource's own namespace, as
 * Istio does; `*.ns.svc.cluster.local` style wildcards are honoured.
 */
export function hostNamesService(
  host: string,
  resourceNamespace: string,
  service: ServiceView,
): boolean {
  const { name, namespace } = service;
  if (!host.includes('.'))
    return host === name && resourceNamespace === namespace;
  const fqdn = `${name}.${namespace}.svc.cluster.local`;
  if (host.startsWith('*.')) return fqdn.endsWith(host.slice(1));
  return (
    host === `${name}.${namespace}` ||
    host === `${name}.${namespace}.svc` ||
    host === fqdn
  );
}

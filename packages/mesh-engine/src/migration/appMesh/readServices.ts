import {
  asRecords,
  asString,
  asStringMap,
  getPath,
} from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { resolveContainerPort } from '../../engine/model/podSpec';
import { readService } from '../../engine/model/service';
import { MigrationObject } from '../types';
import { isSubsetOf, serviceFromHostname } from '../util';
import { ServiceRef } from './model';
import { appProtocolOf, portOf, protocolOf, ReadContext } from './readContext';

function service(
  context: ReadContext,
  name: string,
  namespace: string,
): ServiceRef {
  const object = context.index.get(KINDS.service, namespace, name);
  return { name, namespace, view: object ? readService(object) : undefined };
}

/** The Kubernetes Service an App Mesh VirtualService is reached by: its awsName, else its own name. */
export function serviceOfVirtualService(
  context: ReadContext,
  vs: KubeObject,
): ServiceRef {
  const namespace = vs.metadata.namespace ?? 'default';
  const awsName = asString(getPath(vs, 'spec.awsName'));
  const ledger = context.ledger(vs);
  if (awsName) {
    const parsed = serviceFromHostname(awsName, namespace);
    if (parsed) {
      ledger.carry('spec.awsName', 'Service host');
      return service(context, parsed.name, parsed.namespace);
    }
    ledger.manual(
      'spec.awsName',
      `(${awsName}) is not a Kubernetes Service name; Meshwise used Service ${vs.metadata.name} instead`,
      'Clients must reach the service through a Kubernetes Service name for the new routes to apply; create a Service or DNS alias for the old name.',
    );
  }
  return service(context, vs.metadata.name, namespace);
}

/** The host App Mesh rewrites Host to by default: the VirtualService's App Mesh name, else the Service FQDN. */
export function virtualServiceHost(vs: KubeObject, ref: ServiceRef): string {
  return (
    asString(getPath(vs, 'spec.awsName')) ??
    `${ref.name}.${ref.namespace}.svc.cluster.local`
  );
}

/** The Service of a VirtualNode: its DNS hostname, else a Service selecting its pods, else a generated one. */
export function serviceOfNode(
  context: ReadContext,
  node: KubeObject,
): ServiceRef {
  const namespace = node.metadata.namespace ?? 'default';
  const ledger = context.ledger(node);
  const hostname = asString(
    getPath(node, 'spec.serviceDiscovery.dns.hostname'),
  );
  const parsed = hostname
    ? serviceFromHostname(hostname, namespace)
    : undefined;
  if (parsed) {
    ledger.carry('spec.serviceDiscovery.dns.hostname', 'Service');
    ledger.ignore(
      'spec.serviceDiscovery.dns.responseType',
      'Kubernetes Services are resolved by the mesh',
    );
    ledger.ignore('spec.serviceDiscovery.dns.ipPreference', 'not needed');
    return service(context, parsed.name, parsed.namespace);
  }
  if (getPath(node, 'spec.serviceDiscovery.awsCloudMap') !== undefined)
    ledger.manual(
      'spec.serviceDiscovery.awsCloudMap',
      'not carried: Cloud Map discovery has no equivalent; Meshwise uses a Kubernetes Service selecting the same pods',
      'Meshes route by Kubernetes Service; remove the Cloud Map registration once nothing resolves it.',
    );
  if (hostname)
    ledger.manual(
      'spec.serviceDiscovery.dns.hostname',
      `(${hostname}) is not a Kubernetes Service name; Meshwise uses a Service selecting the same pods`,
      'Meshes route by Kubernetes Service names.',
    );
  const podLabels = asStringMap(getPath(node, 'spec.podSelector.matchLabels'));
  const candidates = context.index
    .list(KINDS.service, namespace)
    .map(readService)
    .filter(
      view =>
        view.selector !== undefined &&
        Object.keys(podLabels).length > 0 &&
        isSubsetOf(view.selector, podLabels),
    )
    .sort(
      (a, b) =>
        Object.keys(b.selector ?? {}).length -
        Object.keys(a.selector ?? {}).length,
    );
  if (candidates.length > 0)
    return { name: candidates[0].name, namespace, view: candidates[0] };
  const ports = asRecords(getPath(node, 'spec.listeners')).flatMap(listener => {
    const port = portOf(listener);
    const protocol = protocolOf(getPath(listener, 'portMapping.protocol'));
    return port === undefined
      ? []
      : [
          {
            name: `${protocol}-${port}`,
            port,
            targetPort: port,
            appProtocol: appProtocolOf(protocol),
          },
        ];
  });
  mergeGenerated(context.generatedServices, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: node.metadata.name,
      namespace,
      annotations: {
        'meshwise/discovery': hostname ? `DNS ${hostname}` : 'Cloud Map',
      },
    },
    spec: { selector: podLabels, ports },
  });
  return { name: node.metadata.name, namespace, generated: true };
}

/** A selector-less Service so routes can attach to the VirtualService's name when no Service has it. */
export function generateParent(
  context: ReadContext,
  svc: ServiceRef,
  vs: KubeObject,
  listeners: Array<{ port: number; protocol: string }>,
): ServiceRef {
  if (svc.view || listeners.length === 0) return svc;
  mergeGenerated(context.generatedParents, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: svc.name,
      namespace: svc.namespace,
      annotations: {
        'meshwise/discovery': `VirtualService ${vs.metadata.name}`,
      },
    },
    spec: {
      ports: listeners.map(({ port, protocol }) => ({
        name: `${protocol}-${port}`,
        port,
        appProtocol: appProtocolOf(protocolOf(protocol)),
      })),
    },
  });
  return { ...svc, generated: true };
}

/** One object per namespace/name: ports merged by number, the first selector kept. */
export function mergeGenerated(
  into: Map<string, MigrationObject>,
  object: MigrationObject,
): void {
  const key = `${object.metadata.namespace}/${object.metadata.name}`;
  const existing = into.get(key);
  into.set(key, existing ? mergeServices(existing, object) : object);
}

export function mergeServices(
  base: MigrationObject,
  extra: MigrationObject,
): MigrationObject {
  const baseSpec = base.spec as Record<string, unknown>;
  const extraSpec = extra.spec as Record<string, unknown>;
  const ports = asRecords(baseSpec.ports);
  for (const port of asRecords(extraSpec.ports))
    if (!ports.some(p => p.port === port.port)) ports.push(port);
  const spec: Record<string, unknown> = { ...extraSpec, ...baseSpec, ports };
  if (!baseSpec.selector && extraSpec.selector)
    spec.selector = extraSpec.selector;
  return { ...base, spec };
}

/**
 * The port of `ref` that serves `containerPort`: the Service port whose
 * targetPort (number or named container port) or port equals it; for a
 * generated Service, the container port itself.
 */
export function findServicePort(
  context: ReadContext,
  ref: ServiceRef,
  containerPort: number,
): number | undefined {
  const view = ref.view;
  if (ref.generated || !view) return containerPort;
  const workload = context.workloads.find(
    w => view.selector && isSubsetOf(view.selector, w.template.labels),
  );
  const match = view.ports.find(port => {
    if (port.port === containerPort) return true;
    if (workload)
      return (
        resolveContainerPort(workload.template.spec, port.targetPort) ===
        containerPort
      );
    return port.targetPort === containerPort;
  });
  if (match) return match.port;
  return view.ports.length === 1 ? view.ports[0].port : undefined;
}

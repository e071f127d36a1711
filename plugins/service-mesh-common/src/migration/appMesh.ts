import { ClusterIndex } from '../engine/cluster/clusterIndex';
import {
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../engine/cluster/labelSelector';
import {
  asNumber,
  asRecord,
  asRecords,
  asString,
  asStringArray,
  asStringMap,
  getPath,
  JsonRecord,
} from '../engine/model/access';
import { KINDS, KubeObject } from '../engine/model/kubeObject';
import { resolveContainerPort } from '../engine/model/podSpec';
import { readService, ServiceView } from '../engine/model/service';
import { findMeshResources } from '../engine/workloads/meshResources';
import { Workload } from '../engine/workloads/workload';
import { FieldLedger } from './ledger';
import {
  ManualAction,
  MigrationManifest,
  MigrationObject,
  MigrationTarget,
} from './types';
import {
  describeObject,
  durationMillis,
  escapeRegex,
  formatDuration,
  isSubsetOf,
  serviceFqdn,
  serviceFromHostname,
  withoutKeys,
} from './util';

/** The App Mesh objects of one service. */
export interface AppMeshObjects {
  meshes: KubeObject[];
  virtualNodes: KubeObject[];
  virtualRouters: KubeObject[];
  virtualServices: KubeObject[];
  virtualGateways: KubeObject[];
  gatewayRoutes: KubeObject[];
}

function uniq(objects: KubeObject[]): KubeObject[] {
  return [...new Set(objects)];
}

/** App Mesh objects that select, route to or expose the workloads. */
export function collectAppMesh(
  workloads: readonly Workload[],
  index: ClusterIndex,
): AppMeshObjects {
  const all = workloads.map(w => findMeshResources(w, index).appMesh);
  const gatewayRoutes = uniq(all.flatMap(r => r.gatewayRoutes));
  const virtualGateways = uniq([
    ...all.flatMap(r => r.virtualGateways),
    ...gatewayRoutes.flatMap(route => {
      const gateway = gatewayOfRoute(route, index);
      return gateway ? [gateway] : [];
    }),
  ]);
  return {
    meshes: uniq(all.flatMap(r => r.meshes)),
    virtualNodes: uniq(all.flatMap(r => r.virtualNodes)),
    virtualRouters: uniq(all.flatMap(r => r.virtualRouters)),
    virtualServices: uniq(all.flatMap(r => r.virtualServices)),
    virtualGateways,
    gatewayRoutes,
  };
}

export function appMeshObjectList(objects: AppMeshObjects): KubeObject[] {
  return [
    ...objects.gatewayRoutes,
    ...objects.virtualGateways,
    ...objects.virtualServices,
    ...objects.virtualRouters,
    ...objects.virtualNodes,
  ];
}

function gatewayOfRoute(
  route: KubeObject,
  index: ClusterIndex,
): KubeObject | undefined {
  const namespace = route.metadata.namespace;
  const refName = asString(getPath(route, 'spec.virtualGatewayRef.name'));
  if (refName) {
    const refNamespace =
      asString(getPath(route, 'spec.virtualGatewayRef.namespace')) ?? namespace;
    return index.get(KINDS.appMeshVirtualGateway, refNamespace, refName);
  }
  const gateways = index.list(KINDS.appMeshVirtualGateway);
  const matching = gateways.filter(gateway => {
    const selector = asRecord(getPath(gateway, 'spec.gatewayRouteSelector'));
    if (!selector) return gateway.metadata.namespace === namespace;
    return matchesLabelSelector(
      labelSelectorFromObject(selector),
      route.metadata.labels ?? {},
    );
  });
  return matching.length === 1 ? matching[0] : undefined;
}

type Flavour = 'istio' | 'gamma' | 'none';

export function flavourOf(target: MigrationTarget): Flavour {
  if (target === 'istio-sidecar' || target === 'istio-ambient') return 'istio';
  if (target === 'consul') return 'none';
  return 'gamma';
}

const TARGET_LABEL: Record<MigrationTarget, string> = {
  'istio-sidecar': 'Istio',
  'istio-ambient': 'Istio ambient',
  linkerd: 'Linkerd',
  consul: 'Consul',
  kuma: 'Kuma',
  cilium: 'Cilium',
  'gateway-api': 'Gateway API',
};

export interface AppMeshTranslation {
  /** Routing objects (translate step). */
  manifests: MigrationManifest[];
  /** Lines for the translate step's explanation. */
  notes: string[];
  manualActions: ManualAction[];
  /** Listener TLS was STRICT somewhere: the harden step carries it. */
  strictTls: boolean;
  /** Clients that enforce TLS towards the service (must move in the same window). */
  tlsClients: string[];
}

interface ServiceRef {
  name: string;
  namespace: string;
  view?: ServiceView;
  /** Generated because no Service exists for the VirtualNode. */
  generated?: MigrationObject;
}

interface Destination {
  node: KubeObject;
  /** Istio host (FQDN) and subset. */
  host: string;
  subset?: { name: string; labels: Record<string, string> };
  /** Kubernetes Service backing the node (for Gateway API backendRefs). */
  service: ServiceRef;
  /** The Service the Istio host names. */
  hostService: ServiceRef;
  servicePort?: number;
  /** Port on the Istio host, when it has several. */
  hostPort?: number;
  weight: number;
}

interface DestinationRuleDraft {
  host: string;
  namespace: string;
  name: string;
  subsets: Map<string, { labels: Record<string, string>; policy?: JsonRecord }>;
  policy?: JsonRecord;
}

/** App Mesh `httpRetryEvents`/`tcpRetryEvents`/`grpcRetryEvents` in Istio `retryOn` terms. */
const ISTIO_RETRY_ON: Record<string, string> = {
  'server-error': '5xx',
  'gateway-error': 'gateway-error',
  'client-error': 'retriable-4xx',
  'stream-error': 'refused-stream',
  'connection-error': 'connect-failure',
  cancelled: 'cancelled',
  'deadline-exceeded': 'deadline-exceeded',
  internal: 'internal',
  'resource-exhausted': 'resource-exhausted',
  unavailable: 'unavailable',
};

const CERTIFICATE_SOURCES: Record<string, string> = {
  file: 'file-based certs',
  sds: 'SDS/SPIRE certs',
  acm: 'ACM certificate',
};

/** App Mesh HTTP retry events as status codes (App Mesh user guide, HttpRetryPolicy). */
const RETRY_CODES: Record<string, number[]> = {
  'server-error': [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511],
  'gateway-error': [502, 503, 504],
  'client-error': [409],
};

/** Linkerd `retry.linkerd.io/http` values. */
const LINKERD_RETRY: Record<string, string> = {
  'server-error': '5xx',
  'gateway-error': 'gateway-error',
  'client-error': '409',
};

class Translator {
  readonly manifests: MigrationManifest[] = [];
  readonly notes: string[] = [];
  readonly extraManual: ManualAction[] = [];
  private readonly ledgers = new Map<KubeObject, FieldLedger>();
  private readonly destinationRules = new Map<string, DestinationRuleDraft>();
  private readonly generatedServices = new Map<string, MigrationObject>();
  /** Where each VirtualNode is reached (host + subset), for its traffic policy. */
  private readonly nodePlacement = new Map<KubeObject, Destination>();
  readonly flavour: Flavour;
  readonly label: string;
  strictTls = false;
  readonly tlsClients: string[] = [];

  constructor(
    readonly objects: AppMeshObjects,
    readonly index: ClusterIndex,
    readonly target: MigrationTarget,
    readonly workloads: readonly Workload[],
  ) {
    this.flavour = flavourOf(target);
    this.label = TARGET_LABEL[target];
  }

  ledger(object: KubeObject): FieldLedger {
    let ledger = this.ledgers.get(object);
    if (!ledger) {
      ledger = new FieldLedger(object, this.label);
      this.ledgers.set(object, ledger);
    }
    return ledger;
  }

  run(): AppMeshTranslation {
    for (const vs of this.objects.virtualServices) {
      this.translateVirtualService(vs);
      this.tlsClientsOf(vs);
    }
    for (const node of this.objects.virtualNodes) this.translateNode(node);
    for (const gateway of this.objects.virtualGateways)
      this.translateGateway(gateway);
    for (const route of this.objects.gatewayRoutes)
      this.translateGatewayRoute(route);
    for (const mesh of this.objects.meshes) this.translateMesh(mesh);
    this.emitDestinationRules();

    const inSet = new Set([
      ...appMeshObjectList(this.objects),
      ...this.objects.meshes,
    ]);
    const manualActions = [
      ...[...this.ledgers.entries()]
        .filter(([object]) => inSet.has(object))
        .flatMap(([, ledger]) => ledger.finish()),
      ...this.extraManual,
    ];
    const generated = [...this.generatedServices.values()].map(object => ({
      description: `Service ${
        object.metadata.name
      }: a Kubernetes Service for the pods of the VirtualNode of the same name, which had none (App Mesh resolved it through ${
        object.metadata.annotations?.['meshwise/discovery'] ?? 'Cloud Map'
      })`,
      object: stripInternalAnnotations(object),
    }));
    return {
      manifests: [...generated, ...this.manifests],
      notes: this.notes,
      manualActions,
      strictTls: this.strictTls,
      tlsClients: this.tlsClients,
    };
  }

  /** VirtualNodes elsewhere that call `vs` with App Mesh client TLS enforced. */
  private tlsClientsOf(vs: KubeObject): void {
    const namespace = vs.metadata.namespace ?? 'default';
    for (const client of this.index.list(KINDS.appMeshVirtualNode)) {
      if (this.objects.virtualNodes.includes(client)) continue;
      const clientNamespace = client.metadata.namespace ?? 'default';
      const backend = asRecords(getPath(client, 'spec.backends')).find(
        entry =>
          asString(getPath(entry, 'virtualService.virtualServiceRef.name')) ===
            vs.metadata.name &&
          (asString(
            getPath(entry, 'virtualService.virtualServiceRef.namespace'),
          ) ?? clientNamespace) === namespace,
      );
      if (!backend) continue;
      const tls =
        asRecord(getPath(backend, 'virtualService.clientPolicy.tls')) ??
        asRecord(getPath(client, 'spec.backendDefaults.clientPolicy.tls'));
      if (
        tls &&
        tls.enforce !== false &&
        !this.tlsClients.includes(describeObject(client))
      )
        this.tlsClients.push(describeObject(client));
    }
  }

  // ---------------------------------------------------------------- lookup

  private node(ref: unknown, fromNamespace: string): KubeObject | undefined {
    const record = asRecord(ref);
    const name = asString(record?.name);
    if (!name) return undefined;
    const namespace = asString(record?.namespace) ?? fromNamespace;
    return this.index.get(KINDS.appMeshVirtualNode, namespace, name);
  }

  private service(name: string, namespace: string): ServiceRef {
    const object = this.index.get(KINDS.service, namespace, name);
    return { name, namespace, view: object ? readService(object) : undefined };
  }

  /** The Kubernetes Service an App Mesh VirtualService is reached by. */
  serviceOfVirtualService(vs: KubeObject): ServiceRef {
    const namespace = vs.metadata.namespace ?? 'default';
    const awsName = asString(getPath(vs, 'spec.awsName'));
    const ledger = this.ledger(vs);
    if (awsName) {
      const parsed = serviceFromHostname(awsName, namespace);
      if (parsed) {
        ledger.carry('spec.awsName', 'Service host');
        return this.service(parsed.name, parsed.namespace);
      }
      ledger.manual(
        'spec.awsName',
        `(${awsName}) is not a Kubernetes Service name; Meshwise used Service ${vs.metadata.name} instead`,
        'Clients must reach the service through a Kubernetes Service name for the new routes to apply; create a Service or DNS alias for the old name.',
      );
    }
    return this.service(vs.metadata.name, namespace);
  }

  /** The Kubernetes Service of a VirtualNode: its DNS hostname, else a Service selecting its pods, else a generated one. */
  serviceOfNode(node: KubeObject): ServiceRef {
    const namespace = node.metadata.namespace ?? 'default';
    const ledger = this.ledger(node);
    const hostname = asString(
      getPath(node, 'spec.serviceDiscovery.dns.hostname'),
    );
    if (hostname) {
      const parsed = serviceFromHostname(hostname, namespace);
      if (parsed) {
        ledger.carry('spec.serviceDiscovery.dns.hostname', 'Service');
        ledger.ignore(
          'spec.serviceDiscovery.dns.responseType',
          'Kubernetes Services are resolved by the mesh',
        );
        ledger.ignore('spec.serviceDiscovery.dns.ipPreference', 'not needed');
        return this.service(parsed.name, parsed.namespace);
      }
    }
    const podLabels = asStringMap(
      getPath(node, 'spec.podSelector.matchLabels'),
    );
    if (getPath(node, 'spec.serviceDiscovery.awsCloudMap') !== undefined) {
      ledger.manual(
        'spec.serviceDiscovery.awsCloudMap',
        'not carried: Cloud Map discovery has no equivalent; Meshwise uses a Kubernetes Service selecting the same pods',
        'Meshes route by Kubernetes Service; remove the Cloud Map registration once nothing resolves it.',
      );
    }
    if (hostname && !serviceFromHostname(hostname, namespace)) {
      ledger.manual(
        'spec.serviceDiscovery.dns.hostname',
        `(${hostname}) is not a Kubernetes Service name; Meshwise uses a Service selecting the same pods`,
        'Meshes route by Kubernetes Service names.',
      );
    }
    const candidates = this.index
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
    if (candidates.length > 0) {
      return { name: candidates[0].name, namespace, view: candidates[0] };
    }
    const key = `${namespace}/${node.metadata.name}`;
    let generated = this.generatedServices.get(key);
    if (!generated) {
      const ports = asRecords(getPath(node, 'spec.listeners')).flatMap(
        listener => {
          const port = asNumber(getPath(listener, 'portMapping.port'));
          const protocol =
            asString(getPath(listener, 'portMapping.protocol')) ?? 'tcp';
          if (port === undefined) return [];
          return [
            {
              name: `${protocol === 'http2' ? 'http2' : protocol}-${port}`,
              port,
              targetPort: port,
              appProtocol: appProtocolOf(protocol),
            },
          ];
        },
      );
      generated = {
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
      };
      this.generatedServices.set(key, generated);
    }
    return { name: node.metadata.name, namespace, generated };
  }

  /** The Service port whose target is `containerPort` (or equals it). */
  private servicePort(
    ref: ServiceRef,
    containerPort?: number,
  ): number | undefined {
    if (ref.generated) return containerPort;
    const view = ref.view;
    if (!view) return containerPort;
    if (containerPort === undefined) return view.ports[0]?.port;
    const workload = this.workloads.find(
      w => view.selector && isSubsetOf(view.selector, w.template.labels),
    );
    const match = view.ports.find(port => {
      if (port.port === containerPort) return true;
      let target: number | undefined;
      if (workload)
        target = resolveContainerPort(workload.template.spec, port.targetPort);
      else if (typeof port.targetPort === 'number') target = port.targetPort;
      return target === containerPort;
    });
    return match?.port ?? view.ports[0]?.port ?? containerPort;
  }

  // ------------------------------------------------------- VirtualService

  private translateVirtualService(vs: KubeObject): void {
    const ledger = this.ledger(vs);
    ledger.ignore(
      'spec.meshRef',
      'the App Mesh mesh reference has no equivalent',
    );
    const svc = this.serviceOfVirtualService(vs);
    const routerRef = getPath(
      vs,
      'spec.provider.virtualRouter.virtualRouterRef',
    );
    const nodeRef = getPath(vs, 'spec.provider.virtualNode.virtualNodeRef');
    const namespace = vs.metadata.namespace ?? 'default';
    this.generatedParent(svc, vs);
    if (asRecord(routerRef)) {
      ledger.carry('spec.provider.virtualRouter.virtualRouterRef');
      const routerName = asString(getPath(routerRef, 'name')) ?? '';
      const router = this.index.get(
        KINDS.appMeshVirtualRouter,
        asString(getPath(routerRef, 'namespace')) ?? namespace,
        routerName,
      );
      if (!router) {
        ledger.manual(
          'spec.provider.virtualRouter',
          `names VirtualRouter ${routerName}, which is not in the input; its routes were not translated`,
          'Include the VirtualRouter in the input and generate the plan again.',
        );
        return;
      }
      this.translateRouter(vs, svc, router);
      return;
    }
    if (asRecord(nodeRef)) {
      ledger.carry('spec.provider.virtualNode.virtualNodeRef');
      const node = this.node(nodeRef, namespace);
      if (!node) {
        ledger.manual(
          'spec.provider.virtualNode',
          'names a VirtualNode that is not in the input',
          'Include the VirtualNode in the input and generate the plan again.',
        );
        return;
      }
      this.translateNodeProvider(vs, svc, node);
      return;
    }
    if (getPath(vs, 'spec.provider') !== undefined) {
      ledger.manual(
        'spec.provider',
        'refers to its provider by ARN only; not translated',
        'Meshwise resolves providers by Kubernetes reference; translate this one by hand.',
      );
    }
  }

  /** A selector-less Service for the GAMMA parent when the VirtualService's name has none. */
  private generatedParent(svc: ServiceRef, vs: KubeObject): boolean {
    if (svc.view || this.flavour === 'none') return false;
    const key = `parent:${svc.namespace}/${svc.name}`;
    if (this.generatedServices.has(key)) return true;
    const router = this.index.get(
      KINDS.appMeshVirtualRouter,
      vs.metadata.namespace,
      asString(
        getPath(vs, 'spec.provider.virtualRouter.virtualRouterRef.name'),
      ) ?? '',
    );
    const ports = asRecords(getPath(router, 'spec.listeners')).flatMap(
      listener => {
        const port = asNumber(getPath(listener, 'portMapping.port'));
        const protocol =
          asString(getPath(listener, 'portMapping.protocol')) ?? 'http';
        return port === undefined
          ? []
          : [
              {
                name: `${protocol}-${port}`,
                port,
                appProtocol: appProtocolOf(protocol),
              },
            ];
      },
    );
    if (ports.length === 0) return false;
    this.generatedServices.set(key, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: svc.name,
        namespace: svc.namespace,
        annotations: {
          'meshwise/discovery': `VirtualService ${vs.metadata.name}`,
        },
      },
      spec: { ports },
    });
    this.notes.push(
      `Service ${svc.name} does not appear in the input; the plan creates it without a selector so routes can attach to it (it may already exist in the cluster).`,
    );
    return true;
  }

  private translateNodeProvider(
    vs: KubeObject,
    svc: ServiceRef,
    node: KubeObject,
  ): void {
    const nodeService = this.serviceOfNode(node);
    const listenerPort = asNumber(
      getPath(node, 'spec.listeners.0.portMapping.port'),
    );
    const sameService =
      nodeService.name === svc.name && nodeService.namespace === svc.namespace;
    const destination = this.destinationFor(
      svc,
      node,
      nodeService,
      1,
      listenerPort,
    );
    this.nodePlacement.set(node, destination);
    const timeout = this.nodeRequestTimeout(node);
    if (sameService && !timeout) {
      this.notes.push(
        `App Mesh VirtualService ${vs.metadata.name} is served by VirtualNode ${node.metadata.name} directly; Service ${svc.name} needs no route.`,
      );
      return;
    }
    const namespace = vs.metadata.namespace ?? 'default';
    if (this.flavour === 'istio') {
      const route: JsonRecord = {
        route: [istioDestination(destination, false)],
      };
      if (timeout) route.timeout = timeout.value;
      this.manifests.push({
        description: `Istio VirtualService ${vs.metadata.name}: traffic for ${
          svc.name
        } goes to VirtualNode ${node.metadata.name}${
          timeout ? ` with its ${timeout.value} request timeout` : ''
        } (from App Mesh VirtualService ${vs.metadata.name})`,
        object: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: vs.metadata.name, namespace },
          spec: {
            hosts: [serviceFqdn(svc.name, svc.namespace)],
            http: [route],
          },
        },
      });
    } else if (this.flavour === 'gamma') {
      const rule: JsonRecord = {
        backendRefs: [backendRef(destination, namespace, false)],
      };
      if (timeout) rule.timeouts = { request: timeout.value };
      this.manifests.push({
        description: `HTTPRoute ${vs.metadata.name}: traffic for Service ${svc.name} goes to VirtualNode ${node.metadata.name}'s Service (from App Mesh VirtualService ${vs.metadata.name})`,
        object: this.httpRouteObject(
          vs.metadata.name,
          namespace,
          svc,
          undefined,
          [rule],
        ),
      });
    }
    if (timeout) this.ledger(node).carry(timeout.path, 'route timeout');
  }

  private nodeRequestTimeout(
    node: KubeObject,
  ): { path: string; value: string } | undefined {
    if (this.flavour === 'none') return undefined;
    const listeners = asRecords(getPath(node, 'spec.listeners'));
    for (const [i, listener] of listeners.entries()) {
      for (const type of ['http', 'http2', 'grpc']) {
        const value = formatDuration(
          getPath(listener, `timeout.${type}.perRequest`),
        );
        if (value)
          return {
            path: `spec.listeners[${i}].timeout.${type}.perRequest`,
            value,
          };
      }
    }
    return undefined;
  }

  // -------------------------------------------------------- VirtualRouter

  private translateRouter(
    vs: KubeObject,
    svc: ServiceRef,
    router: KubeObject,
  ): void {
    const ledger = this.ledger(router);
    ledger.ignore(
      'spec.meshRef',
      'the App Mesh mesh reference has no equivalent',
    );
    ledger.ignore('spec.awsName', 'AWS-side name, not needed');
    const namespace = router.metadata.namespace ?? 'default';
    const listenerPort = asNumber(
      getPath(router, 'spec.listeners.0.portMapping.port'),
    );
    asRecords(getPath(router, 'spec.listeners')).forEach((_, i) =>
      ledger.carry(`spec.listeners[${i}].portMapping`, 'parent port'),
    );
    const routes = asRecords(getPath(router, 'spec.routes'))
      .map((route, index) => ({ route, index }))
      .sort((a, b) => {
        const pa = asNumber(a.route.priority) ?? Number.MAX_SAFE_INTEGER;
        const pb = asNumber(b.route.priority) ?? Number.MAX_SAFE_INTEGER;
        return pa - pb || a.index - b.index;
      });

    const istioHttp: JsonRecord[] = [];
    const istioTcp: JsonRecord[] = [];
    const httpRules: Array<{ rule: JsonRecord; index: number }> = [];
    const grpcRules: JsonRecord[] = [];
    for (const { route, index } of routes) {
      const base = `spec.routes[${index}]`;
      ledger.carry(`${base}.name`, 'route name');
      if (route.priority !== undefined)
        ledger.carry(`${base}.priority`, 'rule order');
      const type = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'].find(
        key => asRecord(route[key]),
      );
      if (!type) continue;
      const path = `${base}.${type}`;
      const spec = asRecord(route[type]) ?? {};
      if (this.flavour === 'none') {
        ledger.manual(
          path,
          `(route ${
            asString(route.name) ?? index
          }) not carried: Consul routes through ServiceRouter/ServiceSplitter/ServiceResolver config entries`,
          'Write a ServiceSplitter for the weights and a ServiceRouter for matches, retries and timeouts by hand; Meshwise does not generate Consul config entries.',
        );
        continue;
      }
      const destinations = this.destinations(
        spec,
        path,
        router,
        svc,
        listenerPort,
      );
      if (destinations.length === 0) continue;
      const name = asString(route.name);
      if (type === 'tcpRoute') {
        if (this.flavour === 'istio') {
          const tcp: JsonRecord = {
            route: destinations.map(d =>
              istioDestination(d, destinations.length > 1),
            ),
          };
          const port = asNumber(getPath(spec, 'match.port'));
          if (port !== undefined) {
            tcp.match = [{ port }];
            ledger.carry(`${path}.match.port`);
          }
          normaliseWeights(tcp.route as JsonRecord[]);
          istioTcp.push(tcp);
          this.idleTimeoutManual(ledger, `${path}.timeout.idle`, spec);
        } else {
          ledger.manual(
            path,
            `(route ${
              name ?? index
            }) not carried: TCP routes are experimental in Gateway API (TCPRoute v1alpha2) and most GAMMA implementations do not support them`,
            'Send the traffic straight to the backing Service, or write a TCPRoute if your implementation supports it.',
          );
        }
        continue;
      }
      if (type === 'grpcRoute') {
        if (this.flavour === 'istio') {
          istioHttp.push(
            this.istioGrpcRoute(spec, path, ledger, destinations, name),
          );
        } else {
          grpcRules.push(
            this.gammaGrpcRule(spec, path, ledger, destinations, namespace),
          );
        }
        continue;
      }
      if (this.flavour === 'istio') {
        istioHttp.push(
          this.istioHttpRoute(spec, path, ledger, destinations, name),
        );
      } else {
        httpRules.push({
          rule: this.gammaHttpRule(spec, path, ledger, destinations, namespace),
          index,
        });
      }
    }

    const source = `App Mesh VirtualService ${vs.metadata.name} and VirtualRouter ${router.metadata.name}`;
    if (
      this.flavour === 'istio' &&
      (istioHttp.length > 0 || istioTcp.length > 0)
    ) {
      const spec: JsonRecord = {
        hosts: [serviceFqdn(svc.name, svc.namespace)],
      };
      if (istioHttp.length > 0) spec.http = istioHttp;
      if (istioTcp.length > 0) spec.tcp = istioTcp;
      this.manifests.push({
        description: `Istio VirtualService ${vs.metadata.name}: the routes of ${source}, in App Mesh priority order`,
        object: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: vs.metadata.name, namespace: svc.namespace },
          spec,
        },
      });
    }
    if (this.flavour === 'gamma') {
      if (httpRules.length > 0) {
        this.checkPrecedence(httpRules, ledger);
        const chunks = chunk(
          httpRules.map(r => r.rule),
          16,
        );
        chunks.forEach((rules, i) => {
          const name =
            chunks.length > 1
              ? `${vs.metadata.name}-${i + 1}`
              : vs.metadata.name;
          this.manifests.push({
            description: `HTTPRoute ${name}: the HTTP routes of ${source}, attached to Service ${svc.name} (GAMMA)`,
            object: this.httpRouteObject(
              name,
              svc.namespace,
              svc,
              listenerPort,
              rules,
            ),
          });
        });
      }
      if (grpcRules.length > 0) {
        this.manifests.push({
          description: `GRPCRoute ${vs.metadata.name}: the gRPC routes of ${source}, attached to Service ${svc.name} (GAMMA)`,
          object: {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'GRPCRoute',
            metadata: { name: vs.metadata.name, namespace: svc.namespace },
            spec: {
              parentRefs: [this.parentRef(svc, listenerPort)],
              rules: grpcRules,
            },
          },
        });
      }
    }
  }

  private parentRef(svc: ServiceRef, listenerPort?: number): JsonRecord {
    const ref: JsonRecord = { group: '', kind: 'Service', name: svc.name };
    const port = this.servicePort(svc, listenerPort) ?? listenerPort;
    if (port !== undefined) ref.port = port;
    return ref;
  }

  private httpRouteObject(
    name: string,
    namespace: string,
    svc: ServiceRef,
    listenerPort: number | undefined,
    rules: JsonRecord[],
  ): MigrationObject {
    const metadata: MigrationObject['metadata'] = { name, namespace };
    const annotations = rules
      .map(rule => asStringMap(rule['meshwise/annotations']))
      .reduce((all, next) => ({ ...all, ...next }), {});
    for (const rule of rules) delete rule['meshwise/annotations'];
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata,
      spec: { parentRefs: [this.parentRef(svc, listenerPort)], rules },
    };
  }

  /** Resolves `action.weightedTargets` to destinations; unresolvable targets become manual actions. */
  private destinations(
    spec: JsonRecord,
    path: string,
    router: KubeObject,
    svc: ServiceRef,
    listenerPort?: number,
  ): Destination[] {
    const ledger = this.ledger(router);
    const namespace = router.metadata.namespace ?? 'default';
    const targets = asRecords(getPath(spec, 'action.weightedTargets'));
    const result: Destination[] = [];
    targets.forEach((target, i) => {
      const targetPath = `${path}.action.weightedTargets[${i}]`;
      const node = this.node(target.virtualNodeRef, namespace);
      if (!node) {
        ledger.manual(
          targetPath,
          `(${
            asString(getPath(target, 'virtualNodeRef.name')) ??
            asString(target.virtualNodeARN) ??
            'unnamed target'
          }, weight ${
            asNumber(target.weight) ?? '?'
          }) not carried: the VirtualNode is not in the input or is referenced by ARN`,
          'Add a backend for it by hand, with the same weight.',
        );
        return;
      }
      ledger.carry(targetPath, 'backend with weight');
      const port =
        asNumber(target.port) ??
        asNumber(getPath(node, 'spec.listeners.0.portMapping.port')) ??
        listenerPort;
      result.push(
        this.destinationFor(
          svc,
          node,
          this.serviceOfNode(node),
          asNumber(target.weight) ?? 1,
          port,
        ),
      );
    });
    for (const destination of result) {
      if (!this.nodePlacement.has(destination.node))
        this.nodePlacement.set(destination.node, destination);
    }
    return result;
  }

  private destinationFor(
    svc: ServiceRef,
    node: KubeObject,
    nodeService: ServiceRef,
    weight: number,
    containerPort?: number,
  ): Destination {
    const podLabels = asStringMap(
      getPath(node, 'spec.podSelector.matchLabels'),
    );
    this.ledger(node).carry('spec.podSelector', 'subset / Service selector');
    const servicePort = this.servicePort(nodeService, containerPort);
    const vsSelector = svc.view?.selector;
    let host = serviceFqdn(nodeService.name, nodeService.namespace);
    let hostService = nodeService;
    let subsetLabels: Record<string, string> = {};
    if (vsSelector && isSubsetOf(vsSelector, podLabels)) {
      host = serviceFqdn(svc.name, svc.namespace);
      hostService = svc;
      subsetLabels = withoutKeys(podLabels, vsSelector);
    } else if (nodeService.view?.selector) {
      subsetLabels = withoutKeys(podLabels, nodeService.view.selector);
    }
    const hostPorts = hostService.view?.ports ?? [];
    const destination: Destination = {
      node,
      host,
      service: nodeService,
      hostService,
      servicePort,
      weight,
    };
    if (hostPorts.length > 1)
      destination.hostPort = this.servicePort(hostService, containerPort);
    if (Object.keys(subsetLabels).length > 0 && this.flavour === 'istio') {
      const name = subsetLabels.version ?? node.metadata.name;
      destination.subset = { name, labels: subsetLabels };
      const draft = this.destinationRule(host, hostService);
      const existing = draft.subsets.get(name);
      if (existing && !sameLabels(existing.labels, subsetLabels)) {
        destination.subset.name = node.metadata.name;
      }
      if (!draft.subsets.has(destination.subset.name))
        draft.subsets.set(destination.subset.name, { labels: subsetLabels });
    }
    return destination;
  }

  private destinationRule(
    host: string,
    service: ServiceRef,
  ): DestinationRuleDraft {
    let draft = this.destinationRules.get(host);
    if (!draft) {
      draft = {
        host,
        namespace: service.namespace,
        name: service.name,
        subsets: new Map(),
      };
      this.destinationRules.set(host, draft);
    }
    return draft;
  }

  // ------------------------------------------------------------ matches

  private istioHttpRoute(
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    destinations: Destination[],
    name?: string,
  ): JsonRecord {
    const route: JsonRecord = {};
    if (name) route.name = name;
    const match = this.istioMatch(
      asRecord(spec.match) ?? {},
      `${path}.match`,
      ledger,
    );
    if (match) route.match = [match];
    return this.istioRouteActions(route, spec, path, ledger, destinations);
  }

  private istioGrpcRoute(
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    destinations: Destination[],
    name?: string,
  ): JsonRecord {
    const route: JsonRecord = {};
    if (name) route.name = name;
    const match: JsonRecord = {};
    const serviceName = asString(getPath(spec, 'match.serviceName'));
    const methodName = asString(getPath(spec, 'match.methodName'));
    if (serviceName) {
      match.uri = methodName
        ? { exact: `/${serviceName}/${methodName}` }
        : { prefix: `/${serviceName}/` };
      ledger.carry(`${path}.match.serviceName`, 'uri');
      if (methodName) ledger.carry(`${path}.match.methodName`, 'uri');
    } else if (methodName) {
      match.uri = { regex: `/[^/]+/${escapeRegex(methodName)}` };
      ledger.carry(`${path}.match.methodName`, 'uri regex');
    }
    this.istioHeaders(
      asRecords(getPath(spec, 'match.metadata')),
      `${path}.match.metadata`,
      ledger,
      match,
    );
    const port = asNumber(getPath(spec, 'match.port'));
    if (port !== undefined) {
      match.port = port;
      ledger.carry(`${path}.match.port`);
    }
    if (Object.keys(match).length > 0) route.match = [match];
    return this.istioRouteActions(route, spec, path, ledger, destinations);
  }

  /** The part of an Istio HTTP route shared by App Mesh HTTP and gRPC routes. */
  private istioRouteActions(
    route: JsonRecord,
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    destinations: Destination[],
  ): JsonRecord {
    route.route = destinations.map(d =>
      istioDestination(d, destinations.length > 1),
    );
    normaliseWeights(route.route as JsonRecord[]);
    this.istioRetries(spec, path, ledger, route);
    const timeout = formatDuration(getPath(spec, 'timeout.perRequest'));
    if (timeout) {
      route.timeout = timeout;
      ledger.carry(`${path}.timeout.perRequest`, 'timeout');
    }
    this.idleTimeoutManual(ledger, `${path}.timeout.idle`, spec);
    return route;
  }

  private istioMatch(
    match: JsonRecord,
    path: string,
    ledger: FieldLedger,
  ): JsonRecord | undefined {
    const out: JsonRecord = {};
    const prefix = asString(match.prefix);
    if (prefix !== undefined) {
      if (prefix !== '/') out.uri = { prefix };
      ledger.carry(`${path}.prefix`, 'uri prefix');
    }
    const exact = asString(getPath(match, 'path.exact'));
    const regex = asString(getPath(match, 'path.regex'));
    if (exact !== undefined) {
      out.uri = { exact };
      ledger.carry(`${path}.path.exact`, 'uri exact');
    } else if (regex !== undefined) {
      out.uri = { regex };
      ledger.carry(`${path}.path.regex`, 'uri regex');
    }
    const method = asString(match.method);
    if (method) {
      out.method = { exact: method };
      ledger.carry(`${path}.method`);
    }
    const scheme = asString(match.scheme);
    if (scheme) {
      out.scheme = { exact: scheme };
      ledger.carry(`${path}.scheme`);
    }
    const port = asNumber(match.port);
    if (port !== undefined) {
      out.port = port;
      ledger.carry(`${path}.port`);
    }
    this.istioHeaders(asRecords(match.headers), `${path}.headers`, ledger, out);
    const params: JsonRecord = {};
    asRecords(match.queryParameters).forEach((param, i) => {
      const name = asString(param.name);
      if (!name) return;
      const value = asString(getPath(param, 'match.exact'));
      params[name] = value !== undefined ? { exact: value } : { regex: '.*' };
      ledger.carry(`${path}.queryParameters[${i}]`, 'queryParams');
    });
    if (Object.keys(params).length > 0) out.queryParams = params;
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private istioHeaders(
    headers: JsonRecord[],
    path: string,
    ledger: FieldLedger,
    out: JsonRecord,
  ): void {
    const include: JsonRecord = {};
    const exclude: JsonRecord = {};
    headers.forEach((header, i) => {
      const name = asString(header.name);
      const headerPath = `${path}[${i}]`;
      if (!name) return;
      const match = asRecord(header.match);
      let value: JsonRecord | undefined;
      if (!match) value = {};
      else if (asString(match.exact) !== undefined)
        value = { exact: asString(match.exact) };
      else if (asString(match.prefix) !== undefined)
        value = { prefix: asString(match.prefix) };
      else if (asString(match.suffix) !== undefined)
        value = { regex: `.*${escapeRegex(asString(match.suffix) ?? '')}` };
      else if (asString(match.regex) !== undefined)
        value = { regex: asString(match.regex) };
      if (!value) {
        ledger.manual(
          headerPath,
          `(header ${name} ${JSON.stringify(
            match,
          )}) not carried: Istio has no range match on headers`,
          'Express the range as a regex on the header value, or route it in the application.',
        );
        return;
      }
      (header.invert === true ? exclude : include)[name] = value;
      ledger.carry(
        headerPath,
        header.invert === true ? 'withoutHeaders' : 'headers',
      );
    });
    if (Object.keys(include).length > 0) out.headers = include;
    if (Object.keys(exclude).length > 0) out.withoutHeaders = exclude;
  }

  private istioRetries(
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    route: JsonRecord,
  ): void {
    const policy = asRecord(spec.retryPolicy);
    if (!policy) return;
    const retryOn: string[] = [];
    for (const field of [
      'httpRetryEvents',
      'tcpRetryEvents',
      'grpcRetryEvents',
    ]) {
      const events = asStringArray(policy[field]);
      const unknown = events.filter(event => !ISTIO_RETRY_ON[event]);
      events
        .filter(event => ISTIO_RETRY_ON[event])
        .forEach(event => retryOn.push(ISTIO_RETRY_ON[event]));
      if (events.length > 0 && unknown.length === 0)
        ledger.carry(`${path}.retryPolicy.${field}`, 'retryOn');
      else if (unknown.length > 0)
        ledger.manual(
          `${path}.retryPolicy.${field}`,
          `events ${unknown.join(
            ', ',
          )} not carried: Istio has no equivalent retryOn condition`,
          'Check the Envoy retry conditions Istio accepts in retryOn and add one by hand if it fits.',
        );
    }
    const retries: JsonRecord = {};
    const attempts = asNumber(policy.maxRetries);
    if (attempts !== undefined) {
      retries.attempts = attempts;
      ledger.carry(`${path}.retryPolicy.maxRetries`, 'retries.attempts');
    }
    const perTry = formatDuration(policy.perRetryTimeout);
    if (perTry) {
      retries.perTryTimeout = perTry;
      ledger.carry(
        `${path}.retryPolicy.perRetryTimeout`,
        'retries.perTryTimeout',
      );
    }
    if (retryOn.length > 0) retries.retryOn = [...new Set(retryOn)].join(',');
    if (Object.keys(retries).length > 0) route.retries = retries;
  }

  private idleTimeoutManual(
    ledger: FieldLedger,
    path: string,
    spec: JsonRecord,
  ): void {
    const idle = formatDuration(getPath(spec, 'timeout.idle'));
    if (!idle) return;
    ledger.manual(
      path,
      `(${idle}) not carried: ${this.label} routes have no idle timeout`,
      this.flavour === 'istio'
        ? 'Istio sets idle timeouts per destination (DestinationRule trafficPolicy.connectionPool.http.idleTimeout / tcp.idleTimeout), which applies to upstream connections rather than streams; set it there if you relied on it.'
        : 'Gateway API has no idle timeout; configure it in the implementation (Envoy/Lattice defaults) if you relied on it.',
    );
  }

  private gammaHttpRule(
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    destinations: Destination[],
    namespace: string,
  ): JsonRecord {
    const rule: JsonRecord = {};
    const match = this.gammaMatch(
      asRecord(spec.match) ?? {},
      `${path}.match`,
      ledger,
    );
    if (match) rule.matches = [match];
    rule.backendRefs = destinations.map(d => backendRef(d, namespace, true));
    const timeouts: JsonRecord = {};
    const request = formatDuration(getPath(spec, 'timeout.perRequest'));
    if (request) {
      timeouts.request = request;
      ledger.carry(`${path}.timeout.perRequest`, 'timeouts.request');
    }
    this.idleTimeoutManual(ledger, `${path}.timeout.idle`, spec);
    const policy = asRecord(spec.retryPolicy);
    if (policy) {
      const perTry = formatDuration(policy.perRetryTimeout);
      const perTryMillis = durationMillis(policy.perRetryTimeout);
      const requestMillis = durationMillis(getPath(spec, 'timeout.perRequest'));
      if (
        perTry &&
        (requestMillis === undefined || (perTryMillis ?? 0) <= requestMillis)
      ) {
        timeouts.backendRequest = perTry;
        ledger.carry(
          `${path}.retryPolicy.perRetryTimeout`,
          'timeouts.backendRequest',
        );
      } else if (perTry) {
        ledger.manual(
          `${path}.retryPolicy.perRetryTimeout`,
          `(${perTry}) not carried: Gateway API requires timeouts.backendRequest to be at most timeouts.request`,
          'Pick a per-attempt timeout no longer than the request timeout.',
        );
      }
      if (this.target === 'linkerd')
        this.linkerdRetries(policy, path, ledger, rule);
      else this.gammaRetries(policy, path, ledger, rule);
    }
    if (Object.keys(timeouts).length > 0) rule.timeouts = timeouts;
    return rule;
  }

  private gammaRetries(
    policy: JsonRecord,
    path: string,
    ledger: FieldLedger,
    rule: JsonRecord,
  ): void {
    const codes = new Set<number>();
    const httpEvents = asStringArray(policy.httpRetryEvents);
    const carried = httpEvents.filter(event => RETRY_CODES[event]);
    const notCarried = httpEvents.filter(event => !RETRY_CODES[event]);
    carried.forEach(event =>
      RETRY_CODES[event].forEach(code => codes.add(code)),
    );
    if (carried.length > 0 && notCarried.length === 0)
      ledger.carry(`${path}.retryPolicy.httpRetryEvents`, 'retry.codes');
    if (notCarried.length > 0)
      ledger.manual(
        `${path}.retryPolicy.httpRetryEvents`,
        `events ${notCarried.join(
          ', ',
        )} not carried: Gateway API retries only on status codes and connection errors`,
        'Configure the retry condition in the implementation (e.g. an Istio VirtualService retryOn) if it matters.',
      );
    const tcpEvents = asStringArray(policy.tcpRetryEvents);
    if (tcpEvents.length > 0) {
      if (tcpEvents.every(event => event === 'connection-error'))
        ledger.carry(
          `${path}.retryPolicy.tcpRetryEvents`,
          'retry stanza (connection errors are retried where HTTPRouteRetryConnectionError is supported)',
        );
      else
        ledger.manual(
          `${path}.retryPolicy.tcpRetryEvents`,
          `(${tcpEvents.join(', ')}) not carried`,
          'Gateway API has no TCP retry events besides connection errors.',
        );
    }
    const retry: JsonRecord = {};
    const attempts = asNumber(policy.maxRetries);
    if (attempts !== undefined) {
      retry.attempts = attempts;
      ledger.carry(`${path}.retryPolicy.maxRetries`, 'retry.attempts');
    }
    if (codes.size > 0) retry.codes = [...codes].sort((a, b) => a - b);
    for (const grpc of ['grpcRetryEvents']) {
      if (asStringArray(policy[grpc]).length > 0)
        ledger.manual(
          `${path}.retryPolicy.${grpc}`,
          'not carried: Gateway API has no gRPC status retries',
          'Configure gRPC retries in the implementation.',
        );
    }
    if (Object.keys(retry).length > 0) {
      rule.retry = retry;
      this.noteOnce(
        'HTTPRoute `retry` is an Extended feature (HTTPRouteRetryCodes, HTTPRouteRetryConnectionError): it needs Gateway API v1.2+ CRDs from the experimental channel (standard channel from v1.7) and an implementation that supports it; otherwise apply the rule without `retry` and configure retries in the implementation.',
      );
    }
  }

  /** Linkerd reads retries from HTTPRoute annotations (`retry.linkerd.io/*`, Linkerd 2.16+). */
  private linkerdRetries(
    policy: JsonRecord,
    path: string,
    ledger: FieldLedger,
    rule: JsonRecord,
  ): void {
    const annotations: Record<string, string> = {};
    const httpEvents = asStringArray(policy.httpRetryEvents);
    const values = httpEvents
      .filter(event => LINKERD_RETRY[event])
      .map(event => LINKERD_RETRY[event]);
    const notCarried = httpEvents.filter(event => !LINKERD_RETRY[event]);
    if (values.length > 0)
      annotations['retry.linkerd.io/http'] = [...new Set(values)].join(',');
    if (values.length > 0 && notCarried.length === 0)
      ledger.carry(
        `${path}.retryPolicy.httpRetryEvents`,
        'retry.linkerd.io/http',
      );
    if (notCarried.length > 0)
      ledger.manual(
        `${path}.retryPolicy.httpRetryEvents`,
        `events ${notCarried.join(
          ', ',
        )} not carried: Linkerd retries on status codes only`,
        'Linkerd has no equivalent condition.',
      );
    if (asStringArray(policy.tcpRetryEvents).length > 0)
      ledger.manual(
        `${path}.retryPolicy.tcpRetryEvents`,
        'not carried: Linkerd has no per-route connection-error retries (its balancer retries failed connections to other endpoints itself)',
        'Check that Linkerd’s default connection handling is enough.',
      );
    if (asStringArray(policy.grpcRetryEvents).length > 0)
      ledger.manual(
        `${path}.retryPolicy.grpcRetryEvents`,
        'not carried: use retry.linkerd.io/grpc on a GRPCRoute',
        'Linkerd reads gRPC retry conditions from GRPCRoute annotations.',
      );
    const attempts = asNumber(policy.maxRetries);
    if (attempts !== undefined) {
      annotations['retry.linkerd.io/limit'] = String(attempts);
      ledger.carry(`${path}.retryPolicy.maxRetries`, 'retry.linkerd.io/limit');
    }
    const perTry = formatDuration(policy.perRetryTimeout);
    if (perTry) {
      annotations['retry.linkerd.io/timeout'] = perTry;
    }
    if (Object.keys(annotations).length > 0) {
      rule['meshwise/annotations'] = annotations;
      this.noteOnce(
        'Linkerd reads retries from annotations on the HTTPRoute (retry.linkerd.io/http, /limit, /timeout; Linkerd 2.16+), which apply to every rule of the route.',
      );
    }
  }

  private gammaMatch(
    match: JsonRecord,
    path: string,
    ledger: FieldLedger,
  ): JsonRecord | undefined {
    const out: JsonRecord = {};
    const prefix = asString(match.prefix);
    if (prefix !== undefined) {
      out.path = { type: 'PathPrefix', value: prefix };
      ledger.carry(`${path}.prefix`, 'PathPrefix');
    }
    const exact = asString(getPath(match, 'path.exact'));
    const regex = asString(getPath(match, 'path.regex'));
    if (exact !== undefined) {
      out.path = { type: 'Exact', value: exact };
      ledger.carry(`${path}.path.exact`, 'Exact');
    } else if (regex !== undefined) {
      out.path = { type: 'RegularExpression', value: regex };
      ledger.carry(`${path}.path.regex`, 'RegularExpression');
    }
    const method = asString(match.method);
    if (method) {
      out.method = method;
      ledger.carry(`${path}.method`);
    }
    for (const field of ['scheme', 'port']) {
      if (match[field] !== undefined)
        ledger.manual(
          `${path}.${field}`,
          `(${String(
            match[field],
          )}) not carried: Gateway API route matches have no ${field}`,
          field === 'port'
            ? 'Attach a separate route to the Service port with parentRefs[].port.'
            : 'Match on the scheme in the implementation, or drop the condition.',
        );
    }
    const headers = this.gammaHeaders(
      asRecords(match.headers),
      `${path}.headers`,
      ledger,
    );
    if (headers.length > 0) out.headers = headers;
    const params: JsonRecord[] = [];
    asRecords(match.queryParameters).forEach((param, i) => {
      const name = asString(param.name);
      if (!name) return;
      const value = asString(getPath(param, 'match.exact'));
      params.push(
        value !== undefined
          ? { type: 'Exact', name, value }
          : { type: 'RegularExpression', name, value: '.*' },
      );
      ledger.carry(`${path}.queryParameters[${i}]`, 'queryParams');
    });
    if (params.length > 0) out.queryParams = params;
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private gammaHeaders(
    headers: JsonRecord[],
    path: string,
    ledger: FieldLedger,
  ): JsonRecord[] {
    const out: JsonRecord[] = [];
    headers.forEach((header, i) => {
      const name = asString(header.name);
      const headerPath = `${path}[${i}]`;
      if (!name) return;
      if (header.invert === true) {
        ledger.manual(
          headerPath,
          `(header ${name}) not carried: Gateway API cannot match the absence or negation of a header`,
          'Add a higher-precedence rule for the matching case, or handle it in the implementation.',
        );
        return;
      }
      const match = asRecord(header.match);
      let entry: JsonRecord | undefined;
      if (!match) entry = { type: 'RegularExpression', name, value: '.*' };
      else if (asString(match.exact) !== undefined)
        entry = { type: 'Exact', name, value: asString(match.exact) };
      else if (asString(match.prefix) !== undefined)
        entry = {
          type: 'RegularExpression',
          name,
          value: `${escapeRegex(asString(match.prefix) ?? '')}.*`,
        };
      else if (asString(match.suffix) !== undefined)
        entry = {
          type: 'RegularExpression',
          name,
          value: `.*${escapeRegex(asString(match.suffix) ?? '')}`,
        };
      else if (asString(match.regex) !== undefined)
        entry = {
          type: 'RegularExpression',
          name,
          value: asString(match.regex),
        };
      if (!entry) {
        ledger.manual(
          headerPath,
          `(header ${name} ${JSON.stringify(
            match,
          )}) not carried: Gateway API has no range match`,
          'Express the range as a RegularExpression header match by hand.',
        );
        return;
      }
      if (entry.type === 'RegularExpression')
        this.noteOnce(
          'RegularExpression header and path matches are implementation-specific in Gateway API (Envoy-based implementations use RE2); prefix, suffix and presence matches of App Mesh are expressed as regular expressions.',
        );
      out.push(entry);
      ledger.carry(headerPath, 'headers');
    });
    return out;
  }

  private gammaGrpcRule(
    spec: JsonRecord,
    path: string,
    ledger: FieldLedger,
    destinations: Destination[],
    namespace: string,
  ): JsonRecord {
    const rule: JsonRecord = {};
    const match: JsonRecord = {};
    const service = asString(getPath(spec, 'match.serviceName'));
    const method = asString(getPath(spec, 'match.methodName'));
    if (service || method) {
      const m: JsonRecord = { type: 'Exact' };
      if (service) m.service = service;
      if (method) m.method = method;
      match.method = m;
      if (service) ledger.carry(`${path}.match.serviceName`);
      if (method) ledger.carry(`${path}.match.methodName`);
    }
    const headers = this.gammaHeaders(
      asRecords(getPath(spec, 'match.metadata')),
      `${path}.match.metadata`,
      ledger,
    );
    if (headers.length > 0) match.headers = headers;
    if (getPath(spec, 'match.port') !== undefined)
      ledger.manual(
        `${path}.match.port`,
        'not carried: GRPCRoute matches have no port',
        'Attach the route to the Service port instead.',
      );
    if (Object.keys(match).length > 0) rule.matches = [match];
    rule.backendRefs = destinations.map(d => backendRef(d, namespace, true));
    if (asRecord(spec.retryPolicy))
      ledger.manual(
        `${path}.retryPolicy`,
        'not carried: GRPCRoute has no retry field',
        'Configure gRPC retries in the implementation.',
      );
    if (asRecord(spec.timeout))
      ledger.manual(
        `${path}.timeout`,
        'not carried: GRPCRoute has no timeouts field',
        'Configure gRPC timeouts in the implementation.',
      );
    return rule;
  }

  /** Gateway API orders rules by specificity, not list order: flags where that changes App Mesh's priority order. */
  private checkPrecedence(
    rules: Array<{ rule: JsonRecord; index: number }>,
    ledger: FieldLedger,
  ): void {
    const rank = (rule: JsonRecord): number[] => {
      const match = asRecords(rule.matches)[0] ?? {};
      const pathType = asString(getPath(match, 'path.type'));
      const value = asString(getPath(match, 'path.value')) ?? '/';
      return [
        pathType === 'Exact' ? 0 : 1,
        pathType === 'PathPrefix' || pathType === undefined ? -value.length : 0,
        match.method ? 0 : 1,
        -asRecords(match.headers).length,
        -asRecords(match.queryParams).length,
      ];
    };
    const sorted = [...rules].sort((a, b) => {
      const ra = rank(a.rule);
      const rb = rank(b.rule);
      for (let i = 0; i < ra.length; i += 1)
        if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return 0;
    });
    if (sorted.some((entry, i) => entry !== rules[i])) {
      const routeName = (index: number) =>
        asString(
          asRecords(getPath(ledger.object, 'spec.routes'))[index]?.name,
        ) ?? `#${index}`;
      this.extraManual.push({
        what: `${ledger.object.kind} ${ledger.object.metadata.name}: spec.routes[].priority order is not guaranteed in Gateway API`,
        why: `Gateway API evaluates rules by match specificity (exact path, longest prefix, method, number of header and query matches), not by list order: it would try ${sorted
          .map(entry => routeName(entry.index))
          .join(', ')} where App Mesh tried ${rules
          .map(entry => routeName(entry.index))
          .join(
            ', ',
          )}. Check that overlapping routes still win as intended; narrow the matches if not.`,
        source: `${ledger.label} spec.routes[].priority`,
      });
    }
  }

  // ---------------------------------------------------------- VirtualNode

  private translateNode(node: KubeObject): void {
    const ledger = this.ledger(node);
    ledger.ignore(
      'spec.meshRef',
      'the App Mesh mesh reference has no equivalent',
    );
    ledger.ignore('spec.awsName', 'AWS-side name, not needed');
    ledger.carry('spec.podSelector', 'workload selection');
    const nodeService = this.serviceOfNode(node);
    const placement = this.nodePlacement.get(node);
    const listeners = asRecords(getPath(node, 'spec.listeners'));
    const workload = this.workloads.find(w =>
      matchesLabelSelector(
        labelSelectorFromObject(getPath(node, 'spec.podSelector')),
        w.template.labels,
      ),
    );
    listeners.forEach((listener, i) => {
      const path = `spec.listeners[${i}]`;
      ledger.carry(`${path}.portMapping`, 'Service port and protocol');
      this.healthCheck(listener, path, ledger, workload);
      this.trafficPolicy(node, listener, path, ledger, placement, nodeService);
      this.listenerTls(node, listener, path, ledger);
      const timeout = asRecord(listener.timeout);
      if (timeout) {
        for (const type of ['http', 'http2', 'grpc', 'tcp']) {
          for (const field of ['perRequest', 'idle']) {
            const value = formatDuration(getPath(timeout, `${type}.${field}`));
            const fieldPath = `${path}.timeout.${type}.${field}`;
            if (!value || ledger.isAccounted(fieldPath)) continue;
            ledger.manual(
              fieldPath,
              `(${value}) not carried: a server-side ${
                field === 'idle' ? 'idle' : 'request'
              } timeout has no ${this.label} equivalent`,
              field === 'idle'
                ? 'Set connection idle timeouts in the mesh (Istio: DestinationRule connectionPool idleTimeout) if you relied on it.'
                : 'Route timeouts apply on the client side; the VirtualRouter route timeout is carried where set. Put the timeout on the route if clients should enforce it.',
            );
          }
        }
      }
    });
    this.backends(node, ledger);
    this.accessLog(node, ledger);
  }

  private healthCheck(
    listener: JsonRecord,
    path: string,
    ledger: FieldLedger,
    workload?: Workload,
  ): void {
    const check = asRecord(listener.healthCheck);
    if (!check) return;
    const probePath = asString(check.path);
    const hasReadiness = workload?.template.spec.containers.some(c =>
      c.probes.some(probe => probe.kind === 'readinessProbe'),
    );
    ledger.manual(
      `${path}.healthCheck`,
      `(${asString(check.protocol) ?? 'tcp'}${
        probePath ? ` ${probePath}` : ''
      } every ${asNumber(check.intervalMillis) ?? '?'}ms) not carried: ${
        this.label
      } has no active health checks`,
      hasReadiness
        ? 'Kubernetes readiness probes decide which pods get traffic; the pods already have a readinessProbe, check it covers the same endpoint.'
        : `Kubernetes readiness probes decide which pods get traffic; add a readinessProbe${
            probePath ? ` (httpGet ${probePath})` : ''
          } to the pod template.`,
    );
  }

  private trafficPolicy(
    node: KubeObject,
    listener: JsonRecord,
    path: string,
    ledger: FieldLedger,
    placement: Destination | undefined,
    nodeService: ServiceRef,
  ): void {
    const outlier = asRecord(listener.outlierDetection);
    const pool = asRecord(listener.connectionPool);
    if (!outlier && !pool) return;
    if (this.flavour !== 'istio') {
      if (outlier)
        ledger.manual(
          `${path}.outlierDetection`,
          `(eject after ${
            asNumber(outlier.maxServerErrors) ?? '?'
          } server errors) not carried: ${
            this.label
          } has no outlier detection API`,
          this.target === 'linkerd'
            ? 'Linkerd has consecutive-failure accrual: annotate the Service with balancer.linkerd.io/failure-accrual: consecutive and balancer.linkerd.io/failure-accrual-consecutive-max-failures.'
            : 'Configure passive health checking in the implementation if it offers it.',
        );
      if (pool)
        ledger.manual(
          `${path}.connectionPool`,
          `not carried: ${this.label} has no connection pool limits`,
          'Size the application or the implementation’s limits by hand.',
        );
      return;
    }
    const policy: JsonRecord = {};
    if (outlier) {
      const detection: JsonRecord = {};
      const errors = asNumber(outlier.maxServerErrors);
      if (errors !== undefined) detection.consecutive5xxErrors = errors;
      const interval = formatDuration(outlier.interval);
      if (interval) detection.interval = interval;
      const ejection = formatDuration(outlier.baseEjectionDuration);
      if (ejection) detection.baseEjectionTime = ejection;
      const percent = asNumber(outlier.maxEjectionPercent);
      if (percent !== undefined) detection.maxEjectionPercent = percent;
      policy.outlierDetection = detection;
      ledger.carry(
        `${path}.outlierDetection`,
        'DestinationRule outlierDetection',
      );
    }
    if (pool) {
      const tcp: JsonRecord = {};
      const http: JsonRecord = {};
      const maxConnections =
        asNumber(getPath(pool, 'tcp.maxConnections')) ??
        asNumber(getPath(pool, 'http.maxConnections'));
      if (maxConnections !== undefined) tcp.maxConnections = maxConnections;
      const pending = asNumber(getPath(pool, 'http.maxPendingRequests'));
      if (pending !== undefined) http.http1MaxPendingRequests = pending;
      const requests =
        asNumber(getPath(pool, 'http2.maxRequests')) ??
        asNumber(getPath(pool, 'grpc.maxRequests'));
      if (requests !== undefined) http.http2MaxRequests = requests;
      const connectionPool: JsonRecord = {};
      if (Object.keys(tcp).length > 0) connectionPool.tcp = tcp;
      if (Object.keys(http).length > 0) connectionPool.http = http;
      policy.connectionPool = connectionPool;
      ledger.carry(
        `${path}.connectionPool`,
        'DestinationRule connectionPool (applied by clients, App Mesh applied it on the server side)',
      );
    }
    if (placement?.subset) {
      const draft = this.destinationRule(placement.host, placement.hostService);
      const subset = draft.subsets.get(placement.subset.name);
      if (subset) subset.policy = { ...(subset.policy ?? {}), ...policy };
    } else {
      const host =
        placement?.host ?? serviceFqdn(nodeService.name, nodeService.namespace);
      const draft = this.destinationRule(
        host,
        placement ? placement.hostService : nodeService,
      );
      draft.policy = { ...(draft.policy ?? {}), ...policy };
    }
    void node;
  }

  private listenerTls(
    node: KubeObject,
    listener: JsonRecord,
    path: string,
    ledger: FieldLedger,
  ): void {
    const tls = asRecord(listener.tls);
    if (!tls) return;
    const mode = asString(tls.mode);
    const meshMtls =
      this.flavour !== 'gamma' || ['linkerd', 'kuma'].includes(this.target);
    if (meshMtls && this.target !== 'cilium') {
      if (mode === 'STRICT') this.strictTls = true;
      ledger.carry(`${path}.tls.mode`, 'mesh mTLS (harden step)');
    } else {
      ledger.manual(
        `${path}.tls.mode`,
        `(${mode ?? 'unset'}) not carried: ${
          this.label
        } does not provide workload mTLS by itself`,
        this.target === 'gateway-api'
          ? 'With VPC Lattice, protect the service with an IAMAuthPolicy and HTTPS listeners; with a GAMMA mesh, use its mTLS.'
          : 'Cilium ztunnel encryption is namespace-wide and has no strict mode; restrict plaintext with CiliumNetworkPolicy.',
      );
    }
    const certificate = asRecord(tls.certificate);
    if (certificate) {
      const source = Object.keys(certificate)[0] ?? 'unknown';
      ledger.manual(
        `${path}.tls.certificate`,
        `(${
          CERTIFICATE_SOURCES[source] ?? source
        }) not carried: configure mTLS via the mesh`,
        meshMtls
          ? `${this.label} issues and rotates workload certificates itself; remove the mounted certificates (appmesh.k8s.aws/secretMounts) and their Secrets once traffic moved.`
          : 'Gateway API routes carry no workload certificates.',
      );
    }
    const validation = asRecord(tls.validation);
    if (validation) {
      const sans = asStringArray(
        getPath(validation, 'subjectAlternativeNames.match.exact'),
      );
      ledger.manual(
        `${path}.tls.validation`,
        `${
          sans.length > 0 ? `(accepts clients ${sans.join(', ')}) ` : ''
        }not carried: the mesh validates peers against its own CA`,
        sans.length > 0
          ? `To keep only these clients, ${
              this.flavour === 'istio'
                ? 'write an AuthorizationPolicy allowing their principals (cluster.local/ns/<ns>/sa/<serviceaccount>); give each client its own ServiceAccount first.'
                : 'write an authorization policy on the clients’ identities (ServiceAccounts).'
            }`
          : 'The mesh trust domain replaces the App Mesh trust bundle.',
      );
    }
    void node;
  }

  private backends(node: KubeObject, ledger: FieldLedger): void {
    const backends = asRecords(getPath(node, 'spec.backends'));
    const names = backends.map(
      backend =>
        asString(getPath(backend, 'virtualService.virtualServiceRef.name')) ??
        asString(getPath(backend, 'virtualService.virtualServiceARN')) ??
        '?',
    );
    if (backends.length > 0) {
      ledger.manual(
        'spec.backends',
        `(${names.join(', ')}) not carried: ${
          this.label
        } needs no backend list`,
        'App Mesh only routed to declared backends; the new setup lets the workload call any Service. If the list was an allow-list, enforce it with authorization policies on the servers.',
      );
    }
    backends.forEach((backend, i) => {
      if (asRecord(getPath(backend, 'virtualService.clientPolicy')))
        this.clientPolicy(
          node,
          ledger,
          `spec.backends[${i}].virtualService.clientPolicy`,
          names[i],
        );
    });
    if (asRecords(getPath(node, 'spec.backendGroups')).length > 0)
      ledger.manual(
        'spec.backendGroups',
        'not carried: no backend list is needed',
        'See spec.backends.',
      );
    if (asRecord(getPath(node, 'spec.backendDefaults.clientPolicy')))
      this.clientPolicy(
        node,
        ledger,
        'spec.backendDefaults.clientPolicy',
        'all backends',
      );
  }

  private clientPolicy(
    node: KubeObject,
    ledger: FieldLedger,
    path: string,
    backend: string,
  ): void {
    const tls = asRecord(
      getPath(getPath(node, path.replace(/\[(\d+)\]/g, '.$1')), 'tls'),
    );
    const enforce = tls?.enforce !== false;
    const source = Object.keys(asRecord(tls?.certificate) ?? {})[0];
    ledger.manual(
      path,
      `(client TLS to ${backend}${
        source
          ? `, ${
              source === 'file' ? 'file-based certs' : source
            } client certificate`
          : ''
      }) not carried: configure mTLS via the mesh`,
      `The mesh originates mTLS between meshed workloads itself. ${
        enforce
          ? `While this client still runs on App Mesh it originates TLS with App Mesh certificates, which a ${this.label} server cannot accept: move this workload and its TLS backends in the same window.`
          : ''
      }`.trim(),
    );
    if (enforce) this.tlsClients.push(describeObject(node));
  }

  private accessLog(node: KubeObject, ledger: FieldLedger): void {
    const file = asRecord(getPath(node, 'spec.logging.accessLog.file'));
    if (!file) return;
    const path = asString(file.path);
    if (
      this.flavour === 'istio' &&
      (path === '/dev/stdout' || path === undefined)
    ) {
      ledger.carry(
        'spec.logging.accessLog.file.path',
        'Telemetry accessLogging',
      );
      const podLabels = asStringMap(
        getPath(node, 'spec.podSelector.matchLabels'),
      );
      this.manifests.push({
        description: `Telemetry ${node.metadata.name}-access-log: Envoy access logs to stdout for the pods of VirtualNode ${node.metadata.name} (from spec.logging.accessLog)`,
        object: {
          apiVersion: 'telemetry.istio.io/v1',
          kind: 'Telemetry',
          metadata: {
            name: `${node.metadata.name}-access-log`,
            namespace: node.metadata.namespace ?? 'default',
          },
          spec: {
            selector: { matchLabels: podLabels },
            accessLogging: [{ providers: [{ name: 'envoy' }] }],
          },
        },
      });
    } else {
      ledger.manual(
        'spec.logging.accessLog.file.path',
        `(${path}) not carried`,
        this.target === 'linkerd'
          ? 'Linkerd writes proxy access logs when the pod is annotated config.linkerd.io/access-log: apache (or json).'
          : 'Enable access logs in the new data plane (Istio: Telemetry accessLogging; Lattice: access log subscriptions).',
      );
    }
    if (asRecord(file.format))
      ledger.manual(
        'spec.logging.accessLog.file.format',
        'not carried: the log format is set mesh-wide',
        'Configure the access log format in the mesh configuration (Istio: meshConfig.accessLogFormat).',
      );
  }

  // ---------------------------------------------------- VirtualGateway

  private translateGateway(gateway: KubeObject): void {
    const ledger = this.ledger(gateway);
    ledger.ignore('spec.meshRef', 'not needed');
    ledger.ignore('spec.awsName', 'not needed');
    if (this.flavour === 'none' || this.target === 'linkerd') {
      ledger.manual(
        'spec',
        `(ingress gateway) not carried: ${this.label} has no built-in ingress gateway`,
        'Put an ingress controller or Gateway API implementation in front of the service and mesh its pods.',
      );
      return;
    }
    ledger.carry(
      'spec.podSelector',
      'replaced by the Gateway’s own Deployment',
    );
    ledger.carry('spec.namespaceSelector', 'Gateway listeners allowedRoutes');
    ledger.carry('spec.gatewayRouteSelector', 'routes attach by parentRef');
    let className: string = this.target;
    if (this.flavour === 'istio') className = 'istio';
    else if (this.target === 'gateway-api') className = 'amazon-vpc-lattice';
    const listeners = asRecords(getPath(gateway, 'spec.listeners')).flatMap(
      (listener, i) => {
        const path = `spec.listeners[${i}]`;
        const port = asNumber(getPath(listener, 'portMapping.port'));
        const protocol = (
          asString(getPath(listener, 'portMapping.protocol')) ?? 'http'
        ).toLowerCase();
        if (port === undefined) return [];
        ledger.carry(`${path}.portMapping`, 'Gateway listener');
        const tls = asRecord(listener.tls);
        if (tls)
          ledger.manual(
            `${path}.tls`,
            '(listener TLS) not carried: Gateway listeners reference certificates as Kubernetes Secrets',
            'Create a kubernetes.io/tls Secret and set listeners[].tls.certificateRefs; switch the listener protocol to HTTPS.',
          );
        if (asRecord(listener.healthCheck))
          ledger.manual(
            `${path}.healthCheck`,
            'not carried: Gateways have no active health checks',
            'Use readiness probes on the backends.',
          );
        if (asRecord(listener.connectionPool))
          ledger.manual(
            `${path}.connectionPool`,
            'not carried',
            'Configure limits in the Gateway implementation.',
          );
        return [
          {
            name: `${protocol}-${port}`,
            port,
            protocol:
              protocol === 'grpc' || protocol === 'http2' ? 'HTTP' : 'HTTP',
            allowedRoutes: {
              namespaces: {
                from: asRecord(getPath(gateway, 'spec.namespaceSelector'))
                  ? 'Selector'
                  : 'Same',
                ...(asRecord(getPath(gateway, 'spec.namespaceSelector'))
                  ? { selector: getPath(gateway, 'spec.namespaceSelector') }
                  : {}),
              },
            },
          },
        ];
      },
    );
    if (asRecord(getPath(gateway, 'spec.backendDefaults.clientPolicy')))
      ledger.manual(
        'spec.backendDefaults.clientPolicy',
        '(client TLS) not carried',
        'The mesh provides mTLS from the gateway to meshed backends.',
      );
    if (asRecord(getPath(gateway, 'spec.logging')))
      ledger.manual(
        'spec.logging',
        'not carried',
        'Enable access logs in the Gateway implementation.',
      );
    this.manifests.push({
      description: `Gateway ${gateway.metadata.name}: replaces App Mesh VirtualGateway ${gateway.metadata.name} (gatewayClassName ${className}); its envoy Deployment can go once traffic moved`,
      object: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          name: gateway.metadata.name,
          namespace: gateway.metadata.namespace ?? 'default',
        },
        spec: { gatewayClassName: className, listeners },
      },
    });
  }

  private translateGatewayRoute(route: KubeObject): void {
    const ledger = this.ledger(route);
    ledger.ignore('spec.meshRef', 'not needed');
    ledger.ignore('spec.awsName', 'not needed');
    const gateway = gatewayOfRoute(route, this.index);
    if (!gateway || this.flavour === 'none' || this.target === 'linkerd') {
      ledger.manual(
        'spec',
        gateway
          ? `not carried: ${this.label} has no built-in ingress gateway`
          : 'not carried: its VirtualGateway is not in the input',
        'Translate the ingress route by hand.',
      );
      return;
    }
    ledger.carry('spec.virtualGatewayRef', 'parentRef');
    if (
      route.spec &&
      asRecord(route.spec) &&
      (route.spec as JsonRecord).priority !== undefined
    )
      ledger.carry(
        'spec.priority',
        'rule order (Gateway API orders by specificity)',
      );
    const namespace = route.metadata.namespace ?? 'default';
    for (const type of ['httpRoute', 'http2Route', 'grpcRoute']) {
      const spec = asRecord(getPath(route, `spec.${type}`));
      if (!spec) continue;
      const path = `spec.${type}`;
      const vsRef = getPath(
        spec,
        'action.target.virtualService.virtualServiceRef',
      );
      const vs = asRecord(vsRef)
        ? this.index.get(
            KINDS.appMeshVirtualService,
            asString(getPath(vsRef, 'namespace')) ?? namespace,
            asString(getPath(vsRef, 'name')) ?? '',
          )
        : undefined;
      if (!vs) {
        ledger.manual(
          `${path}.action.target`,
          'not carried: target VirtualService not in the input',
          'Point the route at the backing Service by hand.',
        );
        continue;
      }
      ledger.carry(`${path}.action.target.virtualService`, 'backendRef');
      const svc = this.serviceOfVirtualService(vs);
      const targetPort = asNumber(getPath(spec, 'action.target.port'));
      if (targetPort !== undefined) ledger.carry(`${path}.action.target.port`);
      const backend: JsonRecord = { name: svc.name };
      if (svc.namespace !== namespace) backend.namespace = svc.namespace;
      const port = this.servicePort(svc, targetPort) ?? targetPort;
      if (port !== undefined) backend.port = port;
      const rule: JsonRecord = {};
      let match: JsonRecord | undefined;
      const hostnames: string[] = [];
      const hostExact = asString(getPath(spec, 'match.hostname.exact'));
      const hostSuffix = asString(getPath(spec, 'match.hostname.suffix'));
      if (hostExact) {
        hostnames.push(hostExact);
        ledger.carry(`${path}.match.hostname.exact`, 'hostnames');
      }
      if (hostSuffix) {
        hostnames.push(
          `*${hostSuffix.startsWith('.') ? '' : '.'}${hostSuffix}`,
        );
        ledger.carry(`${path}.match.hostname.suffix`, 'hostnames (wildcard)');
      }
      if (type === 'grpcRoute') {
        const service = asString(getPath(spec, 'match.serviceName'));
        match = {};
        if (service) {
          match.method = { type: 'Exact', service };
          ledger.carry(`${path}.match.serviceName`);
        }
        const headers = this.gammaHeaders(
          asRecords(getPath(spec, 'match.metadata')),
          `${path}.match.metadata`,
          ledger,
        );
        if (headers.length > 0) match.headers = headers;
      } else {
        const matchPath = `${path}.match`;
        const source = { ...(asRecord(spec.match) ?? {}) };
        delete source.hostname;
        match = this.gammaMatch(source, matchPath, ledger);
        const rewrite = asRecord(getPath(spec, 'action.rewrite'));
        const prefixValue = asString(getPath(rewrite, 'prefix.value'));
        const exactPath = asString(getPath(rewrite, 'path.exact'));
        if (prefixValue !== undefined) {
          rule.filters = [
            {
              type: 'URLRewrite',
              urlRewrite: {
                path: {
                  type: 'ReplacePrefixMatch',
                  replacePrefixMatch: prefixValue,
                },
              },
            },
          ];
          ledger.carry(`${path}.action.rewrite.prefix.value`, 'URLRewrite');
        } else if (exactPath !== undefined) {
          rule.filters = [
            {
              type: 'URLRewrite',
              urlRewrite: {
                path: { type: 'ReplaceFullPath', replaceFullPath: exactPath },
              },
            },
          ];
          ledger.carry(`${path}.action.rewrite.path.exact`, 'URLRewrite');
        }
        if (
          asString(getPath(rewrite, 'prefix.defaultPrefix')) === 'ENABLED' ||
          asString(getPath(rewrite, 'prefix.defaultPrefix')) === 'DISABLED'
        )
          ledger.carry(
            `${path}.action.rewrite.prefix.defaultPrefix`,
            asString(getPath(rewrite, 'prefix.defaultPrefix')) === 'DISABLED'
              ? 'no rewrite'
              : 'App Mesh default rewrite: Gateway API keeps the path unless a filter is set',
          );
      }
      if (getPath(spec, 'action.rewrite.hostname') !== undefined)
        ledger.manual(
          `${path}.action.rewrite.hostname`,
          'not carried',
          'App Mesh rewrites the Host header to the target VirtualService by default; add a URLRewrite hostname filter if the backend needs it.',
        );
      if (match && Object.keys(match).length > 0) rule.matches = [match];
      rule.backendRefs = [backend];
      const object: MigrationObject = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: type === 'grpcRoute' ? 'GRPCRoute' : 'HTTPRoute',
        metadata: { name: route.metadata.name, namespace },
        spec: {
          parentRefs: [
            {
              name: gateway.metadata.name,
              namespace: gateway.metadata.namespace ?? namespace,
            },
          ],
          ...(hostnames.length > 0 ? { hostnames } : {}),
          rules: [rule],
        },
      };
      this.manifests.push({
        description: `${object.kind} ${route.metadata.name}: ingress route from App Mesh GatewayRoute ${route.metadata.name} on Gateway ${gateway.metadata.name}`,
        object,
      });
    }
  }

  private translateMesh(mesh: KubeObject): void {
    const ledger = this.ledger(mesh);
    ledger.ignore('spec.awsName', 'not needed');
    ledger.ignore('spec.meshOwner', 'not needed');
    ledger.carry(
      'spec.namespaceSelector',
      'cleanup step removes the namespace label',
    );
    ledger.ignore('spec.serviceDiscovery', 'not needed');
    const egress = asString(getPath(mesh, 'spec.egressFilter.type'));
    if (egress === 'DROP_ALL') {
      ledger.manual(
        'spec.egressFilter.type',
        '(DROP_ALL) not carried: outbound traffic to unknown hosts is allowed by default',
        this.flavour === 'istio'
          ? 'Set meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY (mesh-wide) or a Sidecar outboundTrafficPolicy, and ServiceEntries for allowed external hosts.'
          : 'Restrict egress with NetworkPolicy or the mesh’s egress controls.',
      );
    } else if (egress) {
      ledger.carry('spec.egressFilter.type', 'ALLOW_ALL is the default');
    }
  }

  private emitDestinationRules(): void {
    if (this.flavour !== 'istio') return;
    for (const draft of this.destinationRules.values()) {
      if (draft.subsets.size === 0 && !draft.policy) continue;
      const spec: JsonRecord = { host: draft.host };
      if (draft.policy) spec.trafficPolicy = draft.policy;
      if (draft.subsets.size > 0)
        spec.subsets = [...draft.subsets].map(([name, subset]) => ({
          name,
          labels: subset.labels,
          ...(subset.policy ? { trafficPolicy: subset.policy } : {}),
        }));
      this.manifests.push({
        description: `DestinationRule ${draft.name}: ${
          draft.subsets.size > 0
            ? `subsets ${[...draft.subsets.keys()].join(
                ', ',
              )} from the VirtualNodes' podSelectors`
            : ''
        }${draft.subsets.size > 0 && draft.policy ? '; ' : ''}${
          draft.policy
            ? 'outlier detection / connection pool from the VirtualNode listeners'
            : ''
        }`,
        object: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: draft.name, namespace: draft.namespace },
          spec,
        },
      });
    }
  }

  private noteOnce(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }
}

function appProtocolOf(protocol: string): string {
  switch (protocol.toLowerCase()) {
    case 'http':
      return 'http';
    case 'http2':
      return 'kubernetes.io/h2c';
    case 'grpc':
      return 'grpc';
    default:
      return 'tcp';
  }
}

function stripInternalAnnotations(object: MigrationObject): MigrationObject {
  const annotations = { ...(object.metadata.annotations ?? {}) };
  delete annotations['meshwise/discovery'];
  const metadata = { ...object.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...object, metadata };
}

function sameLabels(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  return isSubsetOf(a, b) && isSubsetOf(b, a);
}

function istioDestination(
  destination: Destination,
  weighted: boolean,
): JsonRecord {
  const target: JsonRecord = { host: destination.host };
  if (destination.subset) target.subset = destination.subset.name;
  if (destination.hostPort !== undefined)
    target.port = { number: destination.hostPort };
  const out: JsonRecord = { destination: target };
  if (weighted) out.weight = destination.weight;
  return out;
}

/** Istio wants weights that add up to 100; App Mesh weights are relative. */
function normaliseWeights(routes: JsonRecord[]): void {
  if (routes.length < 2) return;
  const weights = routes.map(route => asNumber(route.weight) ?? 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 100 || total === 0) return;
  const exact = weights.map(weight => (weight * 100) / total);
  const floors = exact.map(Math.floor);
  let remainder = 100 - floors.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, i) => ({ i, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i] += 1;
    remainder -= 1;
  }
  routes.forEach((route, i) => {
    route.weight = floors[i];
  });
}

function backendRef(
  destination: Destination,
  routeNamespace: string,
  weighted: boolean,
): JsonRecord {
  const ref: JsonRecord = { name: destination.service.name };
  if (destination.service.namespace !== routeNamespace)
    ref.namespace = destination.service.namespace;
  if (destination.servicePort !== undefined) ref.port = destination.servicePort;
  if (weighted) ref.weight = destination.weight;
  return ref;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

export function translateAppMesh(
  objects: AppMeshObjects,
  index: ClusterIndex,
  target: MigrationTarget,
  workloads: readonly Workload[],
): AppMeshTranslation {
  return new Translator(objects, index, target, workloads).run();
}

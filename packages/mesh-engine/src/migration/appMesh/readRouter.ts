import {
  asNumber,
  asRecord,
  asRecords,
  asString,
  asStringMap,
  getPath,
  JsonRecord,
} from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import {
  Listener,
  Protocol,
  RoutedService,
  Route,
  ServiceRef,
  Target,
} from './model';
import {
  readGrpcMatch,
  readHttpMatch,
  readRetry,
  readTimeouts,
} from './readMatch';
import { duration, portOf, protocolOf, ReadContext } from './readContext';
import {
  findServicePort,
  generateParent,
  serviceOfNode,
  serviceOfVirtualService,
} from './readServices';

const ROUTE_TYPES: ReadonlyArray<[string, Protocol]> = [
  ['httpRoute', 'http'],
  ['http2Route', 'http2'],
  ['grpcRoute', 'grpc'],
  ['tcpRoute', 'tcp'],
];

/** A VirtualService with its provider (VirtualRouter routes or one VirtualNode). */
export function readVirtualService(
  context: ReadContext,
  vs: KubeObject,
): RoutedService | undefined {
  const ledger = context.ledger(vs);
  ledger.ignore(
    'spec.meshRef',
    'the App Mesh mesh reference has no equivalent',
  );
  const namespace = vs.metadata.namespace ?? 'default';
  const svc = serviceOfVirtualService(context, vs);
  const routerRef = asRecord(
    getPath(vs, 'spec.provider.virtualRouter.virtualRouterRef'),
  );
  const nodeRef = asRecord(
    getPath(vs, 'spec.provider.virtualNode.virtualNodeRef'),
  );
  if (routerRef) {
    ledger.carry('spec.provider.virtualRouter.virtualRouterRef');
    const name = asString(routerRef.name) ?? '';
    const router = context.index.get(
      KINDS.appMeshVirtualRouter,
      asString(routerRef.namespace) ?? namespace,
      name,
    );
    if (!router) {
      ledger.manual(
        'spec.provider.virtualRouter',
        `names VirtualRouter ${name}, which is not in the input; its routes were not translated`,
        'Include the VirtualRouter in the input and generate the plan again.',
      );
      return undefined;
    }
    return readRouter(context, vs, svc, router);
  }
  if (nodeRef) {
    ledger.carry('spec.provider.virtualNode.virtualNodeRef');
    const node = context.node(nodeRef, namespace);
    if (!node) {
      ledger.manual(
        'spec.provider.virtualNode',
        'names a VirtualNode that is not in the input',
        'Include the VirtualNode in the input and generate the plan again.',
      );
      return undefined;
    }
    return readNodeProvider(context, vs, svc, node);
  }
  if (getPath(vs, 'spec.provider') !== undefined)
    ledger.manual(
      'spec.provider',
      'refers to its provider by ARN only; not translated',
      'Meshwise resolves providers by Kubernetes reference; translate this one by hand.',
    );
  return undefined;
}

function listenersOf(
  context: ReadContext,
  object: KubeObject,
  parent: ServiceRef,
): Listener[] {
  const ledger = context.ledger(object);
  return asRecords(getPath(object, 'spec.listeners')).flatMap((listener, i) => {
    const port = portOf(listener);
    if (port === undefined) return [];
    const path = `spec.listeners[${i}].portMapping`;
    ledger.carry(path, 'parent port');
    return [
      {
        port,
        protocol: protocolOf(getPath(listener, 'portMapping.protocol')),
        site: { ledger, path },
        servicePort: findServicePort(context, parent, port) ?? port,
      },
    ];
  });
}

function readNodeProvider(
  context: ReadContext,
  vs: KubeObject,
  svc: ServiceRef,
  node: KubeObject,
): RoutedService {
  const nodeListeners = asRecords(getPath(node, 'spec.listeners'));
  const parent = generateParent(
    context,
    svc,
    vs,
    nodeListeners.flatMap(l => {
      const port = portOf(l);
      return port === undefined
        ? []
        : [{ port, protocol: protocolOf(getPath(l, 'portMapping.protocol')) }];
    }),
  );
  const listeners = listenersOf(context, node, parent);
  const target = resolveTarget(context, node, {
    weight: 1,
    containerPort: listeners[0]?.port,
    site: context.site(vs, 'spec.provider.virtualNode'),
  });
  const nodeService = target.service;
  return {
    virtualService: vs,
    service: parent,
    listeners,
    routes: [],
    direct: {
      target,
      timeout: nodeRequestTimeout(context, node),
      sameService:
        nodeService.name === svc.name &&
        nodeService.namespace === svc.namespace,
    },
  };
}

/** A request timeout on the node's listener: clients enforced it in App Mesh, so routes carry it. */
function nodeRequestTimeout(context: ReadContext, node: KubeObject) {
  const listeners = asRecords(getPath(node, 'spec.listeners'));
  for (const [i, listener] of listeners.entries())
    for (const type of ['http', 'http2', 'grpc']) {
      const path = `spec.listeners[${i}].timeout.${type}.perRequest`;
      const value = duration(
        getPath(listener, `timeout.${type}.perRequest`),
        context.site(node, path),
      );
      if (value) return value;
    }
  return undefined;
}

function readRouter(
  context: ReadContext,
  vs: KubeObject,
  svc: ServiceRef,
  router: KubeObject,
): RoutedService {
  const ledger = context.ledger(router);
  ledger.ignore(
    'spec.meshRef',
    'the App Mesh mesh reference has no equivalent',
  );
  ledger.ignore('spec.awsName', 'AWS-side name, not needed');
  const raw = asRecords(getPath(router, 'spec.listeners')).flatMap(l => {
    const port = portOf(l);
    return port === undefined
      ? []
      : [{ port, protocol: protocolOf(getPath(l, 'portMapping.protocol')) }];
  });
  const parent = generateParent(context, svc, vs, raw);
  const listeners = listenersOf(context, router, parent);
  const routes: Route[] = [];
  const ordered = asRecords(getPath(router, 'spec.routes'))
    .map((route, index) => ({ route, index }))
    .sort((a, b) => {
      const pa = asNumber(a.route.priority) ?? Number.MAX_SAFE_INTEGER;
      const pb = asNumber(b.route.priority) ?? Number.MAX_SAFE_INTEGER;
      return pa - pb || a.index - b.index;
    });
  for (const { route, index } of ordered) {
    const base = `spec.routes[${index}]`;
    ledger.carry(`${base}.name`, 'route name');
    if (route.priority !== undefined)
      ledger.carry(`${base}.priority`, 'rule order');
    const found = ROUTE_TYPES.find(([key]) => asRecord(route[key]));
    if (!found) continue;
    const [key, protocol] = found;
    const spec = asRecord(route[key]) as JsonRecord;
    const path = `${base}.${key}`;
    const name = asString(route.name) ?? `#${index}`;
    const matchPort = asNumber(getPath(spec, 'match.port'));
    const onlyListener = listeners.length === 1 ? listeners[0] : undefined;
    const listener =
      matchPort !== undefined
        ? listeners.find(l => l.port === matchPort)
        : onlyListener;
    if (!listener) {
      ledger.manual(
        path,
        matchPort !== undefined
          ? `(route ${name}) not translated: match.port ${matchPort} is none of the router's listener ports`
          : `(route ${name}) not translated: the router listens on ${listeners
              .map(l => l.port)
              .join(', ')} and the route has no match.port to say which`,
        'Set match.port on the App Mesh route (or add the route by hand to the route of the right Service port).',
      );
      continue;
    }
    if (matchPort !== undefined)
      ledger.carry(`${path}.match.port`, 'route of that listener port');
    const targets = readTargets(context, router, spec, path, listener.port);
    if (targets.length === 0) continue;
    const match = asRecord(spec.match) ?? {};
    routes.push({
      name,
      index,
      protocol,
      site: { ledger, path },
      listenerPort: listener.port,
      http:
        protocol === 'http' || protocol === 'http2'
          ? readHttpMatch(match, ledger, `${path}.match`)
          : undefined,
      grpc:
        protocol === 'grpc'
          ? readGrpcMatch(match, ledger, `${path}.match`)
          : undefined,
      targets,
      retry: readRetry(spec, ledger, path),
      timeout: readTimeouts(spec, ledger, path),
    });
  }
  return { virtualService: vs, service: parent, router, listeners, routes };
}

function readTargets(
  context: ReadContext,
  router: KubeObject,
  spec: JsonRecord,
  path: string,
  listenerPort: number,
): Target[] {
  const ledger = context.ledger(router);
  const namespace = router.metadata.namespace ?? 'default';
  return asRecords(getPath(spec, 'action.weightedTargets')).flatMap(
    (target, i) => {
      const targetPath = `${path}.action.weightedTargets[${i}]`;
      const node = context.node(target.virtualNodeRef, namespace);
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
        return [];
      }
      const port = asNumber(target.port);
      if (port !== undefined)
        ledger.carry(`${targetPath}.port`, 'backend port');
      return [
        resolveTarget(context, node, {
          weight: asNumber(target.weight) ?? 1,
          containerPort: port ?? nodePortFor(node, listenerPort),
          site: { ledger, path: targetPath },
        }),
      ];
    },
  );
}

/** The node listener a router listener port reaches: the same port, else the node's only or first listener. */
function nodePortFor(
  node: KubeObject,
  listenerPort: number,
): number | undefined {
  const ports = asRecords(getPath(node, 'spec.listeners')).flatMap(l => {
    const port = portOf(l);
    return port === undefined ? [] : [port];
  });
  return ports.includes(listenerPort) ? listenerPort : ports[0] ?? listenerPort;
}

function resolveTarget(
  context: ReadContext,
  node: KubeObject,
  options: { weight: number; containerPort?: number; site: Target['site'] },
): Target {
  const service = serviceOfNode(context, node);
  context.ledger(node).carry('spec.podSelector', 'subset / Service selector');
  const containerPort = options.containerPort;
  let port =
    containerPort !== undefined
      ? findServicePort(context, service, containerPort)
      : service.view?.ports[0]?.port;
  if (port === undefined) {
    port = service.view?.ports[0]?.port ?? containerPort ?? 0;
    context.actions.push({
      what: `Check the port of Service ${service.namespace}/${service.name} for VirtualNode ${node.metadata.name}: no port of the Service targets container port ${containerPort}; the plan uses port ${port}`,
      why: 'A backendRef needs the Service port that forwards to the App Mesh listener port; Meshwise could not find one.',
      source: `${options.site.ledger.label} ${options.site.path}`,
    });
  }
  if (options.site.path.includes('weightedTargets'))
    options.site.ledger.carry(options.site.path, 'backend with weight');
  return {
    node,
    podLabels: asStringMap(getPath(node, 'spec.podSelector.matchLabels')),
    service,
    port,
    containerPort,
    weight: options.weight,
    site: options.site,
  };
}

import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deployment, namespace, service } from '../__testUtils__/manifests';
import { buildClusterIndex, ClusterIndex } from '../cluster/clusterIndex';
import { controlPlaneFacts } from '../cluster/controlPlane';
import { detectMesh } from '../detect/detectMesh';
import { MTLS_POLICY_KINDS } from '../detect/mtls';
import { describeKind } from '../detect/unreadableKinds';
import { KINDS } from '../model/kubeObject';
import { parseManifests } from '../parse/parseManifests';
import { listWorkloads } from '../workloads/listWorkloads';
import { findMeshResources } from '../workloads/meshResources';
import { MESH_MEMBERSHIP_KINDS } from './helpers';
import { GRPC_ROUTE } from './httpRoutesOnTcpPorts';
import { READINESS_CHECKS } from './registry';
import { runReadinessChecks } from './runChecks';
import { CheckContext, ReadinessCheck } from './types';

/**
 * `readsKinds` is how a check says which kinds its result depends on, so a
 * kind that could not be listed leaves it not evaluated instead of passing
 * or failing on an empty list (issue 13, item 9). These tests hold every
 * check of the registry to it: what it declares is honoured by the runner,
 * and what it reads (traced through the context) is declared.
 */

const ALL_KINDS = new Set<string>([
  ...Object.values(KINDS),
  GRPC_ROUTE,
  ...Object.values(MTLS_POLICY_KINDS).flat(),
]);

function declaredKinds(check: ReadinessCheck): Set<string> {
  return new Set([
    ...check.readsKinds,
    ...Object.values(check.readsKindsIn ?? {}).flat(),
  ]);
}

/** How a workload is enrolled in each mesh, for the per-mesh kinds. */
const ENROLMENT: Record<
  MeshId,
  {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    template?: Record<string, string>;
  }
> = {
  'istio-sidecar': { labels: { 'istio-injection': 'enabled' } },
  'istio-ambient': { labels: { 'istio.io/dataplane-mode': 'ambient' } },
  linkerd: { annotations: { 'linkerd.io/inject': 'enabled' } },
  kuma: { labels: { 'kuma.io/sidecar-injection': 'enabled' } },
  consul: { template: { 'consul.hashicorp.com/connect-inject': 'true' } },
  cilium: { labels: { 'io.cilium/mtls-enabled': 'true' } },
  'aws-app-mesh': {
    labels: { 'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled' },
  },
  osm: { labels: { 'openservicemesh.io/monitored-by': 'osm' } },
};

/** One Deployment with its Service, enrolled in `mesh` when given. */
function runOn(
  check: ReadinessCheck,
  unreadableKinds: string[],
  mesh?: MeshId,
) {
  const enrolment = mesh ? ENROLMENT[mesh] : {};
  const { objects } = parseManifests([
    {
      path: 'test.yaml',
      content: [
        namespace('shop', enrolment.labels, enrolment.annotations),
        deployment({ name: 'app', annotations: enrolment.template }),
        service('app', 'shop', { app: 'app' }, '- {port: 80, name: http}'),
      ].join('\n---\n'),
    },
  ]);
  const index = buildClusterIndex(objects, { unreadableKinds });
  const [workload] = listWorkloads(index);
  const detection = detectMesh(workload, index);
  if (mesh) {
    expect([detection.mesh, ...detection.otherMeshes]).toContain(mesh);
  }
  return runReadinessChecks(workload, detection, index, [check]);
}

describe('every readiness check', () => {
  it.each(READINESS_CHECKS.map(check => [check.id, check] as const))(
    '%s declares the kinds it reads, as group-kind keys',
    (_id, check) => {
      expect(Array.isArray(check.readsKinds)).toBe(true);
      for (const kind of declaredKinds(check))
        expect(ALL_KINDS).toContain(kind);
    },
  );

  const cases = READINESS_CHECKS.flatMap(check => [
    ...check.readsKinds.map(
      kind => [check.id, kind, 'any workload', check, undefined] as const,
    ),
    ...Object.entries(check.readsKindsIn ?? {}).flatMap(([mesh, kinds]) =>
      (kinds ?? []).map(
        kind =>
          [
            check.id,
            kind,
            `a workload in ${mesh}`,
            check,
            mesh as MeshId,
          ] as const,
      ),
    ),
  ]);

  it.each(cases)(
    '%s is not evaluated when %s could not be listed, for %s',
    (_id, kind, _for, check, mesh) => {
      expect(runOn(check, [kind], mesh)).toEqual([
        {
          checkId: check.id,
          status: 'not-evaluated',
          severity: check.severity,
          object: { kind: 'Deployment', namespace: 'shop', name: 'app' },
          message: `not evaluated: ${describeKind(
            kind,
          )} could not be listed, and this check reads it`,
          remediation: expect.stringContaining(
            `\`list\` on ${describeKind(kind)}`,
          ),
          unreadableKinds: [kind],
        },
      ]);
    },
  );

  const meshOnly = READINESS_CHECKS.flatMap(check =>
    Object.values(check.readsKindsIn ?? {})
      .flat()
      .filter(kind => !check.readsKinds.includes(kind))
      .map(kind => [check.id, kind, check] as const),
  );
  it.each(meshOnly)(
    '%s still runs for a workload outside the mesh %s belongs to',
    (_id, kind, check) => {
      const results = runOn(check, [kind]);
      expect(results.length).toBeGreaterThan(0);
      for (const result of results)
        expect(result.unreadableKinds).toBeUndefined();
    },
  );

  const alone = READINESS_CHECKS.filter(
    check => declaredKinds(check).size === 0,
  );
  it.each(alone.map(check => [check.id, check] as const))(
    '%s reads the workload alone: it runs whatever could not be listed',
    (_id, check) => {
      for (const result of runOn(check, [...ALL_KINDS]))
        expect(result.unreadableKinds).toBeUndefined();
    },
  );
});

// What each part of a check's context is derived from.
const S = KINDS.service;
const NS = KINDS.namespace;
const RESOURCE_KINDS: Record<string, Record<string, string[]>> = {
  istio: {
    peerAuthentications: [KINDS.istioPeerAuthentication, S],
    sidecars: [KINDS.istioSidecar, S],
    virtualServices: [KINDS.istioVirtualService, S],
    destinationRules: [KINDS.istioDestinationRule, S],
    authorizationPolicies: [KINDS.istioAuthorizationPolicy, S],
    requestAuthentications: [KINDS.istioRequestAuthentication, S],
    telemetries: [KINDS.istioTelemetry, S],
    wasmPlugins: [KINDS.istioWasmPlugin, S],
    gateways: [KINDS.istioGateway, KINDS.istioVirtualService, S],
    gatewayApiGateways: [KINDS.gatewayApiGateway, KINDS.gatewayApiHttpRoute, S],
    waypoints: [KINDS.gatewayApiGateway, S, NS],
  },
  linkerd: {
    servers: [KINDS.linkerdServer],
    httpRoutes: [KINDS.linkerdHttpRoute, KINDS.linkerdServer],
    authorizationPolicies: [
      KINDS.linkerdAuthorizationPolicy,
      KINDS.linkerdServer,
      KINDS.linkerdHttpRoute,
    ],
  },
  kuma: {
    meshes: [KINDS.kumaMesh, NS],
    meshTls: [KINDS.kumaMeshTls, NS, S],
    meshTrafficPermissions: [KINDS.kumaMeshTrafficPermission, NS, S],
  },
  consul: {
    serviceDefaults: [KINDS.consulServiceDefaults, S],
    meshes: [KINDS.consulMesh],
    serviceIntentions: [KINDS.consulServiceIntentions, S],
  },
  appMesh: {
    meshes: [KINDS.appMeshMesh, NS],
    virtualNodes: [KINDS.appMeshVirtualNode],
    virtualGateways: [KINDS.appMeshVirtualGateway],
    virtualRouters: [KINDS.appMeshVirtualRouter, KINDS.appMeshVirtualNode],
    virtualServices: [
      KINDS.appMeshVirtualService,
      KINDS.appMeshVirtualRouter,
      KINDS.appMeshVirtualNode,
    ],
    gatewayRoutes: [
      KINDS.appMeshGatewayRoute,
      KINDS.appMeshVirtualService,
      KINDS.appMeshVirtualRouter,
      KINDS.appMeshVirtualNode,
    ],
  },
};
const CONTROL_PLANE_KINDS: Record<string, Record<string, string[]>> = {
  istio: {
    injectors: [KINDS.configMap],
    istiod: [KINDS.deployment],
    istiodVersion: [KINDS.deployment],
    ztunnel: [KINDS.daemonSet],
    ztunnelVersion: [KINDS.daemonSet],
    cni: [KINDS.daemonSet],
    rootNamespace: [],
  },
  linkerd: {
    config: [KINDS.configMap],
    cni: [KINDS.daemonSet],
    controlPlaneProxyVersion: [KINDS.pod],
    clusterNetworks: [KINDS.configMap],
    defaultInboundPolicy: [KINDS.configMap],
  },
  kuma: { cni: [KINDS.daemonSet] },
  cilium: {
    agent: [KINDS.daemonSet],
    config: [KINDS.configMap],
    ztunnelEncryption: [KINDS.configMap],
  },
};
const WORKLOAD_KINDS: Record<string, string[]> = {
  // The workload itself: whatever else could not be listed, it was.
  id: [],
  kind: [],
  namespace: [],
  name: [],
  object: [],
  labels: [],
  template: [],
  selector: [],
  services: [S],
  pods: [KINDS.pod],
  namespaceObject: [NS],
  serviceAccount: [KINDS.serviceAccount],
};
// Linkerd's and Cilium's ConfigMaps reach the mTLS check through
// `mtls.unreadableKinds`, which it turns into its result itself.
const DETECTION_KINDS: Record<string, readonly string[]> = {
  mesh: MESH_MEMBERSHIP_KINDS,
  state: MESH_MEMBERSHIP_KINDS,
  otherMeshes: MESH_MEMBERSHIP_KINDS,
  evidence: MESH_MEMBERSHIP_KINDS,
  conflicts: MESH_MEMBERSHIP_KINDS,
  dataPlaneMode: MESH_MEMBERSHIP_KINDS,
  coverage: [KINDS.pod],
  meshable: [],
  mtls: [...MESH_MEMBERSHIP_KINDS, ...Object.values(MTLS_POLICY_KINDS).flat()],
  proxy: [
    ...MESH_MEMBERSHIP_KINDS,
    KINDS.configMap,
    KINDS.daemonSet,
    KINDS.deployment,
  ],
};

/** A view of `value` that records, through `mapping`, the kinds behind each field read. */
function traced<T extends object>(
  value: T,
  mapping: Record<string, readonly string[]>,
  seen: Set<string>,
  where: string,
): T {
  return new Proxy(value, {
    get(target, field, receiver) {
      if (typeof field === 'string' && field in target) {
        const kinds = mapping[field];
        if (!kinds) seen.add(`unmapped ${where}.${field}`);
        kinds?.forEach(kind => seen.add(kind));
      }
      return Reflect.get(target, field, receiver);
    },
  });
}

function tracedGroups<T extends object>(
  value: T,
  mapping: Record<string, Record<string, string[]>>,
  seen: Set<string>,
  where: string,
): T {
  return new Proxy(value, {
    get(target, field, receiver) {
      const inner: unknown = Reflect.get(target, field, receiver);
      if (typeof field !== 'string') return inner;
      if (mapping[field] && inner && typeof inner === 'object')
        return traced(inner, mapping[field], seen, `${where}.${field}`);
      if (field === 'daemonSetsKnown') seen.add(KINDS.daemonSet);
      else if (field in target) seen.add(`unmapped ${where}.${field}`);
      return inner;
    },
  });
}

/** The index as a check sees it: every kind asked for is recorded; memos are not reused. */
function tracedIndex(index: ClusterIndex, seen: Set<string>): ClusterIndex {
  return new Proxy(index, {
    get(target, field, receiver) {
      const value = Reflect.get(target, field, receiver);
      if (field === 'memo')
        return (_key: string, compute: () => unknown) => compute();
      if (field === 'hasGroup')
        return (group: string) => {
          seen.add(`group ${group}`);
          return target.hasGroup(group);
        };
      if (['list', 'get', 'findByLabels', 'hasKind'].includes(String(field)))
        return (kind: string, ...rest: unknown[]) => {
          seen.add(kind);
          return (value as (...args: unknown[]) => unknown).call(
            target,
            kind,
            ...rest,
          );
        };
      return value;
    },
  });
}

const DEMO = resolve(__dirname, '../../../../../examples/clusters/demo');

/** Paths the demo clusters do not take, so every declared kind is read once. */
const RARE_PATHS = [
  namespace('locked', {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'istio-injection': 'enabled',
  }),
  deployment({
    name: 'waypointed',
    namespace: 'locked',
    labels: { 'istio.io/use-waypoint': 'waypoint' },
  }),
  `apiVersion: v1
kind: ConfigMap
metadata: {name: linkerd-config, namespace: linkerd}
data:
  values: |
    identity:
      serviceAccountTokenProjection: false`,
  `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ingress, namespace: locked}
spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}`,
  namespace('orders', {
    'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
  }),
  deployment({
    name: 'db',
    namespace: 'orders',
    podSpec:
      'containers:\n- {name: db, image: mysql:8, ports: [{containerPort: 3306}]}',
  }),
  service('db', 'orders', { app: 'db' }, '- {port: 3306}'),
];

function indexOf(files: { path: string; content: string }[]): ClusterIndex {
  return buildClusterIndex(parseManifests(files).objects);
}

describe('what a check reads', () => {
  const demo = indexOf(
    readdirSync(DEMO)
      .filter(name => name.endsWith('.yaml'))
      .map(name => ({
        path: name,
        content: readFileSync(join(DEMO, name), 'utf8'),
      })),
  );
  const rare = indexOf([
    { path: 'rare.yaml', content: RARE_PATHS.join('\n---\n') },
  ]);
  const workloads = [demo, rare].flatMap(index =>
    listWorkloads(index).map(workload => ({ workload, index })),
  );

  /** Kinds each check read over every workload. */
  const read = new Map<string, Set<string>>();
  for (const { workload, index } of workloads) {
    const detection = detectMesh(workload, index);
    for (const check of READINESS_CHECKS) {
      const seen = read.get(check.id) ?? new Set<string>();
      read.set(check.id, seen);
      const context: CheckContext = {
        workload: traced(workload, WORKLOAD_KINDS, seen, 'workload'),
        detection: traced(detection, DETECTION_KINDS, seen, 'detection'),
        index: tracedIndex(index, seen),
        resources: tracedGroups(
          findMeshResources(workload, index),
          RESOURCE_KINDS,
          seen,
          'resources',
        ),
        controlPlane: tracedGroups(
          controlPlaneFacts(index),
          CONTROL_PLANE_KINDS,
          seen,
          'controlPlane',
        ),
      };
      check.run(context);
    }
  }

  it('covers the demo clusters, several meshes in all', () => {
    expect(workloads.length).toBeGreaterThan(20);
  });

  it.each(READINESS_CHECKS.map(check => [check.id, check] as const))(
    '%s read every kind it declares on some workload',
    (id, check) => {
      const seen = read.get(id)!;
      expect([...declaredKinds(check)].filter(kind => !seen.has(kind))).toEqual(
        [],
      );
    },
  );

  it.each(READINESS_CHECKS.map(check => [check.id, check] as const))(
    '%s declares every kind it read',
    (id, check) => {
      const declared = declaredKinds(check);
      const undeclared = [...read.get(id)!].filter(kind =>
        kind.startsWith('group ')
          ? ![...declared].some(d => d.endsWith(`.${kind.slice(6)}`))
          : !declared.has(kind),
      );
      expect(undeclared).toEqual([]);
    },
  );
});

import { deployment, namespace, service } from '../__testUtils__/manifests';
import { buildClusterIndex } from '../cluster/clusterIndex';
import { assessService } from '../assess/assessService';
import { ReadinessTargetMesh } from '../assess/types';
import { parseManifests } from '../parse/parseManifests';
import { listWorkloads } from '../workloads/listWorkloads';

/**
 * A kind the cluster would not list (a 403 on PeerAuthentication) says
 * nothing about its objects: what depends on it is not evaluated, and the
 * stage never falls from secured to meshed because of it (issue 13, item 9).
 */
const proxiedPod = `apiVersion: v1
kind: Pod
metadata: {name: app-1, namespace: shop, labels: {app: app, version: v1}}
spec: {containers: [{name: app, image: x}, {name: istio-proxy, image: "docker.io/istio/proxyv2:1.28.0"}]}
status: {phase: Running}`;
const strict = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}`;
const permissiveWorkload = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: app, namespace: shop}
spec: {selector: {matchLabels: {app: app}}, mtls: {mode: PERMISSIVE}}`;
const meshedApp = [
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment({ name: 'app', labels: { version: 'v1' } }),
  service('app', 'shop', { app: 'app' }, '- {port: 80, name: http}'),
  proxiedPod,
];

function assess(documents: string[], unreadableKinds: string[] = []) {
  const { objects } = parseManifests([
    { path: 'test.yaml', content: documents.join('\n---\n') },
  ]);
  const index = buildClusterIndex(objects, { unreadableKinds });
  return assessService(listWorkloads(index), index);
}

const PEER_AUTHENTICATION = 'PeerAuthentication.security.istio.io';

describe('a kind that could not be listed', () => {
  it('is known to the index', () => {
    const index = buildClusterIndex([], {
      unreadableKinds: [PEER_AUTHENTICATION],
    });
    expect(index.isReadable(PEER_AUTHENTICATION)).toBe(false);
    expect(index.isReadable('Pod')).toBe(true);
    expect(index.unreadableKinds).toEqual([PEER_AUTHENTICATION]);
  });

  it('leaves mTLS unknown and not evaluated, naming the kind', () => {
    const result = assess(meshedApp, [PEER_AUTHENTICATION]);
    const { mtls } = result.workloads[0].detection;
    expect(mtls).toEqual({
      mode: 'unknown',
      source: expect.stringContaining(
        'PeerAuthentication (security.istio.io) could not be listed',
      ),
      unreadableKinds: [PEER_AUTHENTICATION],
    });
    expect(result.workloads[0].notEvaluatedChecks).toContain(
      'MR-MTLS-NOT-STRICT',
    );
    expect(result.workloads[0].failedChecks).not.toContain(
      'MR-MTLS-NOT-STRICT',
    );
  });

  it('never makes a meshed service merely meshed when mTLS could not be read', () => {
    expect(assess([...meshedApp, strict]).stage).toBe('secured');
    const unread = assess(meshedApp, [PEER_AUTHENTICATION]);
    expect(unread.stage).toBe('not-assessed');
    expect(unread.stageReason).toBe(
      'Every workload is meshed; whether mTLS is strict was not evaluated: PeerAuthentication (security.istio.io) could not be listed, so the mTLS mode that applies is unknown',
    );
  });

  it('changes nothing when the mesh does not read the kind', () => {
    const linkerd = assess(
      [
        namespace('shop', { 'linkerd.io/inject': 'enabled' }),
        deployment({ name: 'app', labels: { version: 'v1' } }),
      ],
      [PEER_AUTHENTICATION],
    );
    expect(linkerd.workloads[0].detection.mtls.unreadableKinds).toBeUndefined();
  });

  it('is evaluated as before when the kind was read (a permissive policy stays meshed)', () => {
    expect(assess([...meshedApp, permissiveWorkload]).stage).toBe('meshed');
  });
});

const CONFIG_MAP = 'ConfigMap';
const GATEWAY = 'Gateway.gateway.networking.k8s.io';
const injector = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.28.0","proxy":{"image":"proxyv2"}}}'`;

describe('detection that reads a kind that could not be listed', () => {
  it('leaves proxy freshness unknown, naming the kind, instead of comparing with no injector', () => {
    const read = assess([...meshedApp, injector, strict]);
    expect(read.workloads[0].detection.proxy?.stale).toBe(false);
    const unread = assess([...meshedApp, strict], [CONFIG_MAP]);
    expect(unread.workloads[0].detection.proxy).toMatchObject({
      stale: 'unknown',
      source: expect.stringContaining(
        'not evaluated: ConfigMap could not be listed',
      ),
    });
    expect(unread.workloads[0].notEvaluatedChecks).toContain('MR-PROXY-STALE');
    // The stage does not hang on proxy freshness.
    expect(unread.stage).toBe('secured');
  });

  it('leaves Cilium mTLS unknown when cilium-config could not be listed', () => {
    const cilium = [
      namespace('shop', { 'io.cilium/mtls-enabled': 'true' }),
      deployment({ name: 'app', labels: { version: 'v1' } }),
    ];
    expect(
      assess(cilium).workloads[0].detection.mtls.unreadableKinds,
    ).toBeUndefined();
    const { detection } = assess(cilium, [CONFIG_MAP]).workloads[0];
    expect(detection.mtls).toMatchObject({
      mode: 'unknown',
      unreadableKinds: [CONFIG_MAP],
    });
    expect(detection.evidence).toContainEqual({
      kind: 'intent',
      mesh: 'cilium',
      source: expect.stringContaining('ConfigMap could not be listed'),
    });
  });
});

describe('a stage that would hang on a kind that could not be listed', () => {
  // Not enrolled anywhere yet, and names an ambient waypoint.
  const app = [
    namespace('shop'),
    deployment({
      name: 'app',
      labels: { version: 'v1', 'istio.io/use-waypoint': 'waypoint' },
    }),
    service('app', 'shop', { app: 'app' }, '- {port: 80, name: http}'),
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: shop}
spec: {parentRefs: [{name: app, kind: Service, group: ""}], rules: [{backendRefs: [{name: app, port: 80}]}]}`,
  ];
  const waypoint = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: shop}
spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}`;
  const assessFor = (
    documents: string[],
    unreadableKinds: string[] = [],
    options: { targetMesh?: ReadinessTargetMesh } = {
      targetMesh: 'istio-ambient',
    },
  ) => {
    const { objects } = parseManifests([
      { path: 'test.yaml', content: documents.join('\n---\n') },
    ]);
    const index = buildClusterIndex(objects, { unreadableKinds });
    return assessService(listWorkloads(index), index, options);
  };

  it('is ready when the blocking checks were evaluated', () => {
    expect(assessFor([...app, waypoint]).stage).toBe('ready');
    expect(assessFor(app).stage).toBe('blocked');
  });

  it('is neither ready nor blocked when a blocking check could not be evaluated', () => {
    // Before: the empty Gateway list made the waypoint "missing": blocked.
    const unread = assessFor(app, [GATEWAY]);
    expect(unread.workloads[0].notEvaluatedChecks).toContain(
      'MR-AMBIENT-WAYPOINT-MISSING',
    );
    expect(unread.stage).toBe('not-assessed');
    expect(unread.stageReason).toBe(
      'No known blocking finding for Istio (ambient), but MR-AMBIENT-WAYPOINT-MISSING was not evaluated: Gateway (gateway.networking.k8s.io) could not be listed',
    );
  });

  it('without a target mesh, is ready for the meshes whose blocking checks were evaluated', () => {
    const unread = assessFor(app, [GATEWAY], {});
    expect(unread.stage).toBe('ready');
    expect(unread.stageReason).toContain('Istio (sidecar)');
    expect(unread.stageReason).not.toContain('Istio (ambient)');
  });
});

import { deployment, namespace, service } from '../__testUtils__/manifests';
import { buildClusterIndex } from '../cluster/clusterIndex';
import { assessService } from '../assess/assessService';
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

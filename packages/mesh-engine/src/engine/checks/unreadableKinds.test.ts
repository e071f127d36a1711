import { deployment, namespace, service } from '../__testUtils__/manifests';
import { assessService } from '../assess/assessService';
import { buildClusterIndex } from '../cluster/clusterIndex';
import { groupKindOfObject, KINDS } from '../model/kubeObject';
import { parseManifests } from '../parse/parseManifests';
import { listWorkloads } from '../workloads/listWorkloads';

/**
 * A kind the cluster would not list says nothing about its objects: every
 * check that reads it is not evaluated, never passed or failed on an empty
 * list (issue 13, item 9). The cluster read leaves the objects of an
 * unreadable kind out, as these tests do.
 */
function assess(documents: string[], unreadableKinds: string[] = []) {
  const { objects } = parseManifests([
    { path: 'test.yaml', content: documents.join('\n---\n') },
  ]);
  const unread = new Set(unreadableKinds);
  const index = buildClusterIndex(
    objects.filter(object => !unread.has(groupKindOfObject(object))),
    { unreadableKinds },
  );
  const assessment = assessService(listWorkloads(index), index);
  const resultsOf = (checkId: string) =>
    assessment.findings.filter(finding => finding.checkId === checkId);
  return { assessment, workload: assessment.workloads[0], resultsOf };
}

const appMeshOrders = [
  namespace('shop', { 'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled' }),
  deployment({ name: 'orders', labels: { version: 'v1' } }),
  service(
    'orders',
    'shop',
    { app: 'orders' },
    '- {port: 80, name: http, targetPort: 8080}',
  ),
  `apiVersion: v1
kind: Pod
metadata: {name: orders-1, namespace: shop, labels: {app: orders, version: v1}}
spec:
  initContainers: [{name: proxyinit, image: aws-appmesh-proxy-route-manager:v7}]
  containers:
  - {name: app, image: example/orders:1.0, ports: [{containerPort: 8080}]}
  - {name: envoy, image: "840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod"}
status: {phase: Running}`,
  `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: {name: orders, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  listeners: [{portMapping: {port: 8080, protocol: grpc}}]`,
];

describe('App Mesh VirtualNodes that could not be listed', () => {
  it('are read when listed: the node selects the pods and its grpc listener contradicts the http port', () => {
    const { workload, resultsOf } = assess(appMeshOrders);
    expect(workload.passedChecks).toContain('MR-APPMESH-VN');
    expect(workload.failedChecks).toContain('MR-PROTOCOL-MISMATCH');
    expect(resultsOf('MR-PROTOCOL-MISMATCH')[0].message).toContain(
      'VirtualNode orders listener 8080/grpc',
    );
  });

  it('leave every check that reads them not evaluated, naming the kind', () => {
    const { assessment, workload, resultsOf } = assess(appMeshOrders, [
      KINDS.appMeshVirtualNode,
    ]);
    // Before: MR-APPMESH-VN failed ("no VirtualNode selects the pods") and
    // MR-PROTOCOL-MISMATCH passed on the missing listener.
    for (const checkId of [
      'MR-APPMESH-VN',
      'MR-PROTOCOL-MISMATCH',
      'MR-SERVER-FIRST',
      'MR-MTLS-NOT-STRICT',
    ]) {
      expect(workload.notEvaluatedChecks).toContain(checkId);
      expect(workload.failedChecks).not.toContain(checkId);
      expect(workload.passedChecks).not.toContain(checkId);
    }
    expect(resultsOf('MR-APPMESH-VN')).toEqual([
      expect.objectContaining({
        status: 'not-evaluated',
        object: { kind: 'Deployment', namespace: 'shop', name: 'orders' },
        message: expect.stringContaining(
          'not evaluated: VirtualNode (appmesh.k8s.aws) could not be listed',
        ),
        remediation: expect.stringContaining(
          'Grant the Meshwise service account `list` on VirtualNode (appmesh.k8s.aws)',
        ),
        unreadableKinds: [KINDS.appMeshVirtualNode],
      }),
    ]);
    // What reads only the workload is evaluated as before.
    expect(workload.failedChecks).toEqual(
      expect.arrayContaining(['MR-EOL-MESH']),
    );
    expect(workload.passedChecks).toContain('MR-UID-1337');
    // The stage does not hang on the VirtualNodes: the pods run App Mesh.
    expect(assessment.stage).toBe('must-migrate');
  });

  it('say so in the detection instead of claiming no VirtualNode selects the pods', () => {
    const { workload } = assess(appMeshOrders, [KINDS.appMeshVirtualNode]);
    expect(workload.detection.mesh).toBe('aws-app-mesh');
    expect(workload.detection.evidence).toContainEqual({
      kind: 'intent',
      mesh: 'aws-app-mesh',
      source: expect.stringContaining(
        'VirtualNode (appmesh.k8s.aws) could not be listed',
      ),
    });
    expect(workload.detection.mtls).toMatchObject({
      mode: 'unknown',
      unreadableKinds: [KINDS.appMeshVirtualNode],
    });
  });

  it('change nothing for a workload that is not on App Mesh', () => {
    const istio = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'cart', labels: { version: 'v1' } }),
      service('cart', 'shop', { app: 'cart' }, '- {port: 3306, name: http}'),
    ];
    const read = assess(istio);
    const unread = assess(istio, [KINDS.appMeshVirtualNode]);
    expect(unread.workload.notEvaluatedChecks).toEqual(
      read.workload.notEvaluatedChecks,
    );
    expect(unread.workload.failedChecks).toEqual(read.workload.failedChecks);
    expect(
      unread.assessment.findings.filter(finding => finding.unreadableKinds),
    ).toEqual([]);
  });
});

const istioReviews = [
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment({ name: 'reviews', labels: { version: 'v1' } }),
  service(
    'reviews',
    'shop',
    { app: 'reviews' },
    '- {port: 9080, name: tcp-reviews, targetPort: 8080}',
  ),
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}], retries: {attempts: 3}}]`,
];

describe('Istio VirtualServices that could not be listed', () => {
  it('are read when listed: an HTTP route on a port declared TCP fails', () => {
    const { workload } = assess(istioReviews);
    expect(workload.failedChecks).toContain('MR-HTTP-ROUTE-TCP-PORT');
  });

  it('leave the checks that read them not evaluated, and only those', () => {
    const read = assess(istioReviews);
    const { assessment, workload, resultsOf } = assess(istioReviews, [
      KINDS.istioVirtualService,
    ]);
    // Before: MR-HTTP-ROUTE-TCP-PORT passed ("no HTTP route targets a port
    // Istio proxies as TCP") on the empty list.
    expect(workload.notEvaluatedChecks).toEqual(
      expect.arrayContaining([
        'MR-HTTP-ROUTE-TCP-PORT',
        'MR-AMBIENT-L7-NO-WAYPOINT',
      ]),
    );
    expect(resultsOf('MR-HTTP-ROUTE-TCP-PORT')).toEqual([
      expect.objectContaining({
        status: 'not-evaluated',
        message: expect.stringContaining(
          'VirtualService (networking.istio.io) could not be listed',
        ),
        unreadableKinds: [KINDS.istioVirtualService],
      }),
    ]);
    const others = (ids: string[]) =>
      ids.filter(
        id =>
          id !== 'MR-HTTP-ROUTE-TCP-PORT' && id !== 'MR-AMBIENT-L7-NO-WAYPOINT',
      );
    expect(workload.passedChecks).toEqual(others(read.workload.passedChecks));
    expect(workload.failedChecks).toEqual(others(read.workload.failedChecks));
    // The score leaves it out: counted as not evaluated, neither way.
    const sidecar = (scores: typeof read.assessment.scores) =>
      scores.find(score => score.mesh === 'istio-sidecar')!;
    expect(sidecar(assessment.scores)).toEqual({
      ...sidecar(read.assessment.scores),
      score: 100,
      warnings: sidecar(read.assessment.scores).warnings - 1,
      notEvaluated: sidecar(read.assessment.scores).notEvaluated + 1,
    });
  });

  it('leave an App Mesh VirtualService of the same name alone', () => {
    const { workload } = assess(istioReviews, [KINDS.appMeshVirtualService]);
    expect(workload.failedChecks).toContain('MR-HTTP-ROUTE-TCP-PORT');
  });
});

import { KubeObject } from '@meshwise/mesh-engine';
import { Knex } from 'knex';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from './__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = [serviceEntity('cart', { id: 'cart' })];
const FORBIDDEN_PEER_AUTHENTICATIONS = {
  '/apis/security.istio.io/v1/peerauthentications': {
    status: 403 as const,
    message:
      'peerauthentications.security.istio.io is forbidden: User "system:serviceaccount:meshwise:scanner" cannot list resource "peerauthentications"',
  },
};

/**
 * A 403 on an optional kind (PeerAuthentication) never moves a stage: the
 * last good list of the kind is kept (in memory, or the stored results after
 * a restart); with none, what reads it is not evaluated. The scan says
 * `partial`, the cluster's health says which kind (issue 13, item 9).
 */
describe('an optional kind the scanner may not list', () => {
  const apis: FakeKubernetesApi[] = [];
  const fakeApi = async () => {
    const api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
    apis.push(api);
    return api;
  };
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  const start = (knex: Knex, api: FakeKubernetesApi) =>
    startScanBackend({ knex, api, entities });
  type Backend = Awaited<ReturnType<typeof start>>;
  const cart = async (backend: Backend) =>
    (await backend.get('/entities/component/default/cart/assessment')).body;
  const lastScan = async (backend: Backend) =>
    (await backend.get('/scans')).body.items[0];
  const health = async (backend: Backend) =>
    (await backend.get('/clusters')).body.items[0];

  it.each(ids)(
    'keeps a secured service secured while the permission flaps, and across a restart (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      const backend = await start(knex, api);
      await backend.scan();
      expect((await cart(backend)).stage).toBe('secured');
      expect((await lastScan(backend)).status).toBe('succeeded');

      api.options.faults = FORBIDDEN_PEER_AUTHENTICATIONS;
      await backend.scan();

      expect((await cart(backend)).stage).toBe('secured');
      const scan = await lastScan(backend);
      expect(scan.status).toBe('partial');
      expect(scan.clusters[0]).toMatchObject({
        cluster: 'prod',
        status: 'stale',
        error: expect.stringContaining(
          'Partial read: PeerAuthentication.security.istio.io could not be listed; its objects of the read at',
        ),
      });
      expect(await health(backend)).toMatchObject({
        status: 'ok',
        error: expect.stringContaining(
          'PeerAuthentication.security.istio.io could not be listed; its objects of the read at',
        ),
        warnings: [expect.stringContaining('peerauthentications')],
      });

      // A new process has no earlier list in memory: the stored part holds.
      const restarted = await start(knex, api);
      await restarted.scan();
      expect((await cart(restarted)).stage).toBe('secured');
      expect((await lastScan(restarted)).status).toBe('partial');
      expect((await health(restarted)).error).toContain(
        'no earlier list is known',
      );

      api.options.faults = {};
      await restarted.scan();
      expect((await cart(restarted)).stage).toBe('secured');
      expect((await lastScan(restarted)).status).toBe('succeeded');
      expect((await health(restarted)).error).toBeUndefined();
    },
  );

  it.each(ids)(
    'with no earlier list, mTLS is not evaluated and the service is never called meshed (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      api.options.faults = FORBIDDEN_PEER_AUTHENTICATIONS;
      const backend = await start(knex, api);
      await backend.scan();

      const body = await cart(backend);
      expect(body.stage).toBe('not-assessed');
      expect(body.stageReason).toContain(
        'whether mTLS is strict was not evaluated: PeerAuthentication (security.istio.io) could not be listed',
      );
      const [workload] = body.assessment.workloads;
      expect(workload.notEvaluatedChecks).toContain('MR-MTLS-NOT-STRICT');
      expect(workload.failedChecks).not.toContain('MR-MTLS-NOT-STRICT');
      expect(workload.detection.mtls.mode).toBe('unknown');
      expect((await lastScan(backend)).status).toBe('partial');

      // Once the kind can be listed, the read decides.
      api.options.faults = {};
      await backend.scan();
      expect((await cart(backend)).stage).toBe('secured');
      expect((await lastScan(backend)).status).toBe('succeeded');
    },
  );
});

const ID = 'backstage.io/kubernetes-id';
const FORBIDDEN_VIRTUAL_NODES = {
  '/apis/appmesh.k8s.aws/v1beta2/virtualnodes': {
    status: 403 as const,
    message:
      'virtualnodes.appmesh.k8s.aws is forbidden: User "system:serviceaccount:meshwise:scanner" cannot list resource "virtualnodes"',
  },
};

/**
 * `ledger` runs on App Mesh: an injected envoy, and a VirtualNode that
 * selects its pods and says its port speaks gRPC (the Service calls it http).
 */
function appMeshObjects(): KubeObject[] {
  const labels = { app: 'ledger', [ID]: 'ledger' };
  const app = {
    name: 'app',
    image: 'acme/ledger:1',
    ports: [{ containerPort: 8080 }],
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'payments',
        labels: { 'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled' },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'ledger',
        namespace: 'payments',
        labels: { [ID]: 'ledger' },
      },
      spec: {
        selector: { matchLabels: { app: 'ledger' } },
        template: { metadata: { labels }, spec: { containers: [app] } },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'ledger',
        namespace: 'payments',
        labels: { [ID]: 'ledger' },
      },
      spec: {
        selector: { app: 'ledger' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ledger-5c8d-xk2lp', namespace: 'payments', labels },
      spec: {
        initContainers: [
          { name: 'proxyinit', image: 'aws-appmesh-proxy-route-manager:v7' },
        ],
        containers: [
          app,
          {
            name: 'envoy',
            image:
              '840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod',
            env: [
              {
                name: 'APPMESH_VIRTUAL_NODE_NAME',
                value: 'mesh/payments/virtualNode/ledger',
              },
            ],
          },
        ],
      },
      status: { phase: 'Running' },
    },
    {
      apiVersion: 'appmesh.k8s.aws/v1beta2',
      kind: 'VirtualNode',
      metadata: { name: 'ledger', namespace: 'payments' },
      spec: {
        podSelector: { matchLabels: { app: 'ledger' } },
        listeners: [{ portMapping: { port: 8080, protocol: 'grpc' } }],
      },
    },
  ];
}

/**
 * The same for App Mesh VirtualNodes: every check that reads them is not
 * evaluated (the empty list would have failed MR-APPMESH-VN, "no VirtualNode
 * selects the pods", and passed MR-PROTOCOL-MISMATCH), the stage stays what
 * a full read gives, and services off App Mesh are evaluated as before.
 */
describe('App Mesh VirtualNodes the scanner may not list', () => {
  const apis: FakeKubernetesApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  const fakeApi = async () => {
    const api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: [...clusterObjects(), ...appMeshObjects()],
    }).start();
    apis.push(api);
    return api;
  };
  const start = (knex: Knex, api: FakeKubernetesApi) =>
    startScanBackend({
      knex,
      api,
      entities: [...entities, serviceEntity('ledger', { id: 'ledger' })],
    });
  type Backend = Awaited<ReturnType<typeof start>>;
  const assessment = async (backend: Backend, name: string) =>
    (await backend.get(`/entities/component/default/${name}/assessment`)).body;
  const lastScan = async (backend: Backend) =>
    (await backend.get('/scans')).body.items[0];
  const findingsOf = (body: any, checkId: string) =>
    body.assessment.findings.filter((f: any) => f.checkId === checkId);

  it.each(ids)(
    'with no earlier list, leaves what reads them not evaluated and the stage as a full read has it (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      api.options.faults = FORBIDDEN_VIRTUAL_NODES;
      const backend = await start(knex, api);
      await backend.scan();

      const ledger = await assessment(backend, 'ledger');
      expect(ledger.stage).toBe('must-migrate');
      const [workload] = ledger.assessment.workloads;
      for (const checkId of ['MR-APPMESH-VN', 'MR-PROTOCOL-MISMATCH']) {
        expect(workload.notEvaluatedChecks).toContain(checkId);
        expect(workload.failedChecks).not.toContain(checkId);
        expect(workload.passedChecks).not.toContain(checkId);
      }
      expect(findingsOf(ledger, 'MR-APPMESH-VN')).toEqual([
        expect.objectContaining({
          status: 'not-evaluated',
          message:
            'not evaluated: VirtualNode (appmesh.k8s.aws) could not be listed, and this check reads it',
          unreadableKinds: ['VirtualNode.appmesh.k8s.aws'],
        }),
      ]);
      expect(workload.detection.evidence).toContainEqual(
        expect.objectContaining({
          source: expect.stringContaining(
            'VirtualNode (appmesh.k8s.aws) could not be listed',
          ),
        }),
      );
      // A service off App Mesh does not read VirtualNodes.
      const cart = await assessment(backend, 'cart');
      expect(cart.stage).toBe('secured');
      expect(
        cart.assessment.findings.filter((f: any) => f.unreadableKinds),
      ).toEqual([]);
      const scan = await lastScan(backend);
      expect(scan.status).toBe('partial');
      expect(scan.clusters[0].error).toContain(
        'VirtualNode.appmesh.k8s.aws could not be listed and no earlier list is known',
      );

      // Once VirtualNodes can be listed, the read decides.
      api.options.faults = {};
      await backend.scan();
      const read = await assessment(backend, 'ledger');
      expect(read.stage).toBe('must-migrate');
      const [evaluated] = read.assessment.workloads;
      expect(evaluated.passedChecks).toContain('MR-APPMESH-VN');
      expect(evaluated.failedChecks).toContain('MR-PROTOCOL-MISMATCH');
      expect((await lastScan(backend)).status).toBe('succeeded');
    },
  );

  it.each(ids)(
    'keeps the stage of a full read while the permission flaps, and across a restart (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await fakeApi();
      const backend = await start(knex, api);
      await backend.scan();
      const full = await assessment(backend, 'ledger');
      expect(full.stage).toBe('must-migrate');
      expect(full.assessment.workloads[0].passedChecks).toContain(
        'MR-APPMESH-VN',
      );

      // The VirtualNodes of the last good list are kept in memory.
      api.options.faults = FORBIDDEN_VIRTUAL_NODES;
      await backend.scan();
      const flapped = await assessment(backend, 'ledger');
      expect(flapped.stage).toBe('must-migrate');
      expect(flapped.assessment.findings).toEqual(full.assessment.findings);
      expect((await lastScan(backend)).status).toBe('partial');

      // A new process has no earlier list in memory: its mTLS hangs on the
      // VirtualNodes, so the stored part holds.
      const restarted = await start(knex, api);
      await restarted.scan();
      const after = await assessment(restarted, 'ledger');
      expect(after.stage).toBe('must-migrate');
      expect(after.assessment.findings).toEqual(full.assessment.findings);
      expect((await lastScan(restarted)).status).toBe('partial');
    },
  );
});

const FORBIDDEN_CONFIG_MAPS = {
  '/api/v1/configmaps': {
    status: 403 as const,
    message:
      'configmaps is forbidden: User "system:serviceaccount:meshwise:scanner" cannot list resource "configmaps"',
  },
};

/**
 * A blocking check that cannot be evaluated (MR-SA-TOKEN reads
 * linkerd-config) leaves a service's readiness for Linkerd unknown: never
 * `ready` on the empty list, and a stored `ready` stays after a restart.
 */
describe('a kind a blocking check reads, when the scanner may not list it', () => {
  const apis: FakeKubernetesApi[] = [];
  afterEach(async () => {
    await Promise.all(apis.splice(0).map(api => api.stop()));
  });

  reportSkippedDatabases(skipped);

  const start = (knex: Knex, api: FakeKubernetesApi) =>
    startScanBackend({
      knex,
      api,
      entities: [serviceEntity('billing', { id: 'billing' })],
      config: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod',
                  url: api.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
        serviceMesh: { kubernetes: { pageSize: 2 }, targetMesh: 'linkerd' },
      },
    });
  type Backend = Awaited<ReturnType<typeof start>>;
  const billing = async (backend: Backend) =>
    (await backend.get('/entities/component/default/billing/assessment')).body;

  it.each(ids)(
    'is not-assessed with no earlier result, and keeps a stored ready across a restart (%s)',
    async id => {
      const knex = await databases.init(id);
      const api = await new FakeKubernetesApi({
        token: TOKEN,
        objects: clusterObjects(),
      }).start();
      apis.push(api);
      api.options.faults = FORBIDDEN_CONFIG_MAPS;
      const backend = await start(knex, api);
      await backend.scan();
      const unread = await billing(backend);
      expect(unread.stage).toBe('not-assessed');
      expect(unread.stageReason).toBe(
        'No known blocking finding for Linkerd, but MR-SA-TOKEN was not evaluated: ConfigMap could not be listed',
      );

      api.options.faults = {};
      await backend.scan();
      const read = await billing(backend);
      expect(read.stage).toBe('ready');

      api.options.faults = FORBIDDEN_CONFIG_MAPS;
      const restarted = await start(knex, api);
      await restarted.scan();
      const after = await billing(restarted);
      expect(after.stage).toBe('ready');
      expect(after.stageReason).toBe(read.stageReason);
    },
  );
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { assessService } from '../engine/assess/assessService';
import {
  buildClusterIndex,
  ClusterIndex,
} from '../engine/cluster/clusterIndex';
import { parseManifests } from '../engine/parse/parseManifests';
import {
  selectWorkloads,
  WorkloadQuery,
} from '../engine/workloads/selectWorkloads';
import { generateMigrationPlan } from './generatePlan';
import { expectValidAgainstSchemas } from './__testUtils__/validatePlanAgainst';
import {
  MigrationManifest,
  MigrationObject,
  MigrationPlan,
  MigrationTarget,
  MIGRATION_TARGETS,
} from './types';

/**
 * The public manifests in `<repo-root>/../shared/fixtures` (see SOURCES.md),
 * read in place; `MESHWISE_FIXTURES_DIR` overrides the location. Same
 * convention as the engine's realWorld.test.ts.
 */
const FIXTURES_DIR =
  process.env.MESHWISE_FIXTURES_DIR ??
  resolve(__dirname, '../../../../../shared/fixtures');
const available = existsSync(FIXTURES_DIR);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `Migration plans on real-world manifests SKIPPED: fixtures directory not found at ${FIXTURES_DIR} (set MESHWISE_FIXTURES_DIR)`,
  );
}
const describeFixtures = available ? describe : describe.skip;
const fixturesTitle = (what: string) =>
  available
    ? `${what} (fixtures in ${FIXTURES_DIR})`
    : `${what} SKIPPED: ${FIXTURES_DIR} not found (set MESHWISE_FIXTURES_DIR)`;

const DEMO = resolve(
  __dirname,
  '../../../../examples/clusters/demo/logistics.yaml',
);

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap(entry => files(join(path, entry)))
    .filter(file => /\.(ya?ml|json)(\.template)?$/.test(file));
}

function indexOf(
  path: string,
  transform: (text: string) => string = t => t,
): ClusterIndex {
  const { objects } = parseManifests(
    files(path).map(file => ({
      path: file,
      content: transform(readFileSync(file, 'utf8')),
    })),
  );
  return buildClusterIndex(objects);
}

function plan(
  index: ClusterIndex,
  query: WorkloadQuery,
  target: MigrationTarget,
  service?: string,
): MigrationPlan {
  const workloads = selectWorkloads(index, query);
  expect(workloads.length).toBeGreaterThan(0);
  const result = generateMigrationPlan({
    workloads,
    index,
    assessment: assessService(workloads, index),
    target,
    service: service ? { name: service } : undefined,
  });
  // Every plan of these tests passes the API schemas and their rules.
  expectValidAgainstSchemas(result, index);
  return result;
}

const step = (p: MigrationPlan, id: string) => p.steps.find(s => s.id === id);
const manifests = (p: MigrationPlan): MigrationManifest[] =>
  p.steps.flatMap(s => s.manifests);
const objectsOf = (p: MigrationPlan, kind: string): MigrationObject[] =>
  manifests(p).flatMap(m =>
    m.object && m.object.kind === kind ? [m.object] : [],
  );
const patchesOf = (p: MigrationPlan, kind: string, name?: string) =>
  manifests(p).flatMap(m =>
    m.patch &&
    m.patch.target.kind === kind &&
    (!name || m.patch.target.name === name)
      ? [m.patch]
      : [],
  );
const rulesOf = (route: MigrationObject) => (route.spec as any).rules as any[];

/** `plan.yaml` is valid multi-document YAML, one document per manifest, each led by a step comment. */
function expectValidYaml(p: MigrationPlan): void {
  const documents = parseAllDocuments(p.yaml);
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) expect(document.errors).toEqual([]);
  expect(list).toHaveLength(manifests(p).length);
  list.forEach(document =>
    expect(
      document.commentBefore ?? (document.contents as any)?.commentBefore,
    ).toMatch(/^ Step \d+ \(\w+\): /),
  );
  const values = list.map(document => document.toJS());
  const objects = manifests(p).map(m => m.object ?? m.patch?.body);
  expect(values).toEqual(JSON.parse(JSON.stringify(objects)));
}

function expectOrder(p: MigrationPlan, ids: string[]): void {
  const order = p.steps.map(s => s.id).filter(id => ids.includes(id));
  expect(order).toEqual(ids);
  p.steps.forEach((s, i) => expect(s.order).toBe(i + 1));
}

describe('MIGRATION_TARGETS', () => {
  it('lists the readiness target meshes plus gateway-api, with labels', () => {
    expect(MIGRATION_TARGETS.map(t => t.id)).toEqual([
      'istio-sidecar',
      'istio-ambient',
      'linkerd',
      'consul',
      'kuma',
      'cilium',
      'gateway-api',
    ]);
    for (const target of MIGRATION_TARGETS) expect(target.label).not.toBe('');
  });
});

describe('demo cluster: logistics shipping on App Mesh (90/10, retries, timeout)', () => {
  const index = indexOf(DEMO);
  const query = { labelSelector: 'backstage.io/kubernetes-id=shipping' };

  it('translates to an Istio VirtualService with 90/10 subsets, retries and the timeout', () => {
    const p = plan(index, query, 'istio-sidecar');
    expect(p.service).toBe('shipping');
    const [vs] = objectsOf(p, 'VirtualService');
    expect(vs.apiVersion).toBe('networking.istio.io/v1');
    const http = (vs.spec as any).http;
    expect(http).toHaveLength(1);
    expect(http[0].route).toEqual([
      {
        destination: {
          host: 'shipping.logistics.svc.cluster.local',
          subset: 'v1',
        },
        weight: 90,
      },
      {
        destination: {
          host: 'shipping.logistics.svc.cluster.local',
          subset: 'v2',
        },
        weight: 10,
      },
    ]);
    expect(http[0].retries).toEqual({
      attempts: 3,
      perTryTimeout: '2s',
      retryOn: '5xx,gateway-error,connect-failure',
    });
    expect(http[0].timeout).toBe('10s');
    const [dr] = objectsOf(p, 'DestinationRule');
    expect(
      (dr.spec as any).subsets.map((s: any) => [s.name, s.labels.version]),
    ).toEqual([
      ['v1', 'v1'],
      ['v2', 'v2'],
    ]);
    expect(objectsOf(p, 'Telemetry')).toHaveLength(2);
    expect(p.manualActions.map(a => a.source)).toContain(
      'VirtualRouter logistics/shipping-router spec.routes[0].httpRoute.timeout.idle',
    );
    expectOrder(p, [
      'prepare',
      'translate',
      'cleanup-injection',
      'enroll',
      'harden',
      'verify',
      'cleanup-appmesh',
    ]);
    expectValidYaml(p);
  });

  it('translates to a GAMMA HTTPRoute (Kuma) with weighted backendRefs, timeouts and retry', () => {
    const p = plan(index, query, 'kuma');
    const [route] = objectsOf(p, 'HTTPRoute');
    expect((route.spec as any).parentRefs).toEqual([
      { group: '', kind: 'Service', name: 'shipping', port: 8080 },
    ]);
    const [rule] = rulesOf(route);
    expect(rule.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(rule.backendRefs).toEqual([
      { name: 'shipping-v1', port: 8080, weight: 90 },
      { name: 'shipping-v2', port: 8080, weight: 10 },
    ]);
    expect(rule.timeouts).toEqual({ request: '10s', backendRequest: '2s' });
    expect(rule.retry.attempts).toBe(3);
    expect(rule.retry.codes).toEqual(
      expect.arrayContaining([500, 502, 503, 504]),
    );
    expectValidYaml(p);
  });

  it('translates to Amazon VPC Lattice: routes on the service network Gateway, timeouts and retries as manual actions', () => {
    const p = plan(index, query, 'gateway-api');
    const [network] = objectsOf(p, 'Gateway');
    expect(network.spec).toEqual({
      gatewayClassName: 'amazon-vpc-lattice',
      listeners: [{ name: 'http-8080', port: 8080, protocol: 'HTTP' }],
    });
    const [route] = objectsOf(p, 'HTTPRoute');
    expect((route.spec as any).parentRefs).toEqual([
      { name: network.metadata.name, sectionName: 'http-8080' },
    ]);
    const [rule] = rulesOf(route);
    expect(rule.backendRefs).toEqual([
      { name: 'shipping-v1', port: 8080, weight: 90 },
      { name: 'shipping-v2', port: 8080, weight: 10 },
    ]);
    expect(rule.timeouts).toBeUndefined();
    expect(rule.retry).toBeUndefined();
    const sources = p.manualActions.map(a => a.source);
    expect(sources).toContain(
      'VirtualRouter logistics/shipping-router spec.routes[0].httpRoute.timeout',
    );
    expect(sources).toContain(
      'VirtualRouter logistics/shipping-router spec.routes[0].httpRoute.retryPolicy',
    );
    expect(step(p, 'translate')!.explanation).toContain('amazon-vpc-lattice');
    expect(step(p, 'translate')!.explanation).toContain(
      'application-networking.k8s.aws/gateway-api-controller',
    );
    expect(step(p, 'enroll')).toBeUndefined();
    expectValidYaml(p);
  });

  it('carries retries for Linkerd as retry.linkerd.io annotations on the HTTPRoute', () => {
    const p = plan(index, query, 'linkerd');
    const [route] = objectsOf(p, 'HTTPRoute');
    expect(route.metadata.annotations).toEqual({
      'retry.linkerd.io/http': '5xx,gateway-error',
      'retry.linkerd.io/limit': '3',
      'retry.linkerd.io/timeout': '2s',
    });
    expect(rulesOf(route)[0].retry).toBeUndefined();
    expect(
      p.manualActions.some(a =>
        a.source.endsWith('retryPolicy.tcpRetryEvents'),
      ),
    ).toBe(true);
    expect(
      patchesOf(p, 'Namespace', 'logistics').map(patch => patch.body),
    ).toContainEqual({
      metadata: { annotations: { 'linkerd.io/inject': 'enabled' } },
    });
  });

  it('detaches from App Mesh before enrolment and deletes the App Mesh objects last', () => {
    const p = plan(index, query, 'istio-sidecar');
    const detach = step(p, 'cleanup-injection')!;
    expect(detach.manifests[0].patch).toEqual({
      target: { kind: 'Namespace', name: 'logistics' },
      type: 'json-merge',
      body: {
        metadata: {
          labels: {
            mesh: null,
            'appmesh.k8s.aws/sidecarInjectorWebhook': null,
          },
        },
      },
    });
    const enroll = step(p, 'enroll')!;
    expect(enroll.commands).toEqual([
      'kubectl rollout restart deployment/shipping-v1 -n logistics',
      'kubectl rollout restart deployment/shipping-v2 -n logistics',
    ]);
    expect(step(p, 'cleanup-appmesh')!.commands).toEqual([
      'kubectl delete virtualservices.appmesh.k8s.aws shipping -n logistics',
      'kubectl delete virtualrouters.appmesh.k8s.aws shipping-router -n logistics',
      'kubectl delete virtualnodes.appmesh.k8s.aws shipping-v1 -n logistics',
      'kubectl delete virtualnodes.appmesh.k8s.aws shipping-v2 -n logistics',
    ]);
    // tracking and warehouse share the namespace label
    expect(
      p.manualActions.some(a => a.what.includes('tracking, warehouse')),
    ).toBe(true);
    // the App Mesh envoy is removed by the plan, not flagged as a foreign sidecar to fix
    expect(
      p.manualActions.some(a => a.source.startsWith('MR-FOREIGN-SIDECAR')),
    ).toBe(false);
  });
});

describeFixtures(
  fixturesTitle('migration plans for real-world manifests'),
  () => {
    const fixture = (relative: string) => join(FIXTURES_DIR, relative);

    describe('Bookinfo → Istio sidecar', () => {
      const p = () =>
        plan(
          indexOf(fixture('bookinfo/bookinfo.yaml')),
          { labelSelector: 'app=reviews' },
          'istio-sidecar',
        );

      it('needs no fixes: enrols namespace default and requires STRICT mTLS', () => {
        const result = p();
        expect(step(result, 'fix')).toBeUndefined();
        expect(patchesOf(result, 'Namespace')).toEqual([
          {
            target: { kind: 'Namespace', name: 'default' },
            type: 'json-merge',
            body: { metadata: { labels: { 'istio-injection': 'enabled' } } },
          },
        ]);
        expect(step(result, 'enroll')!.commands).toEqual([
          'kubectl rollout restart deployment/reviews-v1 -n default',
          'kubectl rollout restart deployment/reviews-v2 -n default',
          'kubectl rollout restart deployment/reviews-v3 -n default',
        ]);
        expect(objectsOf(result, 'PeerAuthentication')).toEqual([
          {
            apiVersion: 'security.istio.io/v1',
            kind: 'PeerAuthentication',
            metadata: { name: 'default', namespace: 'default' },
            spec: { mtls: { mode: 'STRICT' } },
          },
        ]);
        expect(step(result, 'verify')!.commands).toContain(
          'istioctl analyze -n default',
        );
        expect(step(result, 'translate')).toBeUndefined();
        expectOrder(result, ['prepare', 'enroll', 'harden', 'verify']);
        expectValidYaml(result);
      });

      it('uses istio.io/rev when the cluster runs revisioned control planes', () => {
        const index = indexOf(fixture('bookinfo/bookinfo.yaml'));
        const revisioned = buildClusterIndex([
          ...index.objects,
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'other', labels: { 'istio.io/rev': '1-28' } },
          },
        ]);
        const result = plan(
          revisioned,
          { labelSelector: 'app=details' },
          'istio-sidecar',
        );
        expect(patchesOf(result, 'Namespace')[0].body).toEqual({
          metadata: { labels: { 'istio.io/rev': '1-28' } },
        });
      });

      it('enrols for ambient without restarts', () => {
        const result = plan(
          indexOf(fixture('bookinfo/bookinfo.yaml')),
          { labelSelector: 'app=reviews' },
          'istio-ambient',
        );
        expect(patchesOf(result, 'Namespace')[0].body).toEqual({
          metadata: { labels: { 'istio.io/dataplane-mode': 'ambient' } },
        });
        expect(step(result, 'enroll')!.commands).toEqual([]);
      });
    });

    describe('Sock Shop → Linkerd', () => {
      const result = (() => {
        let cached: MigrationPlan | undefined;
        return () =>
          (cached ??= plan(
            indexOf(fixture('sock-shop')),
            { namespace: 'sock-shop' },
            'linkerd',
            'sock-shop',
          ));
      })();

      it('adds app labels to the pod templates', () => {
        const carts = patchesOf(result(), 'Deployment', 'carts');
        expect(carts).toEqual([
          {
            target: {
              kind: 'Deployment',
              namespace: 'sock-shop',
              name: 'carts',
            },
            type: 'json-merge',
            body: {
              spec: { template: { metadata: { labels: { app: 'carts' } } } },
            },
          },
        ]);
        expect(patchesOf(result(), 'Deployment').length).toBe(14);
      });

      it('names HTTP ports and declares protocols on the Services', () => {
        const [carts] = patchesOf(result(), 'Service', 'carts');
        expect(carts.type).toBe('strategic-merge');
        expect(carts.body).toEqual({
          spec: { ports: [{ port: 80, appProtocol: 'http', name: 'http' }] },
        });
        const [session] = patchesOf(result(), 'Service', 'session-db');
        // The container port is named redis: a declaration beats a guess
        // from the number.
        expect((session.body as any).spec.ports[0]).toMatchObject({
          port: 6379,
          appProtocol: 'redis',
        });
      });

      it('marks no MongoDB port opaque: its clients speak first, so Linkerd detects the protocol', () => {
        for (const name of ['carts-db', 'orders-db', 'user-db']) {
          const opaque = [
            ...patchesOf(result(), 'Service', name),
            ...patchesOf(result(), 'Deployment', name),
          ].filter(p =>
            JSON.stringify(p.body).includes('config.linkerd.io/opaque-ports'),
          );
          expect(opaque).toEqual([]);
        }
      });

      it('enrols and hardens the namespace with annotations, and lists the rest as manual actions', () => {
        expect(patchesOf(result(), 'Namespace').map(p => p.body)).toEqual([
          { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } },
          {
            metadata: {
              annotations: {
                'config.linkerd.io/default-inbound-policy': 'all-authenticated',
              },
            },
          },
        ]);
        expect(step(result(), 'harden')!.explanation).toContain(
          'all-authenticated means',
        );
        expect(step(result(), 'enroll')!.commands).toHaveLength(14);
        expect(result().manualActions.length).toBeGreaterThan(0);
        for (const action of result().manualActions) {
          expect(action.what).not.toBe('');
          expect(action.why).not.toBe('');
          expect(action.source).toMatch(/^MR-/);
        }
        expectOrder(result(), ['prepare', 'fix', 'enroll', 'harden', 'verify']);
        expectValidYaml(result());
      });
    });

    describe.each([
      'howto-k8s-http-headers',
      'howto-k8s-retry-policy',
      'howto-k8s-mtls-file-based',
    ])('App Mesh walkthrough %s', walkthrough => {
      const path = () => fixture(`appmesh-howto/${walkthrough}`);
      const routeNodes: Record<string, string[]> = {
        'howto-k8s-http-headers': ['blue', 'green', 'red', 'yellow', 'white'],
        'howto-k8s-retry-policy': ['blue'],
        'howto-k8s-mtls-file-based': ['blue', 'green', 'red'],
      };

      it.each(['gateway-api', 'istio-sidecar'] as const)(
        '→ %s keeps ${APP_NAMESPACE}, removes the App Mesh labels and drops nothing',
        target => {
          const p = plan(
            indexOf(path()),
            { labelSelector: 'app=color' },
            target,
            'color',
          );
          expect(p.yaml).toContain('${APP_NAMESPACE}');
          expect(p.yaml).not.toContain('undefined');
          const detach = step(p, 'cleanup-injection')!;
          expect(detach.kind).toBe('cleanup');
          expect(detach.manifests[0].patch).toEqual({
            target: { kind: 'Namespace', name: '${APP_NAMESPACE}' },
            type: 'json-merge',
            body: {
              metadata: {
                labels: {
                  mesh: null,
                  'appmesh.k8s.aws/sidecarInjectorWebhook': null,
                },
              },
            },
          });
          expect(step(p, 'cleanup-appmesh')!.commands).toContain(
            'kubectl delete virtualrouters.appmesh.k8s.aws color -n ${APP_NAMESPACE}',
          );
          // every VirtualNode's health check is accounted for, and no field is unknown
          for (const node of routeNodes[walkthrough])
            expect(p.manualActions.map(a => a.source)).toContain(
              `VirtualNode \${APP_NAMESPACE}/${node} spec.listeners[0].healthCheck`,
            );
          expect(
            p.manualActions.filter(a => a.what.includes('unknown field')),
          ).toEqual([]);
          expect(
            p.manualActions.filter(a => a.what.includes('is not carried to')),
          ).toEqual([]);
          expectValidYaml(p);
        },
      );

      it('→ kuma (GAMMA): HTTPRoute rules carry the VirtualRouter weights and matches', () => {
        const p = plan(
          indexOf(path()),
          { labelSelector: 'app=color' },
          'kuma',
          'color',
        );
        const [route] = objectsOf(p, 'HTTPRoute');
        expect(route.metadata).toEqual({
          name: 'color',
          namespace: '${APP_NAMESPACE}',
        });
        expect((route.spec as any).parentRefs).toEqual([
          { group: '', kind: 'Service', name: 'color', port: 8080 },
        ]);
        const rules = rulesOf(route);
        expect(
          rules.map(r => r.backendRefs.map((b: any) => [b.name, b.weight])),
        ).toEqual(
          routeNodes[walkthrough].map(node => [
            [
              walkthrough === 'howto-k8s-retry-policy'
                ? 'color'
                : `color-${node}`,
              1,
            ],
          ]),
        );
        for (const rule of rules)
          expect(rule.matches[0].path).toEqual({
            type: 'PathPrefix',
            value: '/',
          });
      });

      it('→ istio-sidecar: VirtualService routes in priority order', () => {
        const p = plan(
          indexOf(path()),
          { labelSelector: 'app=color' },
          'istio-sidecar',
          'color',
        );
        const [vs] = objectsOf(p, 'VirtualService');
        expect((vs.spec as any).hosts).toEqual([
          'color.${APP_NAMESPACE}.svc.cluster.local',
        ]);
        const http = (vs.spec as any).http as any[];
        expect(http).toHaveLength(routeNodes[walkthrough].length);
        // retry-policy: the color Service selects app=color, so blue becomes subset blue of color;
        // the others route to the per-version Services named by the VirtualNodes' DNS hostnames
        const expected =
          walkthrough === 'howto-k8s-retry-policy'
            ? [
                {
                  host: 'color.${APP_NAMESPACE}.svc.cluster.local',
                  subset: 'blue',
                },
              ]
            : routeNodes[walkthrough].map(node => ({
                host: `color-${node}.\${APP_NAMESPACE}.svc.cluster.local`,
              }));
        expect(http.map(r => r.route[0].destination)).toEqual(expected);
      });
    });

    describe('howto-k8s-http-headers header matches', () => {
      const index = () =>
        indexOf(fixture('appmesh-howto/howto-k8s-http-headers'));

      it('carries exact, regex, prefix and presence header matches to Gateway API (GAMMA: Kuma)', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'kuma',
          'color',
        );
        const rules = rulesOf(objectsOf(p, 'HTTPRoute')[0]);
        expect(rules.map(r => r.matches[0].headers)).toEqual([
          [{ type: 'Exact', name: 'color_header', value: 'blue' }],
          [
            {
              type: 'RegularExpression',
              name: 'color_header',
              value: '.*green.*',
            },
          ],
          [{ type: 'RegularExpression', name: 'color_header', value: 'red.*' }],
          [{ type: 'RegularExpression', name: 'color_header', value: '.*' }],
          undefined,
        ]);
        // same order as App Mesh's priorities: nothing to warn about
        expect(
          p.manualActions.some(a => a.what.includes('order is not guaranteed')),
        ).toBe(false);
      });

      it('carries them to Istio, with presence as an empty match', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'istio-sidecar',
          'color',
        );
        const http = (objectsOf(p, 'VirtualService')[0].spec as any)
          .http as any[];
        expect(http.map(r => r.name)).toEqual([
          'color-route-blue',
          'color-route-green',
          'color-route-red',
          'color-route-yellow',
          'color-route-white',
        ]);
        expect(http.map(r => r.match?.[0].headers?.color_header)).toEqual([
          { exact: 'blue' },
          { regex: '.*green.*' },
          { prefix: 'red' },
          {},
          undefined,
        ]);
      });
    });

    describe('howto-k8s-retry-policy with its retry policy enabled', () => {
      // The walkthrough ships the retryPolicy commented out ("UNCOMMENT below to enable retries").
      const uncomment = (text: string) =>
        text.replace(
          /^(\s*)#(retryPolicy:| {2}maxRetries| {2}perRetryTimeout| {4}unit| {4}value| {2}httpRetryEvents| {4}- server-error)/gm,
          '$1$2',
        );
      const index = () =>
        indexOf(fixture('appmesh-howto/howto-k8s-retry-policy'), uncomment);

      it('routes to subset blue of Service color (which selects every version)', () => {
        const p = plan(
          indexOf(fixture('appmesh-howto/howto-k8s-retry-policy')),
          { labelSelector: 'app=color' },
          'istio-sidecar',
        );
        const [dr] = objectsOf(p, 'DestinationRule');
        expect((dr.spec as any).subsets).toEqual([
          { name: 'blue', labels: { version: 'blue' } },
        ]);
      });

      it('has no retry policy as shipped, so nothing is carried or listed', () => {
        const p = plan(
          indexOf(fixture('appmesh-howto/howto-k8s-retry-policy')),
          { labelSelector: 'app=color' },
          'istio-sidecar',
        );
        expect(
          (objectsOf(p, 'VirtualService')[0].spec as any).http[0].retries,
        ).toBeUndefined();
      });

      it('carries it to Istio retries', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'istio-sidecar',
          'color',
        );
        expect(
          (objectsOf(p, 'VirtualService')[0].spec as any).http[0].retries,
        ).toEqual({
          attempts: 4,
          perTryTimeout: '2s',
          retryOn: '5xx',
        });
      });

      it('carries it to the HTTPRoute retry field (with the experimental-channel note)', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'kuma',
          'color',
        );
        const [rule] = rulesOf(objectsOf(p, 'HTTPRoute')[0]);
        expect(rule.retry).toEqual({
          attempts: 4,
          codes: [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511],
        });
        expect(rule.timeouts).toEqual({ backendRequest: '2s' });
        expect(step(p, 'translate')!.explanation).toContain(
          'experimental channel',
        );
      });
    });

    describe('howto-k8s-mtls-file-based', () => {
      const index = () =>
        indexOf(fixture('appmesh-howto/howto-k8s-mtls-file-based'));

      it('lists the file-based listener TLS as manual and carries STRICT as PeerAuthentication', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'istio-sidecar',
          'color',
        );
        for (const node of ['blue', 'green']) {
          const action = p.manualActions.find(
            a =>
              a.source ===
              `VirtualNode \${APP_NAMESPACE}/${node} spec.listeners[0].tls.certificate`,
          )!;
          expect(action.what).toBe(
            `VirtualNode ${node}: spec.listeners[0].tls.certificate (file-based certs) not carried: configure mTLS via the mesh`,
          );
          expect(
            p.manualActions.some(
              a =>
                a.source ===
                `VirtualNode \${APP_NAMESPACE}/${node} spec.listeners[0].tls.validation`,
            ),
          ).toBe(true);
        }
        expect(step(p, 'harden')!.explanation).toContain('mode STRICT');
        expect(objectsOf(p, 'PeerAuthentication')[0].spec).toEqual({
          mtls: { mode: 'STRICT' },
        });
        // front enforces App Mesh client TLS towards color: both must move together
        expect(
          p.manualActions.some(a =>
            a.what.includes('VirtualNode ${APP_NAMESPACE}/front'),
          ),
        ).toBe(true);
      });

      it('removes the App Mesh pod annotations (secretMounts, sds) and lists the certificate Secrets', () => {
        const p = plan(
          index(),
          { labelSelector: 'app=color' },
          'gateway-api',
          'color',
        );
        const [blue] = patchesOf(p, 'Deployment', 'blue');
        expect(blue.body).toEqual({
          spec: {
            template: {
              metadata: {
                annotations: {
                  'appmesh.k8s.aws/secretMounts': null,
                  'appmesh.k8s.aws/sds': null,
                },
              },
            },
          },
        });
        expect(
          p.manualActions.some(a => a.what.includes('colorapp-blue-tls')),
        ).toBe(true);
        expect(
          p.manualActions.some(a =>
            a.source.endsWith('spec.listeners[0].tls.mode'),
          ),
        ).toBe(true);
      });
    });
  },
);

describe('App Mesh fields nobody translates', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata: {name: shop, labels: {mesh: m, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api, version: v1}}',
    '    spec: {containers: [{name: app, image: api:1, ports: [{containerPort: 8080}]}]}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: api, namespace: shop}',
    'spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: 8080}]}',
    '---',
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: api-v1, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api, version: v1}}',
    '  futureField: {enabled: true}',
    '  listeners:',
    '  - portMapping: {port: 8080, protocol: http}',
    '    outlierDetection: {maxServerErrors: 5, maxEjectionPercent: 50, interval: {unit: s, value: 10}, baseEjectionDuration: {unit: s, value: 30}}',
    '    connectionPool: {http: {maxConnections: 100, maxPendingRequests: 10}}',
    '  serviceDiscovery: {awsCloudMap: {namespaceName: shop.local, serviceName: api}}',
    '---',
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualRouter',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
    '  routes:',
    '  - name: exact',
    '    priority: 2',
    '    httpRoute:',
    '      match: {path: {exact: /health}, method: GET, scheme: https, headers: [{name: x-range, match: {range: {start: 1, end: 5}}}, {name: x-no, invert: true, match: {exact: "1"}}]}',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1}, {virtualNodeARN: "arn:aws:appmesh:x", weight: 1}]}',
    '      retryPolicy: {maxRetries: 2, perRetryTimeout: {unit: ms, value: 500}, httpRetryEvents: [stream-error]}',
    '  - name: prefix',
    '    priority: 1',
    '    httpRoute:',
    '      match: {prefix: /api, headers: [{name: a, match: {exact: "1"}}, {name: b, match: {suffix: ".x"}}]}',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 3}]}',
    '---',
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualService',
    'metadata: {name: api, namespace: shop}',
    'spec: {awsName: api.shop.svc.cluster.local, provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
    '---',
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualGateway',
    'metadata: {name: ingress, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: ingress-gw}}',
    '  listeners: [{portMapping: {port: 8088, protocol: http}, healthCheck: {protocol: http, path: /, healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000}}]',
    '---',
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: GatewayRoute',
    'metadata: {name: api-route, namespace: shop}',
    'spec:',
    '  httpRoute:',
    '    match: {prefix: /shop, hostname: {exact: shop.example.com}}',
    '    action:',
    '      target: {virtualService: {virtualServiceRef: {name: api}}}',
    '      rewrite: {prefix: {value: /}}',
  ].join('\n');
  const { objects } = parseManifests([{ path: 'test.yaml', content: yaml }]);
  const index = buildClusterIndex(objects);

  it('reports unknown fields, untranslatable matches and ARN targets as manual actions (Istio)', () => {
    const p = plan(index, { namespace: 'shop' }, 'istio-sidecar', 'api');
    const sources = p.manualActions.map(a => a.source);
    expect(
      p.manualActions.find(
        a => a.source === 'VirtualNode shop/api-v1 spec.futureField',
      )!.what,
    ).toContain('unknown field');
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute.match.headers[0]',
    );
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute.action.weightedTargets[1]',
    );
    // every field is accounted for: nothing left over as "not carried" besides the explicit ones
    expect(
      p.manualActions.filter(a => a.what.includes('is not carried to')),
    ).toEqual([]);
    expect(sources).toContain(
      'VirtualNode shop/api-v1 spec.serviceDiscovery.awsCloudMap',
    );
    const http = (objectsOf(p, 'VirtualService')[0].spec as any).http as any[];
    // route `exact` has a range header Istio cannot match: without it the route would match more,
    // so it is not emitted (issue 12: nothing approximated); its fields are still accounted for
    expect(http.map(r => r.name)).toEqual(['prefix']);
    expect(http[0].match[0]).toEqual({
      uri: { prefix: '/api' },
      headers: { a: { exact: '1' }, b: { regex: '.*\\.x' } },
    });
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute',
    );
    const [dr] = objectsOf(p, 'DestinationRule');
    expect((dr.spec as any).subsets[0]).toEqual({
      name: 'v1',
      labels: { version: 'v1' },
      trafficPolicy: {
        outlierDetection: {
          consecutive5xxErrors: 5,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 50,
        },
        connectionPool: {
          tcp: { maxConnections: 100 },
          http: { http1MaxPendingRequests: 10 },
        },
      },
    });
  });

  it('translates the VirtualGateway and GatewayRoute to a Gateway and an ingress HTTPRoute', () => {
    const p = plan(index, { namespace: 'shop' }, 'istio-sidecar', 'api');
    expect(objectsOf(p, 'Gateway')[0]).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'ingress', namespace: 'shop' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'http-8088',
            port: 8088,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
        ],
      },
    });
    const ingress = objectsOf(p, 'HTTPRoute').find(
      r => r.metadata.name === 'api-route',
    )!;
    expect(ingress.spec).toEqual({
      parentRefs: [{ name: 'ingress', namespace: 'shop' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/shop' } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: {
                // App Mesh rewrites Host to the target VirtualService by default
                hostname: 'api.shop.svc.cluster.local',
                path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
              },
            },
          ],
          backendRefs: [{ name: 'api', port: 80 }],
        },
      ],
    });
    expect(p.manualActions.map(a => a.source)).toContain(
      'VirtualGateway shop/ingress spec.listeners[0].healthCheck',
    );
    expect(step(p, 'cleanup-appmesh')!.commands![0]).toBe(
      'kubectl delete gatewayroutes.appmesh.k8s.aws api-route -n shop',
    );
  });

  it('lists the fields Gateway API lacks, and does not emit the route that needs them', () => {
    const p = plan(index, { namespace: 'shop' }, 'kuma', 'api');
    const sources = p.manualActions.map(a => a.source);
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute.match.scheme',
    );
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute.match.headers[1]',
    );
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute.retryPolicy.httpRetryEvents',
    );
    expect(
      p.manualActions.filter(a => a.what.includes('is not carried to')),
    ).toEqual([]);
    expect(sources).toContain(
      'VirtualNode shop/api-v1 spec.listeners[0].outlierDetection',
    );
    // route `exact` (scheme, range and inverted headers) is not emitted: no broader rule
    const rules = rulesOf(objectsOf(p, 'HTTPRoute')[0]);
    expect(rules).toHaveLength(1);
    expect(rules[0].matches[0].headers).toEqual([
      { type: 'Exact', name: 'a', value: '1' },
      { type: 'RegularExpression', name: 'b', value: '.*\\.x' },
    ]);
    expect(sources).toContain(
      'VirtualRouter shop/api spec.routes[0].httpRoute',
    );
  });
});

describeFixtures(fixturesTitle('services on other meshes'), () => {
  it('Consul HashiCups → Istio: fixes PostgreSQL, keeps ServiceDefaults and flags the Consul enrolment', () => {
    const index = indexOf(join(FIXTURES_DIR, 'consul-hashicups'));
    const p = plan(
      index,
      { labelSelector: 'app=product-api-db' },
      'istio-sidecar',
    );
    const [port] = patchesOf(p, 'Service', 'product-api-db');
    expect((port.body as any).spec.ports[0]).toMatchObject({
      port: 5432,
      appProtocol: 'tcp',
    });
    expect(p.manualActions.some(a => a.what.includes('out of consul'))).toBe(
      true,
    );
    expectValidYaml(p);
  });

  it('Consul HashiCups → Consul hardening patches the existing ServiceDefaults', () => {
    const index = indexOf(join(FIXTURES_DIR, 'consul-hashicups'));
    const p = plan(index, { labelSelector: 'app=public-api' }, 'consul');
    expect(patchesOf(p, 'ServiceDefaults')[0]).toEqual({
      target: {
        apiVersion: 'consul.hashicorp.com/v1alpha1',
        kind: 'ServiceDefaults',
        namespace: 'default',
        name: 'public-api',
      },
      type: 'json-merge',
      body: { spec: { mutualTLSMode: 'strict' } },
    });
    expect(
      patchesOf(p, 'Deployment', 'public-api').map(x => x.body),
    ).toContainEqual({
      spec: {
        template: {
          metadata: {
            annotations: { 'consul.hashicorp.com/connect-inject': 'true' },
          },
        },
      },
    });
  });

  it('Kuma counter demo → Kuma: namespace label and MeshTLS Strict', () => {
    const index = indexOf(join(FIXTURES_DIR, 'kuma-counter-demo/base.yaml'));
    const p = plan(index, { labelSelector: 'app=demo-app' }, 'kuma');
    expect(patchesOf(p, 'Namespace')[0].body).toEqual({
      metadata: { labels: { 'kuma.io/sidecar-injection': 'enabled' } },
    });
    expect(objectsOf(p, 'MeshTLS')[0]).toMatchObject({
      apiVersion: 'kuma.io/v1alpha1',
      spec: { rules: [{ default: { mode: 'Strict' } }] },
    });
  });

  it('Online Boutique → Cilium: io.cilium/mtls-enabled with the ztunnel caveat', () => {
    const index = indexOf(
      join(FIXTURES_DIR, 'online-boutique/kubernetes-manifests.yaml'),
    );
    const p = plan(index, { labelSelector: 'app=cartservice' }, 'cilium');
    expect(patchesOf(p, 'Namespace')[0].body).toEqual({
      metadata: { labels: { 'io.cilium/mtls-enabled': 'true' } },
    });
    expect(step(p, 'enroll')!.explanation).toContain('ztunnel');
    expect(p.manualActions.some(a => a.what.includes('ztunnel'))).toBe(true);
  });
});

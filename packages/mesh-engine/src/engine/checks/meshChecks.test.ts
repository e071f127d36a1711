import {
  deployment,
  indexFromYaml,
  namespace,
  runCheck,
  service,
  statuses,
} from '../__testUtils__/manifests';
import { READINESS_CHECKS } from './registry';

const ID = 'Deployment/shop/app';
const app = (extra: Partial<Parameters<typeof deployment>[0]> = {}) =>
  deployment({ name: 'app', ...extra });
const pod = (
  name: string,
  containers: string,
  annotations: Record<string, string> = {},
) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: app}\n  annotations: ${JSON.stringify(
    annotations,
  )}\nspec:\n  containers: ${containers}\nstatus: {phase: Running, podIP: 10.1.0.7}`;

describe('READINESS_CHECKS', () => {
  it('holds the 37 catalogue checks, each fully described', () => {
    expect(READINESS_CHECKS).toHaveLength(37);
    expect(new Set(READINESS_CHECKS.map(check => check.id)).size).toBe(37);
    for (const check of READINESS_CHECKS) {
      expect(check.id).toMatch(/^MR-[A-Z0-9-]+$/);
      expect(check.meshes.length).toBeGreaterThan(0);
      expect(check.reads.length).toBeGreaterThan(0);
      expect(check.why.length).toBeGreaterThan(20);
    }
  });
});

describe('MR-NS-NOT-ENROLLED and MR-NS-CONFLICTING-MODES', () => {
  it('fails an unenrolled namespace, is not evaluated without the Namespace, passes when enrolled', () => {
    expect(
      runCheck(
        'MR-NS-NOT-ENROLLED',
        indexFromYaml(namespace('shop'), app()),
        ID,
      )[0],
    ).toMatchObject({
      status: 'fail',
      object: { kind: 'Namespace', name: 'shop' },
    });
    expect(
      statuses(runCheck('MR-NS-NOT-ENROLLED', indexFromYaml(app()), ID)),
    ).toEqual(['not-evaluated']);
    expect(
      statuses(
        runCheck(
          'MR-NS-NOT-ENROLLED',
          indexFromYaml(
            namespace('shop', { 'kuma.io/sidecar-injection': 'enabled' }),
            app(),
          ),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('flags more than one Istio enrolment label on a namespace', () => {
    const conflicting = namespace('shop', {
      'istio-injection': 'enabled',
      'istio.io/rev': 'canary',
    });
    expect(
      runCheck(
        'MR-NS-CONFLICTING-MODES',
        indexFromYaml(conflicting, app()),
        ID,
      )[0].message,
    ).toContain('istio-injection=enabled, istio.io/rev=canary');
    expect(
      statuses(
        runCheck(
          'MR-NS-CONFLICTING-MODES',
          indexFromYaml(namespace('shop', { 'istio.io/rev': 'canary' }), app()),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-PROXY-MISSING and MR-PROXY-STALE', () => {
  const enrolled = namespace('shop', { 'istio-injection': 'enabled' });
  const proxied = (name: string, tag: string) =>
    pod(
      name,
      `[{name: app, image: x}, {name: istio-proxy, image: "docker.io/istio/proxyv2:${tag}"}]`,
    );
  const injector =
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: istio-system}\ndata:\n  values: \'{"global":{"hub":"docker.io/istio","tag":"1.28.0"}}\'';

  it('fails when enrolled pods lack the proxy and is not evaluated without pods', () => {
    const index = indexFromYaml(
      enrolled,
      app(),
      proxied('app-1', '1.28.0'),
      pod('app-2', '[{name: app, image: x}]'),
    );
    expect(runCheck('MR-PROXY-MISSING', index, ID)[0].message).toBe(
      '1 of 2 pods of Deployment app run without the Istio (sidecar) proxy',
    );
    expect(
      statuses(
        runCheck('MR-PROXY-MISSING', indexFromYaml(enrolled, app()), ID),
      ),
    ).toEqual(['not-evaluated']);
    expect(
      statuses(runCheck('MR-PROXY-MISSING', indexFromYaml(app()), ID)),
    ).toEqual(['pass']);
  });

  it('fails stale proxies, and is not evaluated without the injector ConfigMap', () => {
    expect(
      statuses(
        runCheck(
          'MR-PROXY-STALE',
          indexFromYaml(enrolled, injector, app(), proxied('app-1', '1.27.2')),
          ID,
        ),
      ),
    ).toEqual(['fail']);
    expect(
      statuses(
        runCheck(
          'MR-PROXY-STALE',
          indexFromYaml(enrolled, injector, app(), proxied('app-1', '1.28.0')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
    expect(
      statuses(
        runCheck(
          'MR-PROXY-STALE',
          indexFromYaml(enrolled, app(), proxied('app-1', '1.27.2')),
          ID,
        ),
      ),
    ).toEqual(['not-evaluated']);
  });
});

describe('MR-APPMESH-VN and MR-EOL-MESH', () => {
  const appMeshNamespace = namespace('shop', {
    'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
  });
  const virtualNode =
    'apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: {name: app, namespace: shop}\nspec: {podSelector: {matchLabels: {app: app}}, listeners: [{portMapping: {port: 8080, protocol: http}}]}';

  it('requires a VirtualNode for pods enrolled in App Mesh', () => {
    expect(
      statuses(
        runCheck('MR-APPMESH-VN', indexFromYaml(appMeshNamespace, app()), ID),
      ),
    ).toEqual(['fail']);
    expect(
      statuses(
        runCheck(
          'MR-APPMESH-VN',
          indexFromYaml(appMeshNamespace, virtualNode, app()),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('flags workloads on App Mesh as end-of-life', () => {
    const [result] = runCheck(
      'MR-EOL-MESH',
      indexFromYaml(appMeshNamespace, app()),
      ID,
    );
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'error',
      meshes: ['aws-app-mesh'],
    });
    expect(result.message).toContain('discontinued on 2026-09-30');
    expect(statuses(runCheck('MR-EOL-MESH', indexFromYaml(app()), ID))).toEqual(
      ['pass'],
    );
  });
});

describe('MR-AMBIENT-L7-NO-WAYPOINT and MR-AMBIENT-WAYPOINT-MISSING', () => {
  const l7Policy =
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: get-only, namespace: shop}\nspec:\n  selector: {matchLabels: {app: app}}\n  rules: [{to: [{operation: {methods: [GET]}}]}]';
  const l4Policy =
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: from-ns, namespace: shop}\nspec:\n  selector: {matchLabels: {app: app}}\n  rules: [{from: [{source: {namespaces: [shop]}}]}]';
  const waypoint =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: waypoint, namespace: shop}\nspec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}';

  it('fails L7 policy without a waypoint and ignores L4-only policy', () => {
    expect(
      runCheck(
        'MR-AMBIENT-L7-NO-WAYPOINT',
        indexFromYaml(app(), l7Policy),
        ID,
      )[0].message,
    ).toContain('AuthorizationPolicy shop/get-only');
    expect(
      statuses(
        runCheck(
          'MR-AMBIENT-L7-NO-WAYPOINT',
          indexFromYaml(app(), l4Policy),
          ID,
        ),
      ),
    ).toEqual(['pass']);
    expect(
      statuses(
        runCheck(
          'MR-AMBIENT-L7-NO-WAYPOINT',
          indexFromYaml(
            app({ labels: { 'istio.io/use-waypoint': 'waypoint' } }),
            l7Policy,
            waypoint,
          ),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('fails a missing waypoint, passes an existing one, is not evaluated without Gateway API objects', () => {
    const ambient = namespace('shop', {
      'istio.io/dataplane-mode': 'ambient',
      'istio.io/use-waypoint': 'waypoint',
    });
    const other =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ingress, namespace: shop}\nspec: {gatewayClassName: istio}';
    expect(
      runCheck(
        'MR-AMBIENT-WAYPOINT-MISSING',
        indexFromYaml(ambient, other, app()),
        ID,
      )[0].message,
    ).toContain('which does not exist');
    expect(
      statuses(
        runCheck(
          'MR-AMBIENT-WAYPOINT-MISSING',
          indexFromYaml(ambient, waypoint, app()),
          ID,
        ),
      ),
    ).toEqual(['pass']);
    expect(
      statuses(
        runCheck(
          'MR-AMBIENT-WAYPOINT-MISSING',
          indexFromYaml(ambient, app()),
          ID,
        ),
      ),
    ).toEqual(['not-evaluated']);
  });
});

describe('MR-MTLS-NOT-STRICT', () => {
  it('tracks permissive mTLS with a PeerAuthentication snippet and passes strict', () => {
    const enrolled = namespace('shop', { 'istio-injection': 'enabled' });
    const [result] = runCheck(
      'MR-MTLS-NOT-STRICT',
      indexFromYaml(enrolled, app()),
      ID,
    );
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'info',
      meshes: ['istio-sidecar'],
    });
    expect(result.snippet).toContain('mode: STRICT');
    const strict =
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec: {mtls: {mode: STRICT}}';
    expect(
      statuses(
        runCheck(
          'MR-MTLS-NOT-STRICT',
          indexFromYaml(enrolled, strict, app()),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('cluster-level checks', () => {
  it('never passes MR-BIND-ADDRESS: it needs runtime data', () => {
    expect(
      statuses(runCheck('MR-BIND-ADDRESS', indexFromYaml(app()), ID)),
    ).toEqual(['not-evaluated']);
  });

  it('compares addresses with Linkerd clusterNetworks, when the input has any', () => {
    expect(
      statuses(runCheck('MR-CLUSTER-NETWORKS', indexFromYaml(app()), ID)),
    ).toEqual(['not-evaluated']);
    const node = (cidr: string) =>
      `apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\nspec: {podCIDRs: ["${cidr}"]}`;
    const outside = runCheck(
      'MR-CLUSTER-NETWORKS',
      indexFromYaml(
        app(),
        node('203.0.113.0/24'),
        service('app', 'shop', { app: 'app' }, '- {port: 80}').replace(
          'spec:\n',
          'spec:\n  clusterIP: 10.96.0.10\n',
        ),
      ),
      ID,
    );
    expect(outside.map(r => [r.status, r.object.kind])).toEqual([
      ['fail', 'Node'],
    ]);
    expect(
      statuses(
        runCheck(
          'MR-CLUSTER-NETWORKS',
          indexFromYaml(app(), node('fd00:10:244::/64')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('checks Gateway API CRD presence and served versions', () => {
    const crd = (name: string, versions: string) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: ${name}}\nspec: {versions: ${versions}}`;
    expect(
      statuses(runCheck('MR-GATEWAY-API-CRDS', indexFromYaml(app()), ID)),
    ).toEqual(['not-evaluated']);
    const served = '[{name: v1, served: true}, {name: v1beta1, served: true}]';
    const all = ['gatewayclasses', 'gateways', 'httproutes'].map(kind =>
      crd(`${kind}.gateway.networking.k8s.io`, served),
    );
    expect(
      statuses(
        runCheck('MR-GATEWAY-API-CRDS', indexFromYaml(app(), ...all), ID),
      ),
    ).toEqual(['pass']);
    const missing = runCheck(
      'MR-GATEWAY-API-CRDS',
      indexFromYaml(app(), all[0], all[1]),
      ID,
    );
    expect(missing.map(r => [r.object.name, r.meshes])).toEqual([
      ['httproutes.gateway.networking.k8s.io', ['linkerd']],
    ]);
    const old = runCheck(
      'MR-GATEWAY-API-CRDS',
      indexFromYaml(
        app(),
        all[0],
        all[2],
        crd(
          'gateways.gateway.networking.k8s.io',
          '[{name: v1beta1, served: true}]',
        ),
      ),
      ID,
    );
    expect(old.map(r => [r.severity, r.meshes])).toEqual([
      ['warning', ['istio-sidecar']],
    ]);
  });
});

import {
  deployment,
  detect,
  indexFromYaml,
  namespace,
} from '../__testUtils__/manifests';

/** A Running pod of Deployment `app` in `shop`, owned through ReplicaSet app-rs. */
function pod(
  name: string,
  spec: string,
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
) {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    `  labels: ${JSON.stringify({ app: 'app', ...metadata.labels })}`,
    `  annotations: ${JSON.stringify(metadata.annotations ?? {})}`,
    '  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: app-rs, controller: true}]',
    'spec:',
    ...spec.split('\n').map(line => `  ${line}`),
    'status: {phase: Running, podIP: 10.1.2.3}',
  ].join('\n');
}

const APP = '- {name: app, image: example/app:1.0}';
const ISTIO_STATUS =
  '{"initContainers":["istio-init","istio-proxy"],"containers":null,"revision":"default"}';

const istioClassicPod = (
  name: string,
  image = 'docker.io/istio/proxyv2:1.27.1',
) =>
  pod(
    name,
    `initContainers:\n- {name: istio-init, image: "${image}"}\ncontainers:\n${APP}\n- {name: istio-proxy, image: "${image}"}`,
    {
      labels: { 'security.istio.io/tlsMode': 'istio' },
      annotations: { 'sidecar.istio.io/status': ISTIO_STATUS },
    },
  );
const istioNativePod = (
  name: string,
  image = 'docker.io/istio/proxyv2:1.28.0',
) =>
  pod(
    name,
    `initContainers:\n- {name: istio-init, image: "${image}"}\n- {name: istio-proxy, image: "${image}", restartPolicy: Always}\ncontainers:\n${APP}`,
    {
      annotations: {
        'sidecar.istio.io/status': ISTIO_STATUS,
        'istio.io/rev': 'default',
      },
    },
  );
const plainPod = (name: string) => pod(name, `containers:\n${APP}`);

describe('detectMesh: Istio sidecar', () => {
  it('reports a namespace-enrolled workload without pods as intent only', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'app' }),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'istio-sidecar',
      state: 'enrolled',
      dataPlaneMode: 'sidecar',
      coverage: undefined,
    });
    expect(detection.evidence).toEqual([
      {
        kind: 'intent',
        mesh: 'istio-sidecar',
        source: 'Namespace shop label istio-injection=enabled',
      },
    ]);
    expect(detection.mtls).toEqual({
      mode: 'permissive',
      source: 'no PeerAuthentication sets a mode: Istio default PERMISSIVE',
    });
  });

  it('detects classic sidecars on live pods and measures partial coverage', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'app' }),
      istioClassicPod('app-1'),
      plainPod('app-2'),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'istio-sidecar',
      state: 'meshed',
      dataPlaneMode: 'sidecar',
    });
    expect(detection.coverage).toEqual({ meshedPods: 1, totalPods: 2 });
    expect(detection.evidence.map(e => e.kind)).toEqual(['intent', 'fact']);
  });

  it('detects native sidecars (istio-proxy in initContainers with restartPolicy Always)', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio.io/rev': 'default' }),
      deployment({ name: 'app' }),
      istioNativePod('app-1'),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'istio-sidecar',
      state: 'meshed',
      dataPlaneMode: 'native-sidecar',
    });
    expect(detection.coverage).toEqual({ meshedPods: 1, totalPods: 1 });
  });

  it('honours the pod-level opt-out over the namespace label', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({
        name: 'app',
        labels: { 'sidecar.istio.io/inject': 'false' },
      }),
    );
    expect(detect(index, 'Deployment/shop/app')).toMatchObject({
      mesh: 'none',
      state: 'opted-out',
      dataPlaneMode: 'none',
    });
  });
});

describe('detectMesh: Istio ambient', () => {
  it('detects enrolment by namespace label and capture by the redirection annotation', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment({ name: 'app' }),
      pod('app-1', `containers:\n${APP}`, {
        annotations: { 'ambient.istio.io/redirection': 'enabled' },
      }),
      pod('app-2', `containers:\n${APP}`, {
        annotations: { 'ambient.istio.io/redirection': 'pending' },
      }),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'istio-ambient',
      state: 'meshed',
      dataPlaneMode: 'ambient',
    });
    expect(detection.coverage).toEqual({ meshedPods: 1, totalPods: 2 });
  });

  it('lets the sidecar win and reports the conflict when both modes are asked for', () => {
    const index = indexFromYaml(
      namespace('shop', {
        'istio-injection': 'enabled',
        'istio.io/dataplane-mode': 'ambient',
      }),
      deployment({ name: 'app' }),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection.mesh).toBe('istio-sidecar');
    expect(detection.conflicts.map(c => c.kind)).toEqual([
      'sidecar-and-ambient',
    ]);
  });

  it('flags a waypoint label on a workload that is not in ambient mode', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio.io/use-waypoint': 'waypoint' }),
      deployment({ name: 'app' }),
    );
    expect(
      detect(index, 'Deployment/shop/app').conflicts.map(c => c.kind),
    ).toEqual(['waypoint-without-ambient']);
  });
});

describe('detectMesh: other meshes', () => {
  it('detects Linkerd from the namespace annotation and a native linkerd-proxy', () => {
    const index = indexFromYaml(
      namespace('shop', {}, { 'linkerd.io/inject': 'enabled' }),
      deployment({ name: 'app' }),
      pod(
        'app-1',
        `initContainers:\n- {name: linkerd-init, image: cr.l5d.io/linkerd/proxy-init:v2.4.1}\n- {name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:edge-26.8.3", restartPolicy: Always}\ncontainers:\n${APP}`,
        { annotations: { 'linkerd.io/proxy-version': 'edge-26.8.3' } },
      ),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'linkerd',
      state: 'meshed',
      dataPlaneMode: 'native-sidecar',
    });
    expect(detection.mtls.mode).toBe('permissive');
    expect(detection.proxy).toMatchObject({
      proxyVersion: 'edge-26.8.3',
      stale: 'unknown',
    });
  });

  it('detects Consul from the connect-inject annotation and consul-dataplane', () => {
    const index = indexFromYaml(
      deployment({
        name: 'app',
        annotations: { 'consul.hashicorp.com/connect-inject': 'true' },
      }),
      pod(
        'app-1',
        `initContainers:\n- {name: consul-connect-inject-init, image: hashicorp/consul-k8s-control-plane:1.6}\ncontainers:\n${APP}\n- {name: consul-dataplane, image: "hashicorp/consul-dataplane:1.6.1"}`,
        {
          labels: { 'consul.hashicorp.com/connect-inject-status': 'injected' },
        },
      ),
    );
    expect(detect(index, 'Deployment/shop/app')).toMatchObject({
      mesh: 'consul',
      state: 'meshed',
      dataPlaneMode: 'sidecar',
      mtls: { mode: 'strict' },
    });
  });

  it('detects Kuma native sidecars and reads legacy Mesh mTLS', () => {
    const index = indexFromYaml(
      namespace('shop', { 'kuma.io/sidecar-injection': 'enabled' }),
      'apiVersion: kuma.io/v1alpha1\nkind: Mesh\nmetadata: {name: default}\nspec: {mtls: {enabledBackend: ca-1, backends: [{name: ca-1, type: builtin}]}}',
      deployment({ name: 'app' }),
      pod(
        'app-1',
        `initContainers:\n- {name: kuma-init, image: kuma/kuma-init:2.14}\n- {name: kuma-sidecar, image: "kuma/kuma-sidecar:2.14", restartPolicy: Always}\ncontainers:\n${APP}`,
        {
          annotations: { 'kuma.io/sidecar-injected': 'true' },
        },
      ),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection).toMatchObject({
      mesh: 'kuma',
      state: 'meshed',
      dataPlaneMode: 'native-sidecar',
    });
    expect(detection.mtls).toEqual({
      mode: 'strict',
      source: 'Mesh default spec.mtls.enabledBackend ca-1 mode STRICT',
    });
  });

  it('detects App Mesh from envoy + proxyinit and APPMESH_* env, and tells it from OSM', () => {
    const index = indexFromYaml(
      deployment({ name: 'app' }),
      pod(
        'app-1',
        `initContainers:\n- {name: proxyinit, image: aws-appmesh-proxy-route-manager:v7}\ncontainers:\n${APP}\n- name: envoy\n  image: 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.34.13.3-prod\n  env: [{name: APPMESH_RESOURCE_ARN, value: mesh/m/virtualNode/app}]`,
      ),
      deployment({ name: 'legacy' }),
      [
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: legacy-1\n  namespace: shop\n  labels: {app: legacy, osm-proxy-uuid: 1234}',
        'spec:\n  initContainers: [{name: osm-init, image: openservicemesh/init:v1.2.0}]\n  containers: [{name: legacy, image: x}, {name: envoy, image: "envoyproxy/envoy:v1.26"}]',
      ].join('\n'),
    );
    expect(detect(index, 'Deployment/shop/app')).toMatchObject({
      mesh: 'aws-app-mesh',
      state: 'meshed',
      dataPlaneMode: 'sidecar',
    });
    expect(detect(index, 'Deployment/shop/legacy')).toMatchObject({
      mesh: 'osm',
      state: 'meshed',
    });
  });

  it('detects Cilium ztunnel encryption as a node proxy when cilium-config enables it', () => {
    const cilium =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config, namespace: kube-system}\ndata: {enable-ztunnel: "true"}';
    const index = indexFromYaml(
      namespace('shop', { 'io.cilium/mtls-enabled': 'true' }),
      cilium,
      deployment({ name: 'app' }),
      plainPod('app-1'),
    );
    expect(detect(index, 'Deployment/shop/app')).toMatchObject({
      mesh: 'cilium',
      state: 'meshed',
      dataPlaneMode: 'node-proxy',
      coverage: { meshedPods: 1, totalPods: 1 },
    });
    const intentOnly = indexFromYaml(
      namespace('shop', { 'io.cilium/mtls-enabled': 'true' }),
      deployment({ name: 'app' }),
    );
    expect(detect(intentOnly, 'Deployment/shop/app')).toMatchObject({
      mesh: 'cilium',
      state: 'enrolled',
    });
  });

  it('reports a pod that carries two meshes as a conflict', () => {
    const index = indexFromYaml(
      deployment({ name: 'app' }),
      pod(
        'app-1',
        `containers:\n${APP}\n- {name: istio-proxy, image: "docker.io/istio/proxyv2:1.27.1"}\n- {name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:stable-2.14.10"}`,
      ),
    );
    const detection = detect(index, 'Deployment/shop/app');
    expect(detection.mesh).toBe('istio-sidecar');
    expect(detection.otherMeshes).toEqual(['linkerd']);
    expect(detection.conflicts).toEqual([
      {
        kind: 'multiple-meshes',
        message: 'Pod app-1 carries proxies of Istio (sidecar) and Linkerd',
      },
    ]);
  });

  it('marks hostNetwork workloads as not meshable', () => {
    const index = indexFromYaml(
      deployment({
        name: 'agent',
        podSpec: `hostNetwork: true\ncontainers:\n${APP}`,
      }),
    );
    expect(detect(index, 'Deployment/shop/agent')).toMatchObject({
      mesh: 'none',
      state: 'none',
      meshable: false,
    });
  });
});

describe('detectMesh: mTLS and proxy freshness', () => {
  const peerAuthentication = (
    ns: string,
    name: string,
    mode: string,
    selector?: Record<string, string>,
  ) =>
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${
      selector ? `  selector: {matchLabels: ${JSON.stringify(selector)}}\n` : ''
    }  mtls: {mode: ${mode}}`;

  it('applies Istio PeerAuthentication precedence: workload > namespace > mesh, UNSET inherits', () => {
    const base = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'app' }),
    ];
    const mtls = (...extra: string[]) =>
      detect(indexFromYaml(...base, ...extra), 'Deployment/shop/app').mtls;
    expect(
      mtls(peerAuthentication('istio-system', 'default', 'STRICT')),
    ).toEqual({
      mode: 'strict',
      source: 'PeerAuthentication istio-system/default (mesh-wide) STRICT',
    });
    expect(
      mtls(
        peerAuthentication('istio-system', 'default', 'STRICT'),
        peerAuthentication('shop', 'ns', 'PERMISSIVE'),
      ).mode,
    ).toBe('permissive');
    expect(
      mtls(
        peerAuthentication('shop', 'ns', 'PERMISSIVE'),
        peerAuthentication('shop', 'app', 'DISABLE', { app: 'app' }),
      ).mode,
    ).toBe('off');
    expect(
      mtls(
        peerAuthentication('istio-system', 'default', 'STRICT'),
        peerAuthentication('shop', 'ns', 'UNSET'),
      ).mode,
    ).toBe('strict');
  });

  it('reads the Linkerd default inbound policy from the pod template before the namespace', () => {
    const index = indexFromYaml(
      namespace(
        'shop',
        {},
        {
          'linkerd.io/inject': 'enabled',
          'config.linkerd.io/default-inbound-policy': 'all-unauthenticated',
        },
      ),
      deployment({
        name: 'app',
        annotations: {
          'config.linkerd.io/default-inbound-policy': 'all-authenticated',
        },
      }),
    );
    expect(detect(index, 'Deployment/shop/app').mtls.mode).toBe('strict');
  });

  it('marks an Istio proxy stale when its image differs from the injector ConfigMap (IST0158)', () => {
    const injector =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: istio-system}\ndata:\n  values: \'{"global":{"hub":"docker.io/istio","tag":"1.28.0","proxy":{"image":"proxyv2"}}}\'';
    const base = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'app' }),
      injector,
    ];
    const stale = detect(
      indexFromYaml(
        ...base,
        istioClassicPod('app-1', 'docker.io/istio/proxyv2:1.27.1'),
      ),
      'Deployment/shop/app',
    );
    expect(stale.proxy).toMatchObject({
      proxyVersion: '1.27.1',
      controlPlaneVersion: '1.28.0',
      stale: true,
    });
    const fresh = detect(
      indexFromYaml(
        ...base,
        istioNativePod('app-1', 'docker.io/istio/proxyv2:1.28.0-distroless'),
      ),
      'Deployment/shop/app',
    );
    expect(fresh.proxy?.stale).toBe(false);
  });

  it('marks an Istio proxy stale when its revision differs from the namespace revision', () => {
    const index = indexFromYaml(
      namespace('shop', { 'istio.io/rev': '1-28' }),
      deployment({ name: 'app' }),
      istioNativePod('app-1'),
    );
    expect(detect(index, 'Deployment/shop/app').proxy).toMatchObject({
      stale: true,
    });
  });

  it('compares Linkerd proxy versions with the control plane pods', () => {
    const controlPlanePod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: linkerd-destination-1\n  namespace: linkerd\n  labels: {linkerd.io/control-plane-ns: linkerd}\n  annotations: {linkerd.io/proxy-version: edge-26.8.3}\nspec: {containers: [{name: destination, image: x}]}';
    const index = indexFromYaml(
      namespace('shop', {}, { 'linkerd.io/inject': 'enabled' }),
      deployment({ name: 'app' }),
      controlPlanePod,
      pod(
        'app-1',
        `containers:\n${APP}\n- {name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:edge-26.7.1"}`,
        {
          annotations: { 'linkerd.io/proxy-version': 'edge-26.7.1' },
        },
      ),
    );
    expect(detect(index, 'Deployment/shop/app').proxy).toMatchObject({
      proxyVersion: 'edge-26.7.1',
      controlPlaneVersion: 'edge-26.8.3',
      stale: true,
    });
  });
});

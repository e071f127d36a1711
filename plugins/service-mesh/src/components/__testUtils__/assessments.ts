import { Entity } from '@backstage/catalog-model';
import {
  EntityAssessmentResponse,
  isMeshId,
  kubernetesAnnotationHint,
  READINESS_TARGET_MESHES,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  buildClusterIndex,
  checkSummaries,
  parseManifests,
  selectWorkloads,
  targetReadiness,
} from '@meshwise/mesh-engine';

/**
 * Realistic assessments for the UI's tests: the engine of the common package
 * runs over small inline manifests, so the UI is tested against what the
 * backend will really store, not hand-written JSON.
 */

const ASSESSED_AT = '2026-11-22T08:30:00.000Z';

/** Runs the engine over YAML documents for the workloads labelled `backstage.io/kubernetes-id=<id>`. */
export function assessYaml(
  id: string,
  ...documents: string[]
): ServiceAssessment {
  const { objects, findings } = parseManifests([
    { path: 'fixture.yaml', content: documents.join('\n---\n') },
  ]);
  if (findings.length > 0) {
    throw new Error(`fixture does not parse: ${JSON.stringify(findings)}`);
  }
  const index = buildClusterIndex(objects);
  const workloads = selectWorkloads(index, {
    labelSelector: `backstage.io/kubernetes-id=${id}`,
  });
  return assessService(workloads, index);
}

function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): string {
  return [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    `  name: ${name}`,
    `  labels: ${JSON.stringify(labels)}`,
    `  annotations: ${JSON.stringify(annotations)}`,
  ].join('\n');
}

function deployment(options: {
  name: string;
  namespace: string;
  replicas?: number;
  labels?: Record<string, string>;
  podSpec: string;
}): string {
  const labels = {
    'backstage.io/kubernetes-id': options.name,
    app: options.name,
    ...options.labels,
  };
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${options.name}`,
    `  namespace: ${options.namespace}`,
    `  labels: ${JSON.stringify({
      'backstage.io/kubernetes-id': options.name,
    })}`,
    'spec:',
    `  replicas: ${options.replicas ?? 2}`,
    '  selector:',
    `    matchLabels: {app: ${options.name}}`,
    '  template:',
    '    metadata:',
    `      labels: ${JSON.stringify(labels)}`,
    '    spec:',
    ...options.podSpec.split('\n').map(line => `      ${line}`),
  ].join('\n');
}

function pod(options: {
  name: string;
  namespace: string;
  app: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: string;
}): string {
  const labels = {
    'backstage.io/kubernetes-id': options.app,
    app: options.app,
    ...options.labels,
  };
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${options.name}`,
    `  namespace: ${options.namespace}`,
    `  labels: ${JSON.stringify(labels)}`,
    `  annotations: ${JSON.stringify(options.annotations ?? {})}`,
    `  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${options.app}-7d9f, controller: true}]`,
    'spec:',
    ...options.spec.split('\n').map(line => `  ${line}`),
    'status: {phase: Running, podIP: 10.1.2.3}',
  ].join('\n');
}

function replicaSet(app: string, ns: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: ReplicaSet',
    'metadata:',
    `  name: ${app}-7d9f`,
    `  namespace: ${ns}`,
    `  labels: {app: ${app}}`,
    `  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: ${app}, controller: true}]`,
    'spec:',
    `  selector: {matchLabels: {app: ${app}}}`,
  ].join('\n');
}

function service(name: string, ns: string, ports: string): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    `  labels: ${JSON.stringify({ 'backstage.io/kubernetes-id': name })}`,
    'spec:',
    `  selector: {app: ${name}}`,
    '  ports:',
    ...ports.split('\n').map(line => `  ${line}`),
  ].join('\n');
}

/**
 * `events-ingest` of the demo: no mesh, an app container running as UID 1337
 * (the Istio proxy's UID), an unnamed Service port and no `version` label.
 */
export function notMeshedAssessment(): ServiceAssessment {
  const app = 'events-ingest';
  const ns = 'analytics';
  const spec = [
    'serviceAccountName: events-ingest',
    'containers:',
    '- name: ingest',
    '  image: acme/events-ingest:4.2.0',
    '  securityContext: {runAsUser: 1337}',
    '  ports:',
    '  - containerPort: 8080',
  ].join('\n');
  return assessYaml(
    app,
    namespace(ns),
    deployment({ name: app, namespace: ns, podSpec: spec }),
    replicaSet(app, ns),
    pod({ name: `${app}-7d9f-a1`, namespace: ns, app, spec }),
    pod({ name: `${app}-7d9f-b2`, namespace: ns, app, spec }),
    service(app, ns, '- {port: 80, targetPort: 8080}'),
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: events-ingest, namespace: ${ns}}`,
  );
}

const ISTIO_STATUS =
  '{"initContainers":["istio-init"],"containers":["istio-proxy"],"revision":"default"}';

/**
 * `cart-api` of the demo: Istio sidecar, strict mTLS, both pods injected by
 * 1.26.1 and not restarted after the control plane moved to 1.28.2.
 */
export function istioStaleProxyAssessment(): ServiceAssessment {
  const app = 'cart-api';
  const ns = 'storefront';
  const image = 'docker.io/istio/proxyv2:1.26.1';
  const template = [
    'serviceAccountName: cart-api',
    'containers:',
    '- name: cart-api',
    '  image: acme/cart-api:7.3.1',
    '  ports:',
    '  - {name: http, containerPort: 8080}',
  ].join('\n');
  const injected = [
    'serviceAccountName: cart-api',
    'initContainers:',
    `- {name: istio-init, image: "${image}"}`,
    'containers:',
    '- name: cart-api',
    '  image: acme/cart-api:7.3.1',
    '  ports:',
    '  - {name: http, containerPort: 8080}',
    `- {name: istio-proxy, image: "${image}"}`,
  ].join('\n');
  const injectedPod = (name: string) =>
    pod({
      name,
      namespace: ns,
      app,
      labels: { version: 'v7', 'security.istio.io/tlsMode': 'istio' },
      annotations: { 'sidecar.istio.io/status': ISTIO_STATUS },
      spec: injected,
    });
  return assessYaml(
    app,
    namespace(ns, { 'istio-injection': 'enabled' }),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: istio-system}\ndata:\n  values: \'{"global":{"hub":"docker.io/istio","tag":"1.28.2","proxy":{"image":"proxyv2"}}}\'',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: storefront}\nspec: {mtls: {mode: STRICT}}',
    deployment({
      name: app,
      namespace: ns,
      labels: { version: 'v7' },
      podSpec: template,
    }),
    replicaSet(app, ns),
    injectedPod(`${app}-7d9f-a1`),
    injectedPod(`${app}-7d9f-b2`),
    service(
      app,
      ns,
      '- {name: http, port: 80, targetPort: 8080, appProtocol: http}',
    ),
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cart-api, namespace: ${ns}}`,
  );
}

/** `shipping` of the demo: an `envoy` sidecar injected by the App Mesh controller. */
export function appMeshAssessment(): ServiceAssessment {
  const app = 'shipping';
  const ns = 'logistics';
  const template = [
    'serviceAccountName: shipping',
    'containers:',
    '- name: shipping',
    '  image: acme/shipping:2.0.3',
    '  ports:',
    '  - {name: http, containerPort: 8080}',
  ].join('\n');
  const injected = [
    'serviceAccountName: shipping',
    'initContainers:',
    '- {name: proxyinit, image: "840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-proxy-route-manager:v7-prod"}',
    'containers:',
    '- name: shipping',
    '  image: acme/shipping:2.0.3',
    '  ports:',
    '  - {name: http, containerPort: 8080}',
    '- name: envoy',
    '  image: 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.29.12.1-prod',
    '  securityContext: {runAsUser: 1337}',
    '  env: [{name: APPMESH_VIRTUAL_NODE_NAME, value: mesh/logistics-mesh/virtualNode/shipping-v1_logistics}]',
  ].join('\n');
  return assessYaml(
    app,
    namespace(ns, {
      mesh: 'logistics-mesh',
      'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
    }),
    deployment({
      name: app,
      namespace: ns,
      labels: { version: 'v1' },
      podSpec: template,
    }),
    replicaSet(app, ns),
    pod({
      name: `${app}-7d9f-a1`,
      namespace: ns,
      app,
      labels: { version: 'v1' },
      spec: injected,
    }),
    service(app, ns, '- {name: http, port: 80, targetPort: 8080}'),
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: shipping, namespace: ${ns}}`,
  );
}

/**
 * `flow-collector` of the demo: a hostNetwork DaemonSet listening on UDP,
 * which no mesh can capture.
 */
export function hostNetworkAssessment(): ServiceAssessment {
  const app = 'flow-collector';
  const ns = 'analytics';
  return assessYaml(
    app,
    namespace(ns),
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      `  name: ${app}`,
      `  namespace: ${ns}`,
      `  labels: {backstage.io/kubernetes-id: ${app}}`,
      'spec:',
      `  selector: {matchLabels: {app: ${app}}}`,
      '  template:',
      `    metadata: {labels: {app: ${app}, backstage.io/kubernetes-id: ${app}}}`,
      '    spec:',
      '      hostNetwork: true',
      '      containers:',
      '      - name: collector',
      '        image: acme/flow-collector:1.4.0',
      '        ports: [{containerPort: 2055, protocol: UDP}]',
    ].join('\n'),
  );
}

/** `feature-flags` of the demo: annotated, but nothing is deployed. */
export function noWorkloadsAssessment(): ServiceAssessment {
  return assessYaml('feature-flags', namespace('platform'));
}

/** The catalog entity a response is about. */
export function serviceEntity(
  name: string,
  annotations: Record<string, string> = {
    'backstage.io/kubernetes-id': name,
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'storefront-team',
      system: 'storefront',
      lifecycle: 'production',
    },
  };
}

/** What `GET /entities/component/default/<name>/assessment` answers for an assessment. */
export function assessmentResponse(
  name: string,
  assessment: ServiceAssessment,
  overrides: Partial<EntityAssessmentResponse> = {},
): EntityAssessmentResponse {
  const mesh = assessment.meshes.find(isMeshId) ?? null;
  const scored =
    assessment.scores.find(score => score.mesh === mesh) ??
    [...assessment.scores].sort((a, b) => b.score - a.score)[0];
  return {
    entity: {
      entityRef: `component:default/${name}`,
      kind: 'Component',
      namespace: 'default',
      name,
      owner: 'group:default/storefront-team',
      system: 'system:default/storefront',
      lifecycle: 'production',
    },
    configured: true,
    selector: { labelSelector: `backstage.io/kubernetes-id=${name}` },
    stage: assessment.stage,
    stageReason: assessment.stageReason,
    mesh,
    score: scored?.score ?? null,
    blockingCount: scored?.blocking ?? 0,
    assessment,
    // What the backend's assessEntity adds, by the same engine functions.
    readiness: targetReadiness(assessment),
    checks: checkSummaries(assessment),
    recommendation: [
      {
        id: 'linkerd',
        name: 'Linkerd',
        rank: 1,
        total: 6,
        standing: 'qualified',
        reasons: ['Lowest proxy overhead', 'mTLS on by default'],
      },
      {
        id: 'istio-ambient',
        name: 'Istio (ambient)',
        rank: 2,
        total: 6,
        standing: 'qualified',
        reasons: ['No sidecar to inject or restart'],
      },
      {
        id: 'cilium',
        name: 'Cilium',
        rank: 3,
        total: 6,
        standing: 'not-verified',
        reasons: ['Already the cluster CNI'],
      },
    ],
    clusters: [
      { cluster: 'demo', readAt: '2026-11-22T08:29:40.000Z', stale: false },
    ],
    assessedAt: ASSESSED_AT,
    ...overrides,
  };
}

/** The answer for an entity without a Kubernetes annotation. */
export function notConfiguredResponse(name: string): EntityAssessmentResponse {
  return {
    entity: {
      entityRef: `component:default/${name}`,
      kind: 'Component',
      namespace: 'default',
      name,
      owner: 'group:default/platform-team',
    },
    configured: false,
    notConfiguredHint: kubernetesAnnotationHint(name),
    stage: 'not-assessed',
    stageReason: 'The entity has no Kubernetes annotation',
    mesh: null,
    score: null,
    blockingCount: 0,
    assessment: null,
    recommendation: [],
    clusters: [],
    assessedAt: ASSESSED_AT,
  };
}

export { READINESS_TARGET_MESHES };

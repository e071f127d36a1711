import {
  deployment,
  indexFromYaml,
  namespace,
  service,
} from '../__testUtils__/manifests';
import { ClusterIndex } from '../cluster/clusterIndex';
import { listWorkloads } from '../workloads/listWorkloads';
import { assessService } from './assessService';
import { AssessServiceOptions } from './types';

const assess = (index: ClusterIndex, options?: AssessServiceOptions) =>
  assessService(listWorkloads(index), index, options);
const svc = service(
  'app',
  'shop',
  { app: 'app' },
  '- {port: 80, name: http, appProtocol: http}',
);
const proxiedPod = (name: string, ns = 'shop') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: app, version: v1}}\nspec: {containers: [{name: app, image: x}, {name: istio-proxy, image: "docker.io/istio/proxyv2:1.28.0"}]}\nstatus: {phase: Running}`;
const strict =
  'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}';

describe('assessService stages', () => {
  it('is not-assessed without workloads', () => {
    expect(assess(indexFromYaml(namespace('shop'))).stage).toBe('not-assessed');
  });

  it('is ready when nothing is enrolled and a target mesh has no blocking finding', () => {
    const result = assess(
      indexFromYaml(
        namespace('shop'),
        deployment({ name: 'app', labels: { version: 'v1' } }),
        svc,
      ),
    );
    expect(result.stage).toBe('ready');
    expect(
      result.scores.find(score => score.mesh === 'istio-sidecar'),
    ).toMatchObject({ ready: true, blocking: 0, score: 100 });
  });

  it('is blocked for the chosen target when it has a blocking finding', () => {
    const index = indexFromYaml(
      namespace('shop'),
      deployment({
        name: 'app',
        podSpec:
          'securityContext: {runAsUser: 1337}\ncontainers: [{name: app, image: x}]',
      }),
      svc,
    );
    const result = assess(index, { targetMesh: 'istio-sidecar' });
    expect(result.stage).toBe('blocked');
    const istio = result.scores.find(score => score.mesh === 'istio-sidecar');
    expect(istio).toMatchObject({ ready: false, blocking: 1 });
    expect(istio!.score).toBeLessThan(100);
    expect(result.scores.find(score => score.mesh === 'linkerd')?.ready).toBe(
      true,
    );
  });

  it('is onboarding while enrolled or partly injected, meshed when all pods run the proxy, secured with strict mTLS', () => {
    const enrolled = [
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment({ name: 'app', labels: { version: 'v1' } }),
      svc,
    ];
    expect(assess(indexFromYaml(...enrolled)).stage).toBe('onboarding');
    const partial = assess(
      indexFromYaml(
        ...enrolled,
        proxiedPod('app-1'),
        proxiedPod('app-2').replace(/, \{name: istio-proxy[^}]*\}/, ''),
      ),
    );
    expect(partial).toMatchObject({
      stage: 'onboarding',
      coverage: { meshedPods: 1, totalPods: 2 },
    });
    expect(assess(indexFromYaml(...enrolled, proxiedPod('app-1'))).stage).toBe(
      'meshed',
    );
    const secured = assess(
      indexFromYaml(...enrolled, proxiedPod('app-1'), strict),
    );
    expect(secured).toMatchObject({
      stage: 'secured',
      mtls: { mode: 'strict', strictWorkloads: 1 },
    });
  });

  it('is must-migrate on App Mesh, overriding everything else', () => {
    const index = indexFromYaml(
      namespace('shop', {
        'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled',
      }),
      deployment({ name: 'app' }),
      svc,
    );
    expect(assess(index)).toMatchObject({
      stage: 'must-migrate',
      meshes: ['aws-app-mesh'],
    });
  });

  it('is not-applicable when every workload uses hostNetwork', () => {
    const index = indexFromYaml(
      deployment({
        name: 'app',
        podSpec: 'hostNetwork: true\ncontainers: [{name: app, image: x}]',
      }),
    );
    const result = assess(index);
    expect(result.stage).toBe('not-applicable');
    expect(
      result.scores.every(score => !score.ready && score.score === 0),
    ).toBe(true);
  });
});

describe('assessService output', () => {
  const index = indexFromYaml(
    namespace('shop'),
    deployment({ name: 'app', labels: { version: 'v1' } }),
    deployment({ name: 'app-canary', labels: { app: 'app', version: 'v2' } }),
    service('app', 'shop', { app: 'app' }, '- {port: 9080}'),
  );
  const result = assess(index);

  it('deduplicates a finding on a shared Service and remembers both workloads', () => {
    const portFindings = result.findings.filter(
      finding => finding.checkId === 'MR-PORT-PROTOCOL',
    );
    expect(portFindings).toHaveLength(1);
    expect(portFindings[0].workloads).toEqual([
      'Deployment/shop/app',
      'Deployment/shop/app-canary',
    ]);
  });

  it('lists passed checks, per-workload check ids and a version, and survives a JSON round trip', () => {
    expect(result.passedChecks).toContain('MR-UID-1337');
    expect(result.passedChecks).not.toContain('MR-PORT-PROTOCOL');
    expect(result.workloads[0].failedChecks).toContain('MR-PORT-PROTOCOL');
    expect(result.workloads[0].notEvaluatedChecks).toContain('MR-BIND-ADDRESS');
    expect(result.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('scores every target mesh except the discontinued ones', () => {
    expect(result.scores.map(score => score.mesh)).toEqual([
      'istio-sidecar',
      'istio-ambient',
      'linkerd',
      'consul',
      'kuma',
      'cilium',
    ]);
  });
});

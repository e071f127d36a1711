import {
  deployment,
  indexFromYaml,
  namespace,
  runCheck,
  statuses,
} from '../__testUtils__/manifests';

const ID = 'Deployment/shop/app';
const app = (
  podSpec: string,
  extra: Partial<Parameters<typeof deployment>[0]> = {},
) => deployment({ name: 'app', podSpec, ...extra });

describe('MR-UID-1337', () => {
  it('fails for a pod or app container running as 1337, naming the field', () => {
    const results = runCheck(
      'MR-UID-1337',
      indexFromYaml(
        app(
          'securityContext: {runAsUser: 1337}\ncontainers:\n- {name: app, image: x}',
        ),
      ),
      ID,
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'fail',
      severity: 'error',
      field: 'spec.template.spec.securityContext.runAsUser',
    });
    expect(results[0].message).toContain('UID 1337');
  });

  it('ignores the proxy itself and passes other UIDs', () => {
    const spec =
      'containers:\n- {name: app, image: x, securityContext: {runAsUser: 1000}}\n- {name: istio-proxy, image: "docker.io/istio/proxyv2:1.28.0", securityContext: {runAsUser: 1337}}';
    expect(
      statuses(runCheck('MR-UID-1337', indexFromYaml(app(spec)), ID)),
    ).toEqual(['pass']);
  });
});

describe('MR-UID-OTHER-PROXY', () => {
  it('fails per mesh with the mesh-specific severity', () => {
    const spec =
      'containers:\n- {name: app, image: x, securityContext: {runAsUser: 5995}}\n- {name: worker, image: y, securityContext: {runAsUser: 2102}}';
    const results = runCheck(
      'MR-UID-OTHER-PROXY',
      indexFromYaml(app(spec)),
      ID,
    );
    expect(results.map(r => [r.meshes, r.severity])).toEqual([
      [['consul'], 'error'],
      [['linkerd'], 'warning'],
    ]);
    expect(results[1].field).toBe(
      'spec.template.spec.containers[1].securityContext.runAsUser',
    );
  });

  it('passes ordinary UIDs', () => {
    expect(
      statuses(
        runCheck(
          'MR-UID-OTHER-PROXY',
          indexFromYaml(
            app(
              'containers:\n- {name: app, image: x, securityContext: {runAsUser: 10001}}',
            ),
          ),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-HOSTNETWORK', () => {
  it('fails (info) for hostNetwork pods and passes otherwise', () => {
    const host = runCheck(
      'MR-HOSTNETWORK',
      indexFromYaml(
        app('hostNetwork: true\ncontainers: [{name: app, image: x}]'),
      ),
      ID,
    );
    expect(host[0]).toMatchObject({
      status: 'fail',
      severity: 'info',
      field: 'spec.template.spec.hostNetwork',
    });
    expect(
      statuses(
        runCheck(
          'MR-HOSTNETWORK',
          indexFromYaml(app('containers: [{name: app, image: x}]')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-SA-TOKEN', () => {
  /** linkerd-config as the chart renders it, with token projection set. */
  const linkerdConfig = (projection: boolean) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: linkerd-config, namespace: linkerd}\ndata:\n  values: "identity:\\n  serviceAccountTokenProjection: ${projection}\\n"`;
  const noToken =
    'automountServiceAccountToken: false\ncontainers: [{name: app, image: x}]';

  it('passes a pod without the token: Linkerd projects its own token by default', () => {
    expect(
      statuses(runCheck('MR-SA-TOKEN', indexFromYaml(app(noToken)), ID)),
    ).toEqual(['pass']);
    expect(
      runCheck(
        'MR-SA-TOKEN',
        indexFromYaml(app(noToken), linkerdConfig(true)),
        ID,
      )[0].message,
    ).toContain('projects its own service account token');
  });

  it('fails when the pod or its ServiceAccount turns the token off and projection is off', () => {
    const onPod = runCheck(
      'MR-SA-TOKEN',
      indexFromYaml(app(noToken), linkerdConfig(false)),
      ID,
    );
    expect(onPod[0]).toMatchObject({
      status: 'fail',
      field: 'spec.template.spec.automountServiceAccountToken',
    });
    const onAccount = runCheck(
      'MR-SA-TOKEN',
      indexFromYaml(
        app('serviceAccountName: app\ncontainers: [{name: app, image: x}]'),
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}\nautomountServiceAccountToken: false',
        linkerdConfig(false),
      ),
      ID,
    );
    expect(onAccount[0]).toMatchObject({
      status: 'fail',
      object: { kind: 'ServiceAccount', name: 'app' },
    });
  });

  it('passes when the pod overrides the account with true', () => {
    const index = indexFromYaml(
      app(
        'serviceAccountName: app\nautomountServiceAccountToken: true\ncontainers: [{name: app, image: x}]',
      ),
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}\nautomountServiceAccountToken: false',
      linkerdConfig(false),
    );
    expect(statuses(runCheck('MR-SA-TOKEN', index, ID))).toEqual(['pass']);
  });
});

describe('MR-IMAGE-AUTO', () => {
  const gateway = app('containers: [{name: istio-proxy-gw, image: auto}]');
  it('fails for image: auto without injection, passes once the namespace is injected', () => {
    expect(
      runCheck('MR-IMAGE-AUTO', indexFromYaml(gateway), ID)[0],
    ).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(
      statuses(
        runCheck(
          'MR-IMAGE-AUTO',
          indexFromYaml(
            namespace('shop', { 'istio-injection': 'enabled' }),
            gateway,
          ),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-INIT-NETWORK', () => {
  const init =
    'initContainers:\n- {name: wait, image: busybox, command: [sh, -c, "wget http://db:5432"]}\ncontainers: [{name: app, image: x}]';

  it('fails for application init containers, hinting at network use', () => {
    const [result] = runCheck('MR-INIT-NETWORK', indexFromYaml(app(init)), ID);
    expect(result).toMatchObject({
      status: 'fail',
      field: 'spec.template.spec.initContainers[0]',
      meshes: ['istio-sidecar', 'linkerd', 'consul', 'kuma'],
    });
    expect(result.message).toContain('calls the network (wget)');
    // ENABLE_NATIVE_SIDECARS became "auto" in Istio 1.27.0.
    expect(result.remediation).toContain('Istio 1.27+ default');
  });

  it('drops a mesh once its workaround is in place', () => {
    const native = runCheck(
      'MR-INIT-NETWORK',
      indexFromYaml(
        app(init, {
          annotations: { 'sidecar.istio.io/nativeSidecar': 'true' },
        }),
      ),
      ID,
    );
    expect(native[0].meshes).toEqual(['linkerd', 'consul', 'kuma']);
  });

  it('ignores mesh init containers and native sidecars', () => {
    const spec =
      'initContainers:\n- {name: istio-init, image: "docker.io/istio/proxyv2:1.28.0"}\n- {name: istio-proxy, image: "docker.io/istio/proxyv2:1.28.0", restartPolicy: Always}\ncontainers: [{name: app, image: x}]';
    expect(
      statuses(runCheck('MR-INIT-NETWORK', indexFromYaml(app(spec)), ID)),
    ).toEqual(['pass']);
  });
});

describe('MR-FOREIGN-SIDECAR', () => {
  it("fails for every target except the proxy's own mesh", () => {
    const spec =
      'containers:\n- {name: app, image: x}\n- {name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:edge-26.8.3"}';
    const [result] = runCheck(
      'MR-FOREIGN-SIDECAR',
      indexFromYaml(app(spec)),
      ID,
    );
    expect(result.status).toBe('fail');
    expect(result.meshes).not.toContain('linkerd');
    expect(result.meshes).toContain('istio-sidecar');
  });

  it('passes a plain pod', () => {
    expect(
      statuses(
        runCheck(
          'MR-FOREIGN-SIDECAR',
          indexFromYaml(app('containers: [{name: app, image: x}]')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-LABEL-APP and MR-LABEL-VERSION', () => {
  const noApp = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: carts, namespace: shop}',
    'spec:\n  selector: {matchLabels: {name: carts}}\n  template: {metadata: {labels: {name: carts}}, spec: {containers: [{name: carts, image: x}]}}',
  ].join('\n');

  it('fails without app or version labels, with a snippet', () => {
    const [appResult] = runCheck(
      'MR-LABEL-APP',
      indexFromYaml(noApp),
      'Deployment/shop/carts',
    );
    expect(appResult).toMatchObject({
      status: 'fail',
      severity: 'warning',
      field: 'spec.template.metadata.labels',
    });
    expect(appResult.snippet).toContain('app: carts');
    expect(
      runCheck(
        'MR-LABEL-VERSION',
        indexFromYaml(noApp),
        'Deployment/shop/carts',
      )[0],
    ).toMatchObject({ status: 'fail', severity: 'info' });
  });

  it('passes with an app label and app.kubernetes.io/version', () => {
    const index = indexFromYaml(
      deployment({
        name: 'app',
        labels: { 'app.kubernetes.io/version': '1.2' },
      }),
    );
    expect(statuses(runCheck('MR-LABEL-APP', index, ID))).toEqual(['pass']);
    expect(statuses(runCheck('MR-LABEL-VERSION', index, ID))).toEqual(['pass']);
  });
});

describe('MR-ANNOTATION-AS-LABEL', () => {
  it('flags Linkerd config set as a label and the Kuma annotation form', () => {
    const index = indexFromYaml(
      deployment({
        name: 'app',
        labels: { 'config.linkerd.io/opaque-ports': '5432' },
        annotations: { 'kuma.io/sidecar-injection': 'enabled' },
      }),
    );
    expect(
      runCheck('MR-ANNOTATION-AS-LABEL', index, ID).map(r => r.meshes),
    ).toEqual([['linkerd'], ['kuma']]);
  });

  it('passes correctly placed keys', () => {
    const index = indexFromYaml(
      deployment({
        name: 'app',
        labels: { 'kuma.io/sidecar-injection': 'enabled' },
        annotations: { 'linkerd.io/inject': 'enabled' },
      }),
    );
    expect(statuses(runCheck('MR-ANNOTATION-AS-LABEL', index, ID))).toEqual([
      'pass',
    ]);
  });
});

describe('MR-NET-CAPS', () => {
  const restricted = namespace('shop', {
    'pod-security.kubernetes.io/enforce': 'restricted',
  });
  const kubeProxy =
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\nspec: {template: {spec: {containers: [{name: p, image: x}]}}}';
  const istioCni =
    'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: istio-cni-node, namespace: istio-system}\nspec: {template: {spec: {containers: [{name: cni, image: x}]}}}';

  it('is not evaluated when the CNI inventory is unknown, never passed', () => {
    expect(
      statuses(
        runCheck(
          'MR-NET-CAPS',
          indexFromYaml(restricted, deployment({ name: 'app' })),
          ID,
        ),
      ),
    ).toEqual(['not-evaluated']);
  });

  it('fails restricted namespaces for meshes without their CNI plugin', () => {
    const [result] = runCheck(
      'MR-NET-CAPS',
      indexFromYaml(
        restricted,
        kubeProxy,
        istioCni,
        deployment({ name: 'app' }),
      ),
      ID,
    );
    expect(result).toMatchObject({
      status: 'fail',
      object: { kind: 'Namespace', name: 'shop' },
    });
    expect(result.meshes).not.toContain('istio-sidecar');
    expect(result.meshes).toContain('linkerd');
  });

  it('passes baseline namespaces', () => {
    const index = indexFromYaml(
      namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
      deployment({ name: 'app' }),
    );
    expect(statuses(runCheck('MR-NET-CAPS', index, ID))).toEqual(['pass']);
  });
});

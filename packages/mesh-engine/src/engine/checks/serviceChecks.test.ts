import {
  deployment,
  indexFromYaml,
  runCheck,
  service,
  statuses,
} from '../__testUtils__/manifests';

const ID = 'Deployment/shop/app';
const app = (extra: Partial<Parameters<typeof deployment>[0]> = {}) =>
  deployment({ name: 'app', ...extra });
const svc = (
  ports: string,
  name = 'app',
  annotations?: Record<string, string>,
) => {
  const text = service(name, 'shop', { app: 'app' }, ports);
  return annotations
    ? text.replace(
        `  name: ${name}\n`,
        `  name: ${name}\n  annotations: ${JSON.stringify(annotations)}\n`,
      )
    : text;
};

describe('MR-PORT-PROTOCOL', () => {
  it('fails unnamed and unrecognised ports with the object and field in the message', () => {
    const results = runCheck(
      'MR-PORT-PROTOCOL',
      indexFromYaml(app(), svc('- {port: 9080}\n- {port: 8801, name: prom}')),
      ID,
    );
    expect(results.map(r => [r.field, r.meshes])).toEqual([
      ['spec.ports[0].appProtocol', ['istio-sidecar', 'istio-ambient', 'kuma']],
      ['spec.ports[1].name', ['istio-sidecar', 'istio-ambient', 'kuma']],
    ]);
    expect(results[0].message).toBe(
      'Service app port 9080 has no protocol: name it http-... (or grpc-, tcp-, ...) or set appProtocol',
    );
    expect(results[1].message).toContain(
      '(name "prom") has no recognised protocol',
    );
  });

  it('accepts Istio names, appProtocol and auto-TCP ports; Kuma still wants appProtocol', () => {
    const results = runCheck(
      'MR-PORT-PROTOCOL',
      indexFromYaml(
        app(),
        svc(
          '- {port: 80, name: http-web, appProtocol: http}\n- {port: 9080, name: grpc-api}\n- {port: 3306}',
        ),
      ),
      ID,
    );
    expect(results.map(r => [r.field, r.meshes, r.severity])).toEqual([
      ['spec.ports[1].appProtocol', ['kuma'], 'info'],
      ['spec.ports[2].appProtocol', ['kuma'], 'info'],
    ]);
    expect(
      statuses(
        runCheck(
          'MR-PORT-PROTOCOL',
          indexFromYaml(app(), svc('- {port: 80, appProtocol: http}')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-EXTERNALNAME-TCP', () => {
  it('fails ExternalName Services of the same app whose port is tcp', () => {
    const external =
      'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop, labels: {app: app}}\nspec: {type: ExternalName, externalName: db.example.com, ports: [{port: 5432, name: tcp}]}';
    expect(
      runCheck('MR-EXTERNALNAME-TCP', indexFromYaml(app(), external), ID)[0],
    ).toMatchObject({
      status: 'fail',
      object: { kind: 'Service', name: 'db' },
    });
    expect(
      statuses(
        runCheck(
          'MR-EXTERNALNAME-TCP',
          indexFromYaml(app(), external.replace('name: tcp', 'name: tls')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });
});

describe('MR-SERVER-FIRST', () => {
  it('fails NATS on an unnamed port for Istio and Linkerd (server-first, not opaque by default)', () => {
    const [result] = runCheck(
      'MR-SERVER-FIRST',
      indexFromYaml(app(), svc('- {port: 4222}')),
      ID,
    );
    expect(result).toMatchObject({
      status: 'fail',
      meshes: ['istio-sidecar', 'istio-ambient', 'linkerd'],
    });
    expect(result.message).toContain('NATS');
  });

  it('fails MariaDB replication (Galera 4567) for Istio only: Linkerd skips the port', () => {
    expect(
      runCheck(
        'MR-SERVER-FIRST',
        indexFromYaml(app(), svc('- {port: 4567}')),
        ID,
      )[0].meshes,
    ).toEqual(['istio-sidecar', 'istio-ambient']);
  });

  // Their clients speak first: sniffing sees client bytes and does not stall.
  it.each([
    ['Redis', 6379],
    ['PostgreSQL', 5432],
    ['Memcached', 11211],
    ['Elasticsearch transport', 9300],
    ['MongoDB', 27017],
  ])('does not call %s (port %i) server-first', (_name, port) => {
    expect(
      statuses(
        runCheck(
          'MR-SERVER-FIRST',
          indexFromYaml(app(), svc(`- {port: ${port}}`)),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('never lets a port number override a declared HTTP or gRPC protocol', () => {
    const declared = [
      '- {port: 4567, name: http-api}',
      '- {port: 4568, appProtocol: grpc}',
      '- {port: 4222, name: grpc-events}',
    ].join('\n');
    expect(
      statuses(
        runCheck('MR-SERVER-FIRST', indexFromYaml(app(), svc(declared)), ID),
      ),
    ).toEqual(['pass']);
  });

  it('takes the App Mesh listener protocol as a declaration', () => {
    const virtualNode = [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualNode',
      'metadata: {name: app, namespace: shop}',
      'spec:',
      '  podSelector: {matchLabels: {app: app}}',
      '  listeners: [{portMapping: {port: 4567, protocol: http}}]',
    ].join('\n');
    const index = indexFromYaml(app(), svc('- {port: 4567}'), virtualNode);
    expect(statuses(runCheck('MR-SERVER-FIRST', index, ID))).toEqual(['pass']);
  });

  it('passes when declared TCP and opaque', () => {
    const index = indexFromYaml(
      app(),
      svc('- {port: 4222, name: tcp-nats}', 'app', {
        'config.linkerd.io/opaque-ports': '4222',
      }),
    );
    expect(statuses(runCheck('MR-SERVER-FIRST', index, ID))).toEqual(['pass']);
  });

  it('names the snippet port after the protocol, as a valid port name', () => {
    const [result] = runCheck(
      'MR-SERVER-FIRST',
      indexFromYaml(
        app({
          podSpec:
            'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 3306, name: db}]',
        }),
        svc('- {port: 13306, targetPort: db, name: db}'),
      ),
      ID,
    );
    expect(result.snippet).toContain('- name: tcp-mysql\n');
  });
});

describe('MR-MULTI-SVC-PROTOCOL', () => {
  it('fails two Services exposing one container port with different protocols and ports', () => {
    const index = indexFromYaml(
      app(),
      svc('- {port: 80, targetPort: 8080, name: http}'),
      svc('- {port: 8080, name: grpc}', 'app-grpc'),
    );
    expect(
      runCheck('MR-MULTI-SVC-PROTOCOL', index, ID).map(
        r => r.message.match(/IST\d+/)?.[0],
      ),
    ).toEqual(['IST0116', 'IST0137']);
  });

  it('passes consistent Services', () => {
    const index = indexFromYaml(
      app(),
      svc('- {port: 80, targetPort: 8080, name: http}'),
      svc('- {port: 80, targetPort: 8080, name: http}', 'app-v1'),
    );
    expect(statuses(runCheck('MR-MULTI-SVC-PROTOCOL', index, ID))).toEqual([
      'pass',
    ]);
  });
});

describe('MR-UDP and MR-RESERVED-PORTS', () => {
  it('flags UDP ports', () => {
    const index = indexFromYaml(
      app({
        podSpec:
          'containers:\n- name: dns\n  image: x\n  ports: [{containerPort: 53, protocol: UDP}]',
      }),
    );
    expect(runCheck('MR-UDP', index, ID)[0]).toMatchObject({
      status: 'fail',
      field: 'spec.template.spec.containers[0].ports[0].protocol',
    });
  });

  it('does not reserve 15002, which Istio does not use', () => {
    const index = indexFromYaml(
      app({
        podSpec:
          'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 15002}]',
      }),
    );
    expect(statuses(runCheck('MR-RESERVED-PORTS', index, ID))).toEqual([
      'pass',
    ]);
  });

  it.each([15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090])(
    'reserves Istio sidecar port %i (istio.io "Ports used by Istio")',
    port => {
      const index = indexFromYaml(
        app({
          podSpec: `containers:\n- name: app\n  image: x\n  ports: [{containerPort: ${port}}]`,
        }),
      );
      expect(runCheck('MR-RESERVED-PORTS', index, ID)[0].meshes).toContain(
        'istio-sidecar',
      );
    },
  );

  it('flags ports the proxies reserve, per mesh', () => {
    const index = indexFromYaml(
      app({
        podSpec:
          'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 15001}, {containerPort: 4191}]',
      }),
    );
    expect(runCheck('MR-RESERVED-PORTS', index, ID).map(r => r.meshes)).toEqual(
      [['istio-sidecar', 'kuma', 'aws-app-mesh'], ['linkerd']],
    );
    expect(
      statuses(runCheck('MR-RESERVED-PORTS', indexFromYaml(app()), ID)),
    ).toEqual(['pass']);
  });
});

describe('MR-SERVICE-ASSOCIATION, MR-HEADLESS, MR-CONSUL-SA-NAME', () => {
  it('fails a workload no Service selects, with a Service snippet', () => {
    const [result] = runCheck(
      'MR-SERVICE-ASSOCIATION',
      indexFromYaml(app()),
      ID,
    );
    expect(result).toMatchObject({ status: 'fail', severity: 'error' });
    expect(result.snippet).toContain('kind: Service');
    expect(
      statuses(
        runCheck(
          'MR-SERVICE-ASSOCIATION',
          indexFromYaml(app(), svc('- {port: 80}')),
          ID,
        ),
      ),
    ).toEqual(['pass']);
  });

  it('flags headless Services', () => {
    const headless = svc('- {port: 5432}').replace(
      'spec:\n',
      'spec:\n  clusterIP: None\n',
    );
    expect(
      runCheck('MR-HEADLESS', indexFromYaml(app(), headless), ID)[0],
    ).toMatchObject({ status: 'fail', field: 'spec.clusterIP' });
  });

  it('compares the Consul service name with the ServiceAccount', () => {
    const mismatch = indexFromYaml(
      app({
        podSpec:
          'serviceAccountName: bookinfo-app\ncontainers: [{name: app, image: x}]',
      }),
      svc('- {port: 80}'),
    );
    expect(runCheck('MR-CONSUL-SA-NAME', mismatch, ID)[0]).toMatchObject({
      status: 'fail',
      field: 'spec.template.spec.serviceAccountName',
    });
    const match = indexFromYaml(
      app({
        podSpec: 'serviceAccountName: app\ncontainers: [{name: app, image: x}]',
      }),
      svc('- {port: 80}'),
    );
    expect(statuses(runCheck('MR-CONSUL-SA-NAME', match, ID))).toEqual([
      'pass',
    ]);
  });
});

describe('MR-OPAQUE-MISMATCH', () => {
  it('fails when only one side marks the port opaque', () => {
    const index = indexFromYaml(
      app({
        podSpec:
          'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 5432, name: pg}]',
      }),
      svc('- {port: 5432, targetPort: pg}', 'app', {
        'config.linkerd.io/opaque-ports': '5432',
      }),
    );
    expect(runCheck('MR-OPAQUE-MISMATCH', index, ID)[0].message).toContain(
      'do not mark target port 5432 opaque',
    );
  });

  it('passes when both sides agree (ranges included)', () => {
    const index = indexFromYaml(
      app({ annotations: { 'config.linkerd.io/opaque-ports': '5000-5500' } }),
      svc('- {port: 5432, targetPort: 5432}', 'app', {
        'config.linkerd.io/opaque-ports': '5432',
      }),
    );
    expect(statuses(runCheck('MR-OPAQUE-MISMATCH', index, ID))).toEqual([
      'pass',
    ]);
  });
});

describe('MR-HTTP-PROBES', () => {
  const probed = (annotations: Record<string, string>) =>
    app({
      annotations,
      podSpec:
        'containers:\n- name: app\n  image: x\n  readinessProbe: {httpGet: {path: /health, port: 8080}}',
    });

  it('fails for Istio when probe rewriting is turned off', () => {
    const [result] = runCheck(
      'MR-HTTP-PROBES',
      indexFromYaml(
        probed({ 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' }),
      ),
      ID,
    );
    expect(result).toMatchObject({ status: 'fail', meshes: ['istio-sidecar'] });
  });

  it('fails for Linkerd when an HTTPRoute is attached to a Server of the workload', () => {
    const server =
      'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: app-http, namespace: shop}\nspec: {podSelector: {matchLabels: {app: app}}, port: 8080}';
    const route =
      'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: app-routes, namespace: shop}\nspec: {parentRefs: [{kind: Server, group: policy.linkerd.io, name: app-http}]}';
    expect(
      runCheck(
        'MR-HTTP-PROBES',
        indexFromYaml(probed({}), server, route),
        ID,
      )[0].meshes,
    ).toEqual(['linkerd']);
  });

  it('passes with default rewriting', () => {
    expect(
      statuses(runCheck('MR-HTTP-PROBES', indexFromYaml(probed({})), ID)),
    ).toEqual(['pass']);
  });
});

import {
  deployment,
  indexFromYaml,
  namespace,
  runCheck,
  service,
  statuses,
} from '../__testUtils__/manifests';

/** Checks added by issue 12: declared protocols and Linkerd's skipped ports. */

const ID = 'Deployment/shop/app';
const app = (podSpec?: string, annotations?: Record<string, string>) =>
  deployment({ name: 'app', podSpec, annotations });
const svc = (ports: string) => service('app', 'shop', { app: 'app' }, ports);
const virtualNode = (listeners: string) =>
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: app, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: app}}',
    `  listeners: ${listeners}`,
  ].join('\n');

describe('MR-LINKERD-SKIPPED-PORTS', () => {
  const galera =
    'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 4567, name: web}]';

  it("fails a port in Linkerd's default skip-inbound-ports (4567, 4568)", () => {
    const results = runCheck(
      'MR-LINKERD-SKIPPED-PORTS',
      indexFromYaml(app(galera), svc('- {port: 80, targetPort: web}')),
      ID,
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(results[0].message).toContain('serves port 4567');
    expect(results[0].message).toContain('no mTLS and no metrics');
  });

  it('fails a Service target port 4568 as well', () => {
    expect(
      statuses(
        runCheck(
          'MR-LINKERD-SKIPPED-PORTS',
          indexFromYaml(app(), svc('- {port: 4568, name: http}')),
          ID,
        ),
      ),
    ).toEqual(['fail']);
  });

  it('follows the pod or namespace annotation, which replaces the default', () => {
    const podOverride = indexFromYaml(
      app(galera, { 'config.linkerd.io/skip-inbound-ports': '' }),
    );
    expect(
      statuses(runCheck('MR-LINKERD-SKIPPED-PORTS', podOverride, ID)),
    ).toEqual(['pass']);
    const namespaceSkips = indexFromYaml(
      namespace('shop', {}, { 'config.linkerd.io/skip-inbound-ports': '8080' }),
      app(),
    );
    expect(
      runCheck('MR-LINKERD-SKIPPED-PORTS', namespaceSkips, ID)[0].message,
    ).toContain('serves port 8080');
  });

  it('passes ordinary ports', () => {
    expect(
      statuses(runCheck('MR-LINKERD-SKIPPED-PORTS', indexFromYaml(app()), ID)),
    ).toEqual(['pass']);
  });
});

describe('MR-PROTOCOL-MISMATCH', () => {
  it('fails an App Mesh grpc listener behind a Service port named http', () => {
    const [result] = runCheck(
      'MR-PROTOCOL-MISMATCH',
      indexFromYaml(
        app(),
        svc('- {port: 80, targetPort: 8080, name: http}'),
        virtualNode('[{portMapping: {port: 8080, protocol: grpc}}]'),
      ),
      ID,
    );
    expect(result).toMatchObject({
      status: 'fail',
      object: { kind: 'Service', name: 'app' },
      field: 'spec.ports[0].appProtocol',
      // Kuma too: without appProtocol it proxies the port as TCP.
      meshes: ['istio-sidecar', 'istio-ambient', 'kuma'],
    });
    expect(result.message).toContain('VirtualNode app listener 8080/grpc');
    expect(result.snippet).toContain('appProtocol: grpc');
  });

  it('fails an http2 listener behind a port named tcp, and a conflicting appProtocol', () => {
    const [tcp] = runCheck(
      'MR-PROTOCOL-MISMATCH',
      indexFromYaml(
        app(),
        svc('- {port: 8080, name: tcp-api}'),
        virtualNode('[{portMapping: {port: 8080, protocol: http2}}]'),
      ),
      ID,
    );
    expect(tcp.snippet).toContain('appProtocol: kubernetes.io/h2c');
    expect(tcp.meshes).toEqual(['istio-sidecar', 'istio-ambient', 'kuma']);
    // A tcp listener behind a port named http: Kuma already sees TCP.
    const [tcpListener] = runCheck(
      'MR-PROTOCOL-MISMATCH',
      indexFromYaml(
        app(),
        svc('- {port: 8080, name: http}'),
        virtualNode('[{portMapping: {port: 8080, protocol: tcp}}]'),
      ),
      ID,
    );
    expect(tcpListener.meshes).toEqual(['istio-sidecar', 'istio-ambient']);
    const [appProtocol] = runCheck(
      'MR-PROTOCOL-MISMATCH',
      indexFromYaml(
        app(),
        svc('- {port: 8080, name: grpc, appProtocol: http}'),
        virtualNode('[{portMapping: {port: 8080, protocol: grpc}}]'),
      ),
      ID,
    );
    expect(appProtocol).toMatchObject({
      status: 'fail',
      meshes: ['istio-sidecar', 'istio-ambient', 'kuma'],
    });
  });

  it('fails a container port named grpc behind a Service port named http', () => {
    const results = runCheck(
      'MR-PROTOCOL-MISMATCH',
      indexFromYaml(
        app(
          'containers:\n- name: app\n  image: x\n  ports: [{containerPort: 9090, name: grpc-api}]',
        ),
        svc('- {port: 9090, name: http}'),
      ),
      ID,
    );
    expect(statuses(results)).toEqual(['fail']);
    expect(results[0].message).toContain('container app port grpc-api');
  });

  it('passes agreeing declarations and ports the Service does not declare', () => {
    const index = indexFromYaml(
      app(),
      svc(
        '- {port: 8080, name: grpc-api}\n- {port: 8081, appProtocol: kubernetes.io/h2c}\n- {port: 8082}',
      ),
      virtualNode(
        '[{portMapping: {port: 8080, protocol: grpc}}, {portMapping: {port: 8081, protocol: http2}}, {portMapping: {port: 8082, protocol: grpc}}]',
      ),
    );
    expect(statuses(runCheck('MR-PROTOCOL-MISMATCH', index, ID))).toEqual([
      'pass',
    ]);
  });
});

describe('MR-HTTP-ROUTE-TCP-PORT', () => {
  const tcpService = svc(
    '- {port: 4567, name: tcp-api}\n- {port: 8080, name: http}',
  );

  it('fails a mesh VirtualService http route matching a TCP-declared port', () => {
    const vs = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: app, namespace: shop}',
      'spec:',
      '  hosts: [app]',
      '  http:',
      '  - match: [{port: 4567}]',
      '    route: [{destination: {host: app, port: {number: 4567}}}]',
      '  - match: [{port: 8080}]',
      '    route: [{destination: {host: app, port: {number: 8080}}}]',
    ].join('\n');
    const results = runCheck(
      'MR-HTTP-ROUTE-TCP-PORT',
      indexFromYaml(app(), tcpService, vs),
      ID,
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'fail',
      object: { kind: 'VirtualService', name: 'app' },
      field: 'spec.http[0]',
    });
    expect(results[0].message).toContain('Istio ignores HTTP routes there');
  });

  it('fails HTTPRoute and GRPCRoute attached to a TCP port of the Service (GAMMA)', () => {
    const route = (kind: string, parent: string, backendPort: number) =>
      [
        'apiVersion: gateway.networking.k8s.io/v1',
        `kind: ${kind}`,
        `metadata: {name: ${kind.toLowerCase()}, namespace: shop}`,
        'spec:',
        `  parentRefs: [${parent}]`,
        `  rules: [{backendRefs: [{name: app, port: ${backendPort}}]}]`,
      ].join('\n');
    const results = runCheck(
      'MR-HTTP-ROUTE-TCP-PORT',
      indexFromYaml(
        app(),
        tcpService,
        route(
          'HTTPRoute',
          '{group: "", kind: Service, name: app, port: 4567}',
          4567,
        ),
        route('GRPCRoute', '{group: "", kind: Service, name: app}', 4567),
      ),
      ID,
    );
    expect(results.map(r => [r.object.kind, r.field])).toEqual([
      ['HTTPRoute', 'spec.parentRefs[0]'],
      ['GRPCRoute', 'spec.parentRefs[0]'],
    ]);
  });

  it('passes routes on HTTP ports, ingress-only VirtualServices and Gateway parents', () => {
    const ingressOnly = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: edge, namespace: shop}',
      'spec:',
      '  hosts: [app]',
      '  gateways: [edge-gateway]',
      '  http: [{route: [{destination: {host: app, port: {number: 4567}}}]}]',
    ].join('\n');
    const gatewayParent = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata: {name: edge, namespace: shop}',
      'spec:',
      '  parentRefs: [{name: edge-gateway}]',
      '  rules: [{backendRefs: [{name: app, port: 4567}]}]',
    ].join('\n');
    const index = indexFromYaml(app(), tcpService, ingressOnly, gatewayParent);
    expect(statuses(runCheck('MR-HTTP-ROUTE-TCP-PORT', index, ID))).toEqual([
      'pass',
    ]);
  });
});

import { MIGRATION_TARGETS } from '../types';
import {
  appMeshYaml,
  deployment,
  identities,
  manifestsOf,
  objectsOf,
  planOf,
  rulesOf,
  serviceBackendRefs,
} from './__testUtils__/planOf';

const GAMMA_TARGETS = ['kuma', 'cilium', 'linkerd'] as const;

/** VirtualNode `api` on Cloud Map (no Service selects its pods), behind VirtualService/VirtualRouter `api`. */
const cloudMap = appMeshYaml(
  deployment('api', { app: 'api' }, [8080]),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api}}',
    '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
    '  serviceDiscovery: {awsCloudMap: {namespaceName: shop.local, serviceName: api}}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualRouter',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
    '  routes:',
    '  - name: all',
    '    httpRoute:',
    '      match: {prefix: /}',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api}, weight: 1}]}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualService',
    'metadata: {name: api, namespace: shop}',
    'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
  ].join('\n'),
);

describe('backendRef ports', () => {
  it.each([...GAMMA_TARGETS, 'gateway-api' as const])(
    '%s: a Service backendRef to a generated (Cloud Map) Service has the listener port',
    target => {
      const p = planOf(cloudMap, target, 'api');
      const refs = serviceBackendRefs(p);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref.port).toBe(8080);
    },
  );

  it('resolves the Service port whose targetPort names the listener containerPort', () => {
    const yaml = appMeshYaml(
      deployment('api', { app: 'api' }, [{ name: 'web', containerPort: 9000 }]),
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api, namespace: shop}',
        'spec: {selector: {app: api}, ports: [{name: metrics, port: 9100, targetPort: 9100}, {name: http, port: 80, targetPort: web}]}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        '  podSelector: {matchLabels: {app: api}}',
        '  listeners: [{portMapping: {port: 9000, protocol: http}}]',
        '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualService',
        'metadata: {name: api-timeout, namespace: shop}',
        'spec: {provider: {virtualNode: {virtualNodeRef: {name: api}}}}',
      ].join('\n'),
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api-timeout, namespace: shop}',
        'spec: {ports: [{name: http, port: 80}]}',
      ].join('\n'),
    );
    const p = planOf(yaml, 'kuma', 'api');
    const refs = serviceBackendRefs(p);
    expect(refs).toEqual([{ name: 'api', port: 80 }]);
  });
});

describe('duplicate objects', () => {
  it.each([...GAMMA_TARGETS, 'gateway-api' as const, 'istio-sidecar' as const])(
    '%s: one Service per namespace/name, ports merged',
    target => {
      const p = planOf(cloudMap, target, 'api');
      const ids = identities(p);
      expect(new Set(ids).size).toBe(ids.length);
      const services = objectsOf(p, 'Service').filter(
        s => s.metadata.name === 'api',
      );
      expect(services).toHaveLength(1);
      expect((services[0].spec as any).ports).toEqual([
        expect.objectContaining({ port: 8080 }),
      ]);
    },
  );
});

const gateway = (route: string) =>
  appMeshYaml(
    deployment('color', { app: 'color' }, [8080]),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: color, namespace: shop}',
      'spec: {selector: {app: color}, ports: [{name: http, port: 8080}]}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualNode',
      'metadata: {name: color, namespace: shop}',
      'spec:',
      '  podSelector: {matchLabels: {app: color}}',
      '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
      '  serviceDiscovery: {dns: {hostname: color.shop.svc.cluster.local}}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualService',
      'metadata: {name: color, namespace: shop}',
      'spec: {awsName: color.shop.svc.cluster.local, provider: {virtualNode: {virtualNodeRef: {name: color}}}}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualGateway',
      'metadata: {name: ingress-gw, namespace: shop}',
      'spec:',
      '  podSelector: {matchLabels: {app: ingress-gw}}',
      '  listeners: [{portMapping: {port: 8088, protocol: http}}]',
    ].join('\n'),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: ingress-gw, namespace: shop}',
      'spec: {type: LoadBalancer, selector: {app: ingress-gw}, ports: [{port: 80, targetPort: 8088}]}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: GatewayRoute',
      'metadata: {name: color-route, namespace: shop}',
      'spec:',
      '  httpRoute:',
      ...route.split('\n').map(line => `    ${line}`),
    ].join('\n'),
  );
const ingressRoute = (p: ReturnType<typeof planOf>) =>
  objectsOf(p, 'HTTPRoute').find(r => r.metadata.name === 'color-route')!;

describe('GatewayRoute rewrites (App Mesh defaults)', () => {
  const defaults = gateway(
    [
      'match: {prefix: /paths/red}',
      'action: {target: {virtualService: {virtualServiceRef: {name: color}}}}',
    ].join('\n'),
  );

  it.each(['kuma', 'cilium', 'istio-sidecar'] as const)(
    '%s: a prefix match rewrites the prefix to / and the Host to the target by default',
    target => {
      const p = planOf(defaults, target, 'color');
      const [rule] = rulesOf(ingressRoute(p));
      expect(rule.matches).toEqual([
        { path: { type: 'PathPrefix', value: '/paths/red' } },
      ]);
      expect(rule.filters).toEqual([
        {
          type: 'URLRewrite',
          urlRewrite: {
            hostname: 'color.shop.svc.cluster.local',
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
          },
        },
      ]);
      expect(rule.backendRefs).toEqual([{ name: 'color', port: 8080 }]);
    },
  );

  it('keeps path and Host when both defaults are DISABLED', () => {
    const p = planOf(
      gateway(
        [
          'match: {prefix: /paths/red/}',
          'action:',
          '  target: {virtualService: {virtualServiceRef: {name: color}}}',
          '  rewrite: {prefix: {defaultPrefix: DISABLED}, hostname: {defaultTargetHostname: DISABLED}}',
        ].join('\n'),
      ),
      'kuma',
      'color',
    );
    const [rule] = rulesOf(ingressRoute(p));
    expect(rule.filters).toBeUndefined();
    expect(
      p.manualActions.filter(a => a.what.includes('is not carried to')),
    ).toEqual([]);
  });

  it('VPC Lattice cannot rewrite: no filter, a manual action instead', () => {
    const p = planOf(defaults, 'gateway-api', 'color');
    const [rule] = rulesOf(ingressRoute(p));
    expect(rule.filters).toBeUndefined();
    expect(
      p.manualActions.some(
        a =>
          a.source.includes('GatewayRoute shop/color-route') &&
          a.what.includes('rewrite'),
      ),
    ).toBe(true);
  });

  it('VPC Lattice: an internet-facing VirtualGateway becomes reachable only from associated VPCs (manual action)', () => {
    const p = planOf(defaults, 'gateway-api', 'color');
    const action = p.manualActions.find(
      a =>
        a.source.includes('VirtualGateway shop/ingress-gw') &&
        a.why.includes('associated VPC'),
    );
    expect(action).toBeDefined();
    expect(action!.what).toContain('Service ingress-gw');
  });
});

describe('App Mesh string prefixes vs Gateway API path-segment prefixes', () => {
  const router = (prefix: string) =>
    appMeshYaml(
      deployment('api', { app: 'api' }, [8080]),
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api, namespace: shop}',
        'spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        '  podSelector: {matchLabels: {app: api}}',
        '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
        '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualRouter',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
        '  routes:',
        '  - name: red',
        '    httpRoute:',
        `      match: {prefix: ${prefix}}`,
        '      action: {weightedTargets: [{virtualNodeRef: {name: api}, weight: 1}]}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualService',
        'metadata: {name: api, namespace: shop}',
        'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
      ].join('\n'),
    );

  it.each([...GAMMA_TARGETS, 'gateway-api' as const])(
    '%s: prefix /red is flagged (App Mesh also matched /redirect)',
    target => {
      const p = planOf(router('/red'), target, 'api');
      const actions = p.manualActions.filter(
        a => a.what.includes('/red') && a.why.includes('path segment'),
      );
      expect(actions).toHaveLength(1);
      expect(actions[0].what).toContain('red');
      expect(actions[0].source).toBe(
        'VirtualRouter shop/api spec.routes[0].httpRoute.match.prefix',
      );
    },
  );

  it('no action for a prefix ending in / or for Istio string prefixes', () => {
    expect(
      planOf(router('/red/'), 'kuma', 'api').manualActions.filter(a =>
        a.why.includes('path segment'),
      ),
    ).toEqual([]);
    expect(
      planOf(router('/red'), 'istio-sidecar', 'api').manualActions.filter(a =>
        a.why.includes('path segment'),
      ),
    ).toEqual([]);
  });
});

/** Router `api` with listeners 8080 and 8090; the Service maps both; routes placed by match.port. */
const multiPort = (extraRoute = '') =>
  appMeshYaml(
    deployment('api', { app: 'api', version: 'v1' }, [8080, 8090]),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: api, namespace: shop}',
      'spec: {selector: {app: api}, ports: [{name: http, port: 8080}, {name: http-admin, port: 8090}]}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualNode',
      'metadata: {name: api-v1, namespace: shop}',
      'spec:',
      '  podSelector: {matchLabels: {app: api, version: v1}}',
      '  listeners: [{portMapping: {port: 8080, protocol: http}}, {portMapping: {port: 8090, protocol: http}}]',
      '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualRouter',
      'metadata: {name: api, namespace: shop}',
      'spec:',
      '  listeners: [{portMapping: {port: 8080, protocol: http}}, {portMapping: {port: 8090, protocol: http}}]',
      '  routes:',
      '  - name: web',
      '    httpRoute:',
      '      match: {prefix: /, port: 8080}',
      '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1, port: 8080}]}',
      '  - name: admin',
      '    httpRoute:',
      '      match: {prefix: /, port: 8090}',
      '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1, port: 8090}]}',
      extraRoute,
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualService',
      'metadata: {name: api, namespace: shop}',
      'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
    ].join('\n'),
  );

describe('multi-port VirtualRouters', () => {
  it.each(['kuma', 'linkerd'] as const)(
    '%s: one HTTPRoute per listener port, target ports kept',
    target => {
      const p = planOf(multiPort(), target, 'api');
      const routes = objectsOf(p, 'HTTPRoute');
      expect(
        routes.map(r => [
          (r.spec as any).parentRefs[0].port,
          rulesOf(r).map(rule => rule.backendRefs.map((b: any) => b.port)),
        ]),
      ).toEqual([
        [8080, [[8080]]],
        [8090, [[8090]]],
      ]);
      expect(
        p.manualActions.filter(a => a.source.includes('match.port')),
      ).toEqual([]);
    },
  );

  it('istio: match.port per route and the destination port of the target', () => {
    const p = planOf(multiPort(), 'istio-sidecar', 'api');
    const http = (objectsOf(p, 'VirtualService')[0].spec as any).http;
    expect(
      http.map((r: any) => [r.match[0].port, r.route[0].destination.port]),
    ).toEqual([
      [8080, { number: 8080 }],
      [8090, { number: 8090 }],
    ]);
  });

  it('a route without match.port on a multi-listener router is a manual action', () => {
    const p = planOf(
      multiPort(
        [
          '  - name: loose',
          '    httpRoute:',
          '      match: {prefix: /loose/}',
          '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1}]}',
        ].join('\n'),
      ),
      'kuma',
      'api',
    );
    expect(
      p.manualActions.some(
        a =>
          a.source === 'VirtualRouter shop/api spec.routes[2].httpRoute' &&
          a.what.includes('match.port'),
      ),
    ).toBe(true);
  });
});

/** One listener, two routes with the same match: the second never matches. */
const sameMatch = (retryA: string, retryB: string, matchB = '{prefix: /}') =>
  appMeshYaml(
    deployment('api-v1', { app: 'api', version: 'v1' }, [8080]),
    deployment('api-v2', { app: 'api', version: 'v2' }, [8080]),
    ...['v1', 'v2'].map(version =>
      [
        'apiVersion: v1',
        'kind: Service',
        `metadata: {name: api-${version}, namespace: shop}`,
        `spec: {selector: {app: api, version: ${version}}, ports: [{name: http, port: 8080}]}`,
      ].join('\n'),
    ),
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: api, namespace: shop}',
      'spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}',
    ].join('\n'),
    ...['v1', 'v2'].map(version =>
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        `metadata: {name: api-${version}, namespace: shop}`,
        'spec:',
        `  podSelector: {matchLabels: {app: api, version: ${version}}}`,
        '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
        `  serviceDiscovery: {dns: {hostname: api-${version}.shop.svc.cluster.local}}`,
      ].join('\n'),
    ),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualRouter',
      'metadata: {name: api, namespace: shop}',
      'spec:',
      '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
      '  routes:',
      '  - name: first',
      '    httpRoute:',
      '      match: {prefix: /}',
      '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1}]}',
      ...(retryA ? [`      retryPolicy: ${retryA}`] : []),
      '  - name: second',
      '    httpRoute:',
      `      match: ${matchB}`,
      '      action: {weightedTargets: [{virtualNodeRef: {name: api-v2}, weight: 1}]}',
      ...(retryB ? [`      retryPolicy: ${retryB}`] : []),
    ].join('\n'),
    [
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualService',
      'metadata: {name: api, namespace: shop}',
      'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
    ].join('\n'),
  );

describe('no duplicate rules', () => {
  it.each(['kuma', 'gateway-api', 'istio-sidecar'] as const)(
    '%s: a second route with the same match is reported, not emitted',
    target => {
      const p = planOf(sameMatch('', ''), target, 'api');
      const route =
        objectsOf(p, 'HTTPRoute')[0] ?? objectsOf(p, 'VirtualService')[0];
      const rules = (route.spec as any).rules ?? (route.spec as any).http;
      expect(rules).toHaveLength(1);
      const action = p.manualActions.find(
        a => a.source === 'VirtualRouter shop/api spec.routes[1].httpRoute',
      );
      expect(action?.what).toContain('second');
      expect(action?.what).toContain('first');
    },
  );
});

describe('Linkerd retry annotations', () => {
  it('routes with different retry policies go to separate HTTPRoutes', () => {
    const p = planOf(
      sameMatch(
        '{maxRetries: 2, httpRetryEvents: [server-error]}',
        '{maxRetries: 5, httpRetryEvents: [gateway-error]}',
        '{prefix: /v2/}',
      ),
      'linkerd',
      'api',
    );
    const routes = objectsOf(p, 'HTTPRoute');
    expect(routes).toHaveLength(2);
    const byBackend = Object.fromEntries(
      routes.map(r => [
        rulesOf(r)[0].backendRefs[0].name,
        r.metadata.annotations,
      ]),
    );
    expect(byBackend['api-v1']).toEqual({
      'retry.linkerd.io/http': '5xx',
      'retry.linkerd.io/limit': '2',
    });
    expect(byBackend['api-v2']).toEqual({
      'retry.linkerd.io/http': 'gateway-error',
      'retry.linkerd.io/limit': '5',
    });
    expect(new Set(routes.map(r => r.metadata.name)).size).toBe(2);
  });
});

describe('weights', () => {
  const weighted = (hostname: (v: string) => string) =>
    appMeshYaml(
      deployment('api-v1', { app: 'api', version: 'v1' }, [8080]),
      deployment('api-v2', { app: 'api', version: 'v2' }, [8080]),
      ...['v1', 'v2'].map(version =>
        [
          'apiVersion: v1',
          'kind: Service',
          `metadata: {name: api-${version}, namespace: shop}`,
          `spec: {selector: {app: api, version: ${version}}, ports: [{name: http, port: 8080}]}`,
        ].join('\n'),
      ),
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api, namespace: shop}',
        'spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}',
      ].join('\n'),
      ...['v1', 'v2'].map(version =>
        [
          'apiVersion: appmesh.k8s.aws/v1beta2',
          'kind: VirtualNode',
          `metadata: {name: api-${version}, namespace: shop}`,
          'spec:',
          `  podSelector: {matchLabels: {app: api, version: ${version}}}`,
          '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
          `  serviceDiscovery: {dns: {hostname: ${hostname(version)}}}`,
        ].join('\n'),
      ),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualRouter',
        'metadata: {name: api, namespace: shop}',
        'spec:',
        '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
        '  routes:',
        '  - name: split',
        '    httpRoute:',
        '      match: {prefix: /}',
        '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 3}, {virtualNodeRef: {name: api-v2}, weight: 1}]}',
      ].join('\n'),
      [
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualService',
        'metadata: {name: api, namespace: shop}',
        'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
      ].join('\n'),
    );

  it('Gateway API keeps the weights as given; Istio normalises them to 100', () => {
    const yaml = weighted(v => `api-${v}.shop.svc.cluster.local`);
    const [rule] = rulesOf(
      objectsOf(planOf(yaml, 'kuma', 'api'), 'HTTPRoute')[0],
    );
    expect(rule.backendRefs.map((b: any) => [b.name, b.weight])).toEqual([
      ['api-v1', 3],
      ['api-v2', 1],
    ]);
    const http = (
      objectsOf(planOf(yaml, 'istio-sidecar', 'api'), 'VirtualService')[0]
        .spec as any
    ).http;
    expect(http[0].route.map((r: any) => r.weight)).toEqual([75, 25]);
  });

  it('Gateway API cannot split between VirtualNodes that share one Service: manual action', () => {
    const yaml = weighted(() => 'api.shop.svc.cluster.local');
    const p = planOf(yaml, 'kuma', 'api');
    expect(
      p.manualActions.some(
        a =>
          a.source ===
            'VirtualRouter shop/api spec.routes[0].httpRoute.action.weightedTargets' &&
          a.what.includes('api-v1') &&
          a.what.includes('api-v2'),
      ),
    ).toBe(true);
    // Istio can: subsets of the shared Service keep 75/25
    const http = (
      objectsOf(planOf(yaml, 'istio-sidecar', 'api'), 'VirtualService')[0]
        .spec as any
    ).http;
    expect(
      http[0].route.map((r: any) => [r.destination.subset, r.weight]),
    ).toEqual([
      ['v1', 75],
      ['v2', 25],
    ]);
  });
});

describe('Gateway API precedence', () => {
  it('flags App Mesh priorities that Gateway API specificity would reorder', () => {
    const p = planOf(
      sameMatch('', '', '{path: {exact: /v2/health}}'),
      'kuma',
      'api',
    );
    const action = p.manualActions.find(a =>
      a.what.includes('order is not guaranteed'),
    );
    expect(action?.why).toContain('it would try second, first');
  });
});

describe('timeouts', () => {
  it('backendRequest is never longer than request: a manual action instead', () => {
    const p = planOf(
      sameMatch(
        '{maxRetries: 2, perRetryTimeout: {unit: s, value: 5}, httpRetryEvents: [server-error]}',
        '',
        '{prefix: /v2/}',
      ).replace(
        '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1}]}',
        '      action: {weightedTargets: [{virtualNodeRef: {name: api-v1}, weight: 1}]}\n      timeout: {perRequest: {unit: s, value: 2}}',
      ),
      'kuma',
      'api',
    );
    const rules = objectsOf(p, 'HTTPRoute').flatMap(rulesOf);
    expect(
      rules.filter(r => r.timeouts?.backendRequest && r.timeouts?.request),
    ).toEqual([]);
    expect(
      rules.find(r => r.backendRefs[0].name === 'api-v1').timeouts,
    ).toEqual({ request: '2s' });
    expect(
      p.manualActions.some(a =>
        a.source.endsWith(
          'spec.routes[0].httpRoute.retryPolicy.perRetryTimeout',
        ),
      ),
    ).toBe(true);
  });
});

const pooled = appMeshYaml(
  deployment('api', { app: 'api' }, [8080]),
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: api, namespace: shop}',
    'spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api}}',
    '  listeners:',
    '  - portMapping: {port: 8080, protocol: http}',
    '    connectionPool: {http: {maxConnections: 50, maxPendingRequests: 10}}',
    '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualService',
    'metadata: {name: api, namespace: shop}',
    'spec: {provider: {virtualNode: {virtualNodeRef: {name: api}}}}',
  ].join('\n'),
);

describe('connection pools', () => {
  it('Istio carries the pool and says the limit is now per client', () => {
    const p = planOf(pooled, 'istio-sidecar', 'api');
    const [dr] = objectsOf(p, 'DestinationRule');
    expect((dr.spec as any).trafficPolicy.connectionPool).toEqual({
      tcp: { maxConnections: 50 },
      http: { http1MaxPendingRequests: 10 },
    });
    const action = p.manualActions.find(
      a => a.source === 'VirtualNode shop/api spec.listeners[0].connectionPool',
    );
    expect(action?.why).toContain('per client');
  });
});

const lattice = appMeshYaml(
  deployment('api', { app: 'api' }, [8080]),
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: api, namespace: shop}',
    'spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualNode',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api}}',
    '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
    '  serviceDiscovery: {dns: {hostname: api.shop.svc.cluster.local}}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualRouter',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  listeners: [{portMapping: {port: 8080, protocol: http}}]',
    '  routes:',
    '  - name: rich',
    '    httpRoute:',
    '      match:',
    '        prefix: /rich/',
    '        headers: [{name: x-a, match: {regex: "a+"}}, {name: x-b, match: {exact: b}}]',
    '        queryParameters: [{name: q, match: {exact: "1"}}]',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api}, weight: 1}]}',
    '      timeout: {perRequest: {unit: s, value: 3}}',
    '      retryPolicy: {maxRetries: 2, httpRetryEvents: [server-error]}',
    '  - name: plain',
    '    httpRoute:',
    '      match: {prefix: /plain/, headers: [{name: x-b, match: {exact: b}}]}',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api}, weight: 1}]}',
    '      timeout: {perRequest: {unit: s, value: 3}}',
    '      retryPolicy: {maxRetries: 2, httpRetryEvents: [server-error]}',
    '  - name: grpc',
    '    grpcRoute:',
    '      match: {serviceName: shop.Api}',
    '      action: {weightedTargets: [{virtualNodeRef: {name: api}, weight: 1}]}',
  ].join('\n'),
  [
    'apiVersion: appmesh.k8s.aws/v1beta2',
    'kind: VirtualService',
    'metadata: {name: api, namespace: shop}',
    'spec: {provider: {virtualRouter: {virtualRouterRef: {name: api}}}}',
  ].join('\n'),
);

describe('VPC Lattice (gateway-api target)', () => {
  it('emits nothing Lattice rejects or ignores, and lists each part as a manual action', () => {
    const p = planOf(lattice, 'gateway-api', 'api');
    const routes = objectsOf(p, 'HTTPRoute');
    expect(routes).toHaveLength(1);
    // the rich route (regex header, query) is not emitted at all: without them it would match more
    const rules = rulesOf(routes[0]);
    expect(rules.map(r => r.matches)).toEqual([
      [
        {
          path: { type: 'PathPrefix', value: '/plain/' },
          headers: [{ type: 'Exact', name: 'x-b', value: 'b' }],
        },
      ],
    ]);
    expect(rules[0].timeouts).toBeUndefined();
    expect(rules[0].retry).toBeUndefined();
    expect(objectsOf(p, 'GRPCRoute')).toEqual([]);
    const sources = p.manualActions.map(a => a.source);
    for (const field of [
      'spec.routes[0].httpRoute',
      'spec.routes[0].httpRoute.match.headers[0]',
      'spec.routes[0].httpRoute.match.queryParameters[0]',
      'spec.routes[1].httpRoute.timeout',
      'spec.routes[1].httpRoute.retryPolicy',
      'spec.routes[2].grpcRoute',
    ])
      expect(sources).toContain(`VirtualRouter shop/api ${field}`);
    // routes attach to a Lattice service network (Gateway), not to the Service
    expect((routes[0].spec as any).parentRefs[0].kind).toBeUndefined();
  });

  it('more than 5 header matches: the route is not emitted, manual action', () => {
    const headers = Array.from(
      { length: 6 },
      (_, i) => `{name: h${i}, match: {exact: v}}`,
    ).join(', ');
    const p = planOf(
      lattice.replace(
        'headers: [{name: x-a, match: {regex: "a+"}}, {name: x-b, match: {exact: b}}]\n        queryParameters: [{name: q, match: {exact: "1"}}]',
        `headers: [${headers}]`,
      ),
      'gateway-api',
      'api',
    );
    const rules = objectsOf(p, 'HTTPRoute').flatMap(rulesOf);
    expect(rules.map(r => r.matches[0].path.value)).toEqual(['/plain/']);
    expect(p.manualActions.some(a => a.what.includes('5 header matches'))).toBe(
      true,
    );
  });
});

describe('Gateway API channels', () => {
  it('a route with retry needs the experimental channel; one without needs standard', () => {
    const p = planOf(
      sameMatch(
        '{maxRetries: 2, httpRetryEvents: [server-error]}',
        '',
        '{prefix: /v2/}',
      ),
      'kuma',
      'api',
    );
    const routes = manifestsOf(p).filter(m => m.object?.kind === 'HTTPRoute');
    expect(routes.map(m => m.gatewayApiChannel)).toEqual([
      { channel: 'experimental', fields: ['spec.rules[].retry'] },
    ]);
    const withoutRetry = manifestsOf(planOf(cloudMap, 'kuma', 'api')).filter(
      m => m.object?.kind === 'HTTPRoute',
    );
    expect(withoutRetry.map(m => m.gatewayApiChannel)).toEqual([
      { channel: 'standard', fields: [] },
    ]);
    const text = p.steps.map(s => s.explanation).join(' ');
    expect(text).not.toMatch(/v1\.7/);
    expect(text).toContain('GEP-1731');
  });
});

describe('MIGRATION_TARGETS', () => {
  it('gateway-api is Amazon VPC Lattice', () => {
    const target = MIGRATION_TARGETS.find(t => t.id === 'gateway-api')!;
    expect(target.label).toBe('Amazon VPC Lattice (Gateway API)');
    expect(target.description).toContain('VPC Lattice');
    expect(target.description).not.toMatch(/Istio/);
  });
});

describe('field ledger', () => {
  it.each([
    'kuma',
    'linkerd',
    'gateway-api',
    'istio-sidecar',
    'consul',
  ] as const)('%s: every field of the inputs is accounted for', target => {
    for (const yaml of [cloudMap, multiPort(), lattice, pooled])
      expect(
        planOf(yaml, target, 'api').manualActions.filter(
          a =>
            a.what.includes('is not carried to') ||
            a.what.includes('unknown field'),
        ),
      ).toEqual([]);
  });
});

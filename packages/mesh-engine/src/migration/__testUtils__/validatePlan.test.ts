import { MigrationObject, MigrationPlan } from '../types';
import {
  validateMigrationObject,
  validateMigrationPatch,
  validatePlan,
} from './validatePlan';

/** Valid objects of each family; every test breaks one thing in a copy. */
const httpRoute = (): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'color', namespace: 'howto' },
  spec: {
    parentRefs: [{ group: '', kind: 'Service', name: 'color', port: 8080 }],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/paths/red' } }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: {
              path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
            },
          },
        ],
        backendRefs: [{ name: 'red', port: 8080, weight: 1 }],
        timeouts: { request: '15s', backendRequest: '5s' },
      },
      { backendRefs: [{ name: 'blue', port: 8080 }] },
    ],
  },
});
const virtualService = (): any => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'color', namespace: 'howto' },
  spec: {
    hosts: ['color'],
    http: [
      {
        match: [{ uri: { prefix: '/red' } }],
        route: [
          {
            destination: {
              host: 'color',
              subset: 'red',
              port: { number: 8080 },
            },
            weight: 100,
          },
        ],
      },
      {
        route: [{ destination: { host: 'color', subset: 'blue' } }],
        retries: { attempts: 3, perTryTimeout: '2s' },
      },
    ],
  },
});
const destinationRule = (): any => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'color', namespace: 'howto' },
  spec: {
    host: 'color.howto.svc.cluster.local',
    subsets: [
      { name: 'red', labels: { version: 'red' } },
      { name: 'blue', labels: { version: 'blue' } },
    ],
  },
});
const service = (): any => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'color', namespace: 'howto' },
  spec: {
    selector: { app: 'color' },
    ports: [
      { name: 'http', port: 8080, targetPort: 'http', appProtocol: 'http' },
    ],
  },
});

const errorsOf = (object: any) =>
  validateMigrationObject(object as MigrationObject).errors;
const planOf = (...objects: any[]): MigrationPlan => ({
  target: 'istio-sidecar',
  service: 'color',
  manualActions: [],
  yaml: '',
  steps: [
    {
      id: 'translate',
      order: 1,
      kind: 'translate',
      title: '',
      explanation: '',
      manifests: objects.map(object => ({ description: '', object })),
    },
  ],
});

describe('validateMigrationObject: the valid objects pass', () => {
  it.each([
    ['HTTPRoute', httpRoute],
    ['VirtualService', virtualService],
    ['DestinationRule', destinationRule],
    ['Service', service],
  ])('%s', (_kind, make) => {
    expect(validateMigrationObject(make())).toEqual({
      errors: [],
      unchecked: [],
    });
  });
});

describe('validateMigrationObject: schema errors', () => {
  it('rejects a broken HTTPRoute: wrong type, unknown enum, missing required field, unknown field', () => {
    const route = httpRoute();
    route.spec.rules[0].backendRefs[0].port = '8080';
    route.spec.rules[0].matches[0].method = 'FETCH';
    delete route.spec.rules[1].backendRefs[0].name;
    route.spec.rules[1].timeout = '5s';
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(/rules\/0\/backendRefs\/0\/port must be integer/),
      expect.stringMatching(
        /rules\/0\/matches\/0\/method must be equal to one of the allowed values \(GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH\)/,
      ),
      expect.stringMatching(
        /rules\/1\/backendRefs\/0 must have required property name/,
      ),
      expect.stringMatching(/\/spec\/rules\/1\/timeout: unknown field/),
    ]);
  });

  it('rejects a broken VirtualService: wrong type, unknown enum, missing required field, unknown field', () => {
    const vs = virtualService();
    vs.spec.http[0].route[0].weight = 'all';
    vs.spec.http[1].retries.retryOn = 5;
    vs.spec.http[1].corsPolicy = {
      allowOrigins: [{ exact: 'x' }],
      unmatchedPreflights: 'SOMETIMES',
    };
    delete vs.spec.http[1].route[0].destination.host;
    vs.spec.http[0].rewrite = { url: '/' };
    expect(errorsOf(vs)).toEqual([
      expect.stringMatching(/http\/0\/route\/0\/weight must be integer/),
      expect.stringMatching(
        /unmatchedPreflights must be equal to one of the allowed values/,
      ),
      expect.stringMatching(/http\/1\/retries\/retryOn must be string/),
      expect.stringMatching(
        /http\/1\/route\/0\/destination must have required property host/,
      ),
      expect.stringMatching(/\/spec\/http\/0\/rewrite\/url: unknown field/),
    ]);
  });

  it('rejects a broken Service: wrong type, unknown enum, missing required field, unknown field', () => {
    const svc = service();
    svc.spec.ports[0].port = 'http';
    svc.spec.ports[0].protocol = 'HTTP';
    svc.spec.ports.push({ name: 'grpc', targetPort: 9090 });
    svc.spec.port = 8080;
    expect(errorsOf(svc)).toEqual([
      expect.stringMatching(/ports\/0\/port must be integer/),
      expect.stringMatching(
        /ports\/0\/protocol must be equal to one of the allowed values/,
      ),
      expect.stringMatching(/ports\/1 must have required property port/),
      expect.stringMatching(/\/spec\/port: unknown field/),
    ]);
  });

  it('lists kinds without a schema package as not schema-validated, never as passed', () => {
    const meshTls = {
      apiVersion: 'kuma.io/v1alpha1',
      kind: 'MeshTLS',
      metadata: { name: 'strict', namespace: 'kuma-system' },
      spec: {},
    };
    expect(validateMigrationObject(meshTls)).toEqual({
      errors: [],
      unchecked: [
        expect.stringMatching(
          /^MeshTLS\.kuma\.io kuma-system\/strict .*not schema-validated/,
        ),
      ],
    });
  });
});

describe('validateMigrationObject: rules a schema cannot express', () => {
  it('a Service backendRef without port', () => {
    const route = httpRoute();
    delete route.spec.rules[1].backendRefs[0].port;
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(
        /rules\/1\/backendRefs\/0: Must have port for Service reference/,
      ),
    ]);
  });

  it('ReplacePrefixMatch without exactly one PathPrefix match', () => {
    const twoMatches = httpRoute();
    twoMatches.spec.rules[0].matches.push({
      path: { type: 'PathPrefix', value: '/paths/rouge' },
    });
    const exact = httpRoute();
    exact.spec.rules[0].matches[0].path.type = 'Exact';
    for (const route of [twoMatches, exact])
      expect(errorsOf(route)).toEqual([
        expect.stringMatching(
          /rules\/0: When using URLRewrite.*exactly one PathPrefix match/,
        ),
      ]);
  });

  it('backendRequest longer than request, unless request is 0s', () => {
    const route = httpRoute();
    route.spec.rules[0].timeouts = { request: '1m', backendRequest: '1m500ms' };
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(
        /backendRequest timeout cannot be longer than request timeout/,
      ),
    ]);
    route.spec.rules[0].timeouts = { request: '0s', backendRequest: '1m' };
    expect(errorsOf(route)).toEqual([]);
  });

  it('two rules with the same match, counting the default PathPrefix /', () => {
    const route = httpRoute();
    route.spec.rules.push({
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      backendRefs: [{ name: 'green', port: 8080 }],
    });
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(
        /rules\/2\/matches\/0: same match as spec\/rules\/1/,
      ),
    ]);
  });

  it('two URLRewrite filters in one rule', () => {
    const route = httpRoute();
    route.spec.rules[0].filters.push({
      type: 'URLRewrite',
      urlRewrite: { hostname: 'red.howto.svc.cluster.local' },
    });
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(
        /rules\/0\/filters: URLRewrite filter cannot be repeated/,
      ),
    ]);
  });

  it('two parentRefs to one Service without sectionName (one route per port instead)', () => {
    const route = httpRoute();
    route.spec.parentRefs.push({
      group: '',
      kind: 'Service',
      name: 'color',
      port: 8090,
    });
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(/sectionName must be specified/),
    ]);
  });

  it('a VirtualService route after an identical match or after the catch-all', () => {
    const vs = virtualService();
    vs.spec.http.push({
      match: [{ uri: { prefix: '/red' } }],
      route: [{ destination: { host: 'color' } }],
    });
    expect(errorsOf(vs)).toEqual([
      expect.stringMatching(/http\/2\/match\/0: same match as spec\/http\/0/),
    ]);
    vs.spec.http[2].match = [{ uri: { prefix: '/green' } }];
    expect(errorsOf(vs)).toEqual([
      expect.stringMatching(
        /http\/2\/match\/0: after the catch-all spec\/http\/1/,
      ),
    ]);
  });

  it('Service ports: several ports need names, names and ports are unique', () => {
    const svc = service();
    svc.spec.ports.push({ port: 8080, targetPort: 8080 });
    expect(errorsOf(svc)).toEqual([
      expect.stringMatching(/ports\/1\/name: required/),
      expect.stringMatching(/ports\/1: duplicate port 8080\/TCP/),
    ]);
  });

  it('names the API server rejects', () => {
    const route = httpRoute();
    route.metadata.name = 'Color_Route';
    expect(errorsOf(route)).toEqual([
      expect.stringMatching(
        /metadata\/name: "Color_Route" is not a valid HTTPRoute name/,
      ),
    ]);
  });
});

describe('validatePlan', () => {
  it('passes a consistent plan', () => {
    expect(
      validatePlan(planOf(service(), virtualService(), destinationRule())),
    ).toEqual({ errors: [], unchecked: [] });
  });

  it('rejects two objects with the same identity, and a subset no DestinationRule defines', () => {
    const dr = destinationRule();
    dr.spec.subsets.pop();
    expect(
      validatePlan(planOf(service(), service(), virtualService(), dr)).errors,
    ).toEqual([
      'Service.core howto/color: defined twice in the plan (the later object replaces the earlier on apply)',
      'VirtualService.networking.istio.io howto/color: subset color#blue is defined by no DestinationRule of the plan',
    ]);
  });
});

describe('validateMigrationPatch', () => {
  const target = { kind: 'Service', namespace: 'howto', name: 'color' };

  it('validates the patched object in full when the base object is given (ports merged by port)', () => {
    const patch = {
      target,
      type: 'strategic-merge' as const,
      body: {
        spec: {
          ports: [
            { port: 8080, appProtocol: 'kubernetes.io/h2c' },
            { port: 9090 },
          ],
        },
      },
    };
    const result = validateMigrationPatch(patch, service());
    expect(result.errors).toEqual([
      'patch of Service howto/color: spec/ports/1/name: required when a Service has several ports',
    ]);
    expect(result.unchecked).toEqual([]);
  });

  it('without a base object, checks types and field names of the body and says what it did not check', () => {
    const patch = {
      target,
      type: 'json-merge' as const,
      body: {
        metadata: { labels: { app: null } },
        spec: { ports: [{ port: 'x' }], selectors: {} },
      },
    };
    const result = validateMigrationPatch(patch);
    expect(result.errors).toEqual([
      expect.stringMatching(/spec\/ports\/0\/port must be integer/),
      expect.stringMatching(/\/spec\/selectors: unknown field/),
    ]);
    expect(result.unchecked).toEqual([
      expect.stringMatching(
        /partial object .*required fields and cross-field rules not checked/,
      ),
    ]);
  });
});

import {
  CORPUS_TARGETS,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  routesWithActions,
  sources,
  spec,
  validate,
} from './__testUtils__/corpusPlan';

const index = loadSet('grpc-resilience.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { labelSelector: 'app=color-server' }, target, 'color-server');
const NODE = 'VirtualNode grpc/color-server';
const ROUTER = 'VirtualRouter grpc/color-server';

describe('corpus: howto-k8s-grpc, connection pools, outlier detection, mTLS (decisions 10, 12, 13)', () => {
  it.each(CORPUS_TARGETS)(
    '%s: every generated object is valid; TLS files are manual actions',
    target => {
      const p = plan(target);
      expect(validate(p, index).errors).toEqual([]);
      expect(sources(p)).toEqual(
        expect.arrayContaining([
          `${NODE} spec.listeners[0].tls.certificate`,
          `${NODE} spec.listeners[0].tls.validation`,
        ]),
      );
    },
  );

  // Linkerd needs no fix: it detects the protocol on the wire, whatever the
  // port is named. Istio reads the name; Kuma reads appProtocol only.
  it.each(['istio-sidecar', 'kuma'] as const)(
    '%s: the grpc listener behind a port named http is fixed with appProtocol grpc',
    target => {
      const patches = plan(target)
        .steps.flatMap(s => s.manifests)
        .flatMap(m =>
          m.patch?.target.kind === 'Service' &&
          m.patch.target.name === 'color-server'
            ? [m.patch]
            : [],
        );
      expect(
        patches.flatMap(patch => (patch.body as any).spec?.ports ?? []),
      ).toContainEqual(
        expect.objectContaining({ port: 8080, appProtocol: 'grpc' }),
      );
    },
  );

  it('istio-sidecar: method match, retries, timeout; pool and outlier detection on the DestinationRule, pool flagged per client', () => {
    const p = plan('istio-sidecar');
    const [route] = istioHttp(p);
    expect(route.match).toEqual([
      { uri: { exact: '/color.ColorService/GetColor' } },
    ]);
    expect([
      route.retries.attempts,
      route.retries.perTryTimeout,
      route.retries.retryOn,
      route.timeout,
    ]).toEqual([3, '1s', 'unavailable', '5s']);
    const policy = spec(objectsOf(p, 'DestinationRule')[0]).trafficPolicy;
    expect(policy.connectionPool).toEqual({ http: { http2MaxRequests: 10 } });
    expect(policy.outlierDetection).toEqual({
      consecutive5xxErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 50,
    });
    expect(sources(p)).toContain(`${NODE} spec.listeners[0].connectionPool`);
  });

  it.each(['linkerd', 'kuma'] as const)(
    '%s (GAMMA): a GRPCRoute with the method and the Service port',
    target => {
      const p = plan(target);
      const [route] = objectsOf(p, 'GRPCRoute');
      expect(spec(route).rules).toEqual([
        {
          matches: [
            {
              method: {
                type: 'Exact',
                service: 'color.ColorService',
                method: 'GetColor',
              },
            },
          ],
          backendRefs: [{ name: 'color-server', port: 8080, weight: 1 }],
        },
      ]);
      // GRPCRoute has no retry or timeouts field in v1.6.1, and the mesh has no pool limit here
      for (const field of [
        `${ROUTER} spec.routes[0].grpcRoute.retryPolicy`,
        `${ROUTER} spec.routes[0].grpcRoute.timeout`,
        `${NODE} spec.listeners[0].connectionPool`,
        `${NODE} spec.listeners[0].outlierDetection`,
      ])
        expect(sources(p).filter(s => s.startsWith(field))).not.toEqual([]);
    },
  );

  it('gateway-api (VPC Lattice): the gRPC route needs an HTTPS listener: a manual action', () => {
    expect(routesWithActions(plan('gateway-api'), ROUTER)).toContain(0);
  });
});

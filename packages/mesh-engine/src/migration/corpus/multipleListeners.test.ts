import {
  CORPUS_TARGETS,
  httpRules,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  routesWithActions,
  spec,
  validate,
} from './__testUtils__/corpusPlan';

const index = loadSet('multiple-listeners.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { labelSelector: 'app=multiport' }, target, 'multiport');
const ROUTER = 'VirtualRouter ports/multiport';

describe('corpus: howto-k8s-multiple-listeners (decision 5)', () => {
  it.each(CORPUS_TARGETS)('%s: every generated object is valid', target => {
    expect(validate(plan(target), index).errors).toEqual([]);
  });

  it.each(['linkerd', 'kuma'] as const)(
    '%s (GAMMA): one HTTPRoute per listener port, the target port kept',
    target => {
      const p = plan(target);
      const byPort = objectsOf(p, 'HTTPRoute').map(route => [
        spec(route).parentRefs.map((ref: any) => ref.port),
        spec(route).rules.flatMap((rule: any) =>
          rule.backendRefs.map((b: any) => [b.name, b.port]),
        ),
      ]);
      expect(byPort).toEqual([
        [[8080], [['multiport', 8080]]],
        [[8090], [['multiport', 8090]]],
      ]);
      expect(routesWithActions(p, ROUTER)).toEqual([]);
    },
  );

  it('istio-sidecar: each route matches its port and keeps its destination port', () => {
    expect(
      istioHttp(plan('istio-sidecar')).map(r => [
        r.match?.[0]?.port,
        r.route[0].destination.port.number,
      ]),
    ).toEqual([
      [8080, 8080],
      [8090, 8090],
    ]);
  });

  it('gateway-api (VPC Lattice): both backend ports carried', () => {
    const ports = httpRules(plan('gateway-api')).flatMap(rule =>
      rule.backendRefs.map((b: any) => b.port),
    );
    expect(ports.sort()).toEqual([8080, 8090]);
  });

  it('consul: both routes are manual actions', () => {
    expect(routesWithActions(plan('consul'), ROUTER)).toEqual([0, 1]);
  });
});

import {
  CORPUS_TARGETS,
  httpRules,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  routesWithActions,
  sources,
  validate,
} from './__testUtils__/corpusPlan';

const index = loadSet('http-headers.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { labelSelector: 'app=color' }, target, 'color');
const ROUTER = 'VirtualRouter headers/color';
const header = (type: string, name: string, value: unknown) => ({
  type,
  name,
  value,
});

describe('corpus: howto-k8s-http-headers', () => {
  it.each(CORPUS_TARGETS)('%s: every generated object is valid', target => {
    expect(validate(plan(target), index).errors).toEqual([]);
  });

  it('istio-sidecar: every match kind, in priority order; the range match is not approximated', () => {
    const p = plan('istio-sidecar');
    const http = istioHttp(p);
    // route 4 (inverted header AND a range) cannot be carried whole: no route matching more than App Mesh's
    expect(http.map(r => r.name)).toEqual([
      'exact-blue',
      'regex-red',
      'prefix-green',
      'suffix-and-present',
      'query-green',
      'default',
    ]);
    expect(http.map(r => r.match?.[0])).toEqual([
      { headers: { 'color-header': { exact: 'blue' } } },
      { headers: { 'color-header': { regex: '^re+d$' } } },
      { headers: { 'color-header': { prefix: 'gre' } } },
      { headers: { 'color-header': { regex: '.*ue' }, 'x-canary': {} } },
      { queryParams: { color: { exact: 'green' } } },
      undefined,
    ]);
    expect(
      http[5].route.map((r: any) => [r.destination.subset, r.weight]),
    ).toEqual([
      ['blue', 67],
      ['red', 33],
    ]);
    expect(routesWithActions(p, ROUTER)).toEqual([4]);
    expect(sources(p)).toContain(
      `${ROUTER} spec.routes[4].httpRoute.match.headers[1]`,
    );
  });

  it.each(['linkerd', 'kuma'] as const)(
    '%s (GAMMA): header and query matches as Gateway API matches, weights as given',
    target => {
      const p = plan(target);
      const rules = httpRules(p);
      expect(
        rules.map(r => r.matches?.[0]?.headers ?? r.matches?.[0]?.queryParams),
      ).toEqual([
        [header('Exact', 'color-header', 'blue')],
        [header('RegularExpression', 'color-header', '^re+d$')],
        [
          header(
            'RegularExpression',
            'color-header',
            expect.stringMatching(/^\^?gre\.\*\$?$/),
          ),
        ],
        [
          header(
            'RegularExpression',
            'color-header',
            expect.stringMatching(/^\^?\.\*ue\$?$/),
          ),
          header('RegularExpression', 'x-canary', '.*'),
        ],
        [header('Exact', 'color', 'green')],
        undefined,
      ]);
      expect(
        rules[5].backendRefs.map((b: any) => [b.name, b.port, b.weight]),
      ).toEqual([
        ['color-blue', 8080, 2],
        ['color-red', 8080, 1],
      ]);
      // the inverted header (and the range) have no Gateway API match: route 4 is not emitted at all
      expect(routesWithActions(p, ROUTER)).toEqual([4]);
      expect(sources(p)).toEqual(
        expect.arrayContaining([
          `${ROUTER} spec.routes[4].httpRoute.match.headers[0]`,
          `${ROUTER} spec.routes[4].httpRoute.match.headers[1]`,
        ]),
      );
    },
  );

  it('gateway-api (VPC Lattice): no regex or query-parameter matches; each is a manual action', () => {
    const p = plan('gateway-api');
    const matches = httpRules(p).flatMap(r => r.matches ?? []);
    expect(
      matches.flatMap(m => m.headers ?? []).map((h: any) => h.type ?? 'Exact'),
    ).toEqual(['Exact']);
    expect(matches.filter(m => m.queryParams)).toEqual([]);
    expect(routesWithActions(p, ROUTER)).toEqual([1, 2, 3, 4, 5]);
    expect(sources(p)).toContain(
      `${ROUTER} spec.routes[5].httpRoute.match.queryParameters[0]`,
    );
  });

  it('consul: no routing objects; every route is a manual action', () => {
    const p = plan('consul');
    expect([
      ...objectsOf(p, 'HTTPRoute'),
      ...objectsOf(p, 'VirtualService'),
    ]).toEqual([]);
    expect(routesWithActions(p, ROUTER)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

import {
  CORPUS_TARGETS,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  sources,
  spec,
  validate,
} from './__testUtils__/corpusPlan';
import { MigrationPlan } from '../types';

const index = loadSet('ingress-gateway.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { namespace: 'ingress' }, target, 'color-red');
const RED_HOST = 'color-red.ingress.svc.cluster.local';

/** The Gateway API rule of a GatewayRoute, found by its path prefix. */
const ruleFor = (p: MigrationPlan, prefix: string) =>
  objectsOf(p, 'HTTPRoute')
    .flatMap(route => spec(route).rules)
    .find((rule: any) => rule.matches?.[0]?.path?.value === prefix);

describe('corpus: howto-k8s-ingress-gateway (decisions 3, 4, 12)', () => {
  it.each(CORPUS_TARGETS)('%s: every generated object is valid', target => {
    expect(validate(plan(target), index).errors).toEqual([]);
  });

  it.each(['linkerd', 'kuma'] as const)(
    '%s: the default prefix and Host rewrites become one URLRewrite',
    target => {
      const p = plan(target);
      expect(ruleFor(p, '/paths/red')?.filters).toEqual([
        {
          type: 'URLRewrite',
          urlRewrite: {
            hostname: RED_HOST,
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
          },
        },
      ]);
      expect(ruleFor(p, '/paths/blue/')?.filters).toBeUndefined();
      // string prefix vs path-segment prefix: said for /paths/red, not for /paths/blue/
      expect(sources(p)).toContain(
        'GatewayRoute ingress/paths-red spec.httpRoute.match.prefix',
      );
      expect(sources(p)).not.toContain(
        'GatewayRoute ingress/paths-blue spec.httpRoute.match.prefix',
      );
    },
  );

  it('istio-sidecar: rewrite uri / and authority to the target host', () => {
    const p = plan('istio-sidecar');
    const route = istioHttp(p).find(
      r => r.match?.[0]?.uri?.prefix === '/paths/red',
    );
    const rule = ruleFor(p, '/paths/red');
    const rewrite = route?.rewrite ?? rule?.filters?.[0]?.urlRewrite;
    expect(rewrite).toEqual(
      route
        ? { uri: '/', authority: RED_HOST }
        : {
            hostname: RED_HOST,
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
          },
    );
    // a VirtualService uri.prefix is a string prefix like App Mesh's; a Gateway API PathPrefix is not
    const prefixAction = sources(p).includes(
      'GatewayRoute ingress/paths-red spec.httpRoute.match.prefix',
    );
    expect(prefixAction).toBe(!route);
  });

  it('gateway-api (VPC Lattice): no rewrites; the rewrite and the reachability change are manual actions', () => {
    const p = plan('gateway-api');
    const filters = objectsOf(p, 'HTTPRoute').flatMap(route =>
      spec(route).rules.flatMap((r: any) => r.filters ?? []),
    );
    expect(filters.filter((f: any) => f.type === 'URLRewrite')).toEqual([]);
    expect(
      sources(p).filter(s => s.startsWith('GatewayRoute ingress/paths-red ')),
    ).not.toEqual([]);
    expect(
      sources(p).filter(s => s.startsWith('VirtualGateway ingress/ingress-gw')),
    ).not.toEqual([]);
  });
});

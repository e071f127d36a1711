import { durationMs } from '../__testUtils__/gatewayApiRules';
import {
  channelOf,
  CORPUS_TARGETS,
  httpRules,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  routesWithActions,
  sources,
  spec,
  validate,
} from './__testUtils__/corpusPlan';

const index = loadSet('retry-policies.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { labelSelector: 'app=color' }, target, 'color');
const ROUTER = 'VirtualRouter retries/color';
const paths = (route: any) =>
  spec(route).rules.map((r: any) => r.matches[0].path.value);

describe('corpus: howto-k8s-retry-policy with two policies (decisions 8, 9, 11)', () => {
  it.each(CORPUS_TARGETS)('%s: every generated object is valid', target => {
    expect(validate(plan(target), index).errors).toEqual([]);
  });

  it('linkerd: one HTTPRoute per distinct retry annotation set', () => {
    const routes = objectsOf(plan('linkerd'), 'HTTPRoute');
    const limitOf = (path: string) =>
      routes
        .filter(r => paths(r).includes(path))
        .map(r => r.metadata.annotations?.['retry.linkerd.io/limit']);
    expect(limitOf('/slow/')).toEqual(['4']);
    expect(limitOf('/fast/')).toEqual(['1']);
    expect(limitOf('/')).toEqual([undefined]);
  });

  it('a per-retry timeout longer than the request timeout is a manual action, not a backendRequest', () => {
    for (const target of ['linkerd', 'kuma'] as const) {
      const p = plan(target);
      const fast = httpRules(p).find(r => r.matches[0].path.value === '/fast/');
      expect(durationMs(fast.timeouts.request)).toBe(1000);
      expect(fast.timeouts.backendRequest).toBeUndefined();
      expect(sources(p)).toContain(
        `${ROUTER} spec.routes[1].httpRoute.retryPolicy.perRetryTimeout`,
      );
    }
  });

  it('kuma (GAMMA): retries on the rules, and the manifest says they need the experimental channel', () => {
    const p = plan('kuma');
    const rules = httpRules(p);
    expect(rules.map(r => r.retry?.attempts)).toEqual([4, 1, undefined]);
    expect(durationMs(rules[0].timeouts.backendRequest)).toBe(2000);
    const [route] = objectsOf(p, 'HTTPRoute');
    expect(channelOf(p, route)).toEqual({
      channel: 'experimental',
      fields: expect.arrayContaining([expect.stringMatching(/retry/)]),
    });
  });

  it('istio-sidecar: retries and timeouts per route', () => {
    const http = istioHttp(plan('istio-sidecar'));
    expect(
      http.map(r => [
        r.name,
        r.retries?.attempts,
        r.retries?.perTryTimeout,
        r.timeout,
      ]),
    ).toEqual([
      ['slow', 4, '2s', '30s'],
      ['fast', 1, '2s', '1s'],
      ['default', undefined, undefined, undefined],
    ]);
  });

  it('gateway-api (VPC Lattice): no retries or timeouts; both policies are manual actions', () => {
    const p = plan('gateway-api');
    expect(httpRules(p).filter(r => r.retry || r.timeouts)).toEqual([]);
    expect(routesWithActions(p, ROUTER)).toEqual([0, 1]);
  });
});

import { durationMs } from '../__testUtils__/gatewayApiRules';
import {
  CORPUS_TARGETS,
  httpRules,
  istioHttp,
  loadSet,
  objectsOf,
  planFor,
  sources,
  spec,
  validate,
} from './__testUtils__/corpusPlan';

const index = loadSet('cloudmap-timeouts.yaml');
const plan = (target: (typeof CORPUS_TARGETS)[number]) =>
  planFor(index, { labelSelector: 'app=colorapp' }, target, 'colorapp');
const ROUTER = 'VirtualRouter cloudmap/colorapp';

describe('corpus: howto-k8s-cloudmap + howto-k8s-timeout-policy (decisions 1, 2)', () => {
  it.each(CORPUS_TARGETS)(
    '%s: every generated object is valid, Services defined once',
    target => {
      expect(validate(plan(target), index).errors).toEqual([]);
    },
  );

  it.each(['linkerd', 'kuma'] as const)(
    '%s (GAMMA): generated Services on the listener port, backendRefs with that port, the 60 s timeout',
    target => {
      const p = plan(target);
      const [rule] = httpRules(p);
      expect(
        rule.backendRefs.map((b: any) => [b.name, b.port, b.weight]),
      ).toEqual([
        ['colorapp-blue', 8080, 1],
        ['colorapp-red', 8080, 1],
      ]);
      for (const name of ['colorapp-blue', 'colorapp-red']) {
        const services = objectsOf(p, 'Service').filter(
          s => s.metadata.name === name,
        );
        expect(
          services.map(s => spec(s).ports.map((port: any) => port.port)),
        ).toEqual([[8080]]);
      }
      expect(durationMs(rule.timeouts.request)).toBe(60000);
    },
  );

  it('istio-sidecar: 50/50 and the 60 s timeout', () => {
    const [route] = istioHttp(plan('istio-sidecar'));
    expect(route.route.map((r: any) => r.weight)).toEqual([50, 50]);
    expect(durationMs(route.timeout)).toBe(60000);
  });

  it('gateway-api (VPC Lattice): no timeouts; the route timeout is a manual action', () => {
    const p = plan('gateway-api');
    expect(httpRules(p).filter(rule => rule.timeouts)).toEqual([]);
    expect(sources(p)).toContain(`${ROUTER} spec.routes[0].httpRoute.timeout`);
  });
});

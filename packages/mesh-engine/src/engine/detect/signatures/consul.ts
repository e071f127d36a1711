import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const INJECT = 'consul.hashicorp.com/connect-inject';
const STATUS = 'consul.hashicorp.com/connect-inject-status';

/**
 * Consul: pod annotation `consul.hashicorp.com/connect-inject` ("true" |
 * "false"). Injected pods run `consul-dataplane` and carry
 * `consul.hashicorp.com/connect-inject-status: injected`. The Helm default
 * (`connectInject.default`) is not visible in objects.
 */
export const consulSignature: MeshSignature = {
  mesh: 'consul',
  intent(context) {
    const value = context.workload.template.annotations[INJECT];
    const source = describe(context).templateAnnotation(INJECT);
    if (value === 'false') return intent('opted-out', 'consul', source);
    if (value === 'true') return intent('enrolled', 'consul', source);
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    const where = describe(context).pod(podName);
    const proxy = findMeshProxies(pod.spec).find(
      found => found.mesh === 'consul',
    );
    if (proxy)
      return {
        kind: 'fact',
        mesh: 'consul',
        source: `${where} runs ${describeProxy(proxy)}`,
      };
    if (
      pod.annotations[STATUS] === 'injected' ||
      pod.labels[STATUS] === 'injected'
    ) {
      return {
        kind: 'fact',
        mesh: 'consul',
        source: `${where} ${STATUS}=injected`,
      };
    }
    return undefined;
  },
};

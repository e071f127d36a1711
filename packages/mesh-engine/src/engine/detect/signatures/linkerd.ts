import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const INJECT = 'linkerd.io/inject';
const ENROLLING = new Set(['enabled', 'ingress']);

/**
 * Linkerd: annotation `linkerd.io/inject` (enabled | ingress | disabled) on
 * the pod template, else on the namespace. Injected pods run
 * `linkerd-proxy` (native sidecar by default since 2.20) and carry
 * `linkerd.io/proxy-version`.
 */
export const linkerdSignature: MeshSignature = {
  mesh: 'linkerd',
  intent(context) {
    const text = describe(context);
    const podValue = context.workload.template.annotations[INJECT];
    if (podValue === 'disabled')
      return intent('opted-out', 'linkerd', text.templateAnnotation(INJECT));
    if (podValue && ENROLLING.has(podValue))
      return intent('enrolled', 'linkerd', text.templateAnnotation(INJECT));
    if (ENROLLING.has(context.namespaceAnnotations[INJECT] ?? '')) {
      return intent('enrolled', 'linkerd', text.namespaceAnnotation(INJECT));
    }
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    const where = describe(context).pod(podName);
    const proxy = findMeshProxies(pod.spec).find(
      found => found.mesh === 'linkerd',
    );
    if (proxy)
      return {
        kind: 'fact',
        mesh: 'linkerd',
        source: `${where} runs ${describeProxy(proxy)}`,
      };
    const version = pod.annotations['linkerd.io/proxy-version'];
    if (version) {
      return {
        kind: 'fact',
        mesh: 'linkerd',
        source: `${where} annotation linkerd.io/proxy-version=${version}`,
      };
    }
    return undefined;
  },
};

import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const INJECTION = 'kuma.io/sidecar-injection';

/**
 * Kuma / Kong Mesh: label `kuma.io/sidecar-injection` (enabled | disabled)
 * on the pod, else the namespace. The pod *annotation* form is deprecated
 * but still honoured (MR-ANNOTATION-AS-LABEL flags it). Injected pods run
 * `kuma-sidecar` and carry `kuma.io/sidecar-injected: "true"`.
 */
export const kumaSignature: MeshSignature = {
  mesh: 'kuma',
  intent(context) {
    const text = describe(context);
    const { labels, annotations } = context.workload.template;
    const podValue = labels[INJECTION] ?? annotations[INJECTION];
    const podSource =
      labels[INJECTION] !== undefined
        ? text.templateLabel(INJECTION)
        : text.templateAnnotation(INJECTION);
    if (podValue === 'disabled') return intent('opted-out', 'kuma', podSource);
    if (podValue === 'enabled') return intent('enrolled', 'kuma', podSource);
    if (context.namespaceLabels[INJECTION] === 'enabled') {
      return intent('enrolled', 'kuma', text.namespaceLabel(INJECTION));
    }
    if (context.namespaceLabels[INJECTION] === 'disabled') {
      return intent('opted-out', 'kuma', text.namespaceLabel(INJECTION));
    }
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    const where = describe(context).pod(podName);
    const proxy = findMeshProxies(pod.spec).find(
      found => found.mesh === 'kuma',
    );
    if (proxy)
      return {
        kind: 'fact',
        mesh: 'kuma',
        source: `${where} runs ${describeProxy(proxy)}`,
      };
    if (pod.annotations['kuma.io/sidecar-injected'] === 'true') {
      return {
        kind: 'fact',
        mesh: 'kuma',
        source: `${where} annotation kuma.io/sidecar-injected=true`,
      };
    }
    return undefined;
  },
};

import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const MONITORED_BY = 'openservicemesh.io/monitored-by';
const INJECTION = 'openservicemesh.io/sidecar-injection';

/**
 * Open Service Mesh (archived 2023): namespace label
 * `openservicemesh.io/monitored-by`; `openservicemesh.io/sidecar-injection`
 * on the pod or namespace turns injection on or off. Injected pods run
 * `envoy` + `osm-init` and carry the label `osm-proxy-uuid`.
 */
export const osmSignature: MeshSignature = {
  mesh: 'osm',
  intent(context) {
    const text = describe(context);
    if (context.workload.template.annotations[INJECTION] === 'disabled') {
      return intent('opted-out', 'osm', text.templateAnnotation(INJECTION));
    }
    if (context.namespaceLabels[MONITORED_BY]) {
      return intent('enrolled', 'osm', text.namespaceLabel(MONITORED_BY));
    }
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    const where = describe(context).pod(podName);
    const proxy = findMeshProxies(pod.spec).find(found => found.mesh === 'osm');
    if (proxy)
      return {
        kind: 'fact',
        mesh: 'osm',
        source: `${where} runs ${describeProxy(proxy)}`,
      };
    if (pod.labels['osm-proxy-uuid']) {
      return {
        kind: 'fact',
        mesh: 'osm',
        source: `${where} label osm-proxy-uuid`,
      };
    }
    return undefined;
  },
};

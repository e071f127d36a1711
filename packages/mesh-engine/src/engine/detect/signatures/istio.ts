import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const INJECT = 'sidecar.istio.io/inject';
const INJECTION = 'istio-injection';
const REVISION = 'istio.io/rev';
const DATAPLANE_MODE = 'istio.io/dataplane-mode';
const SIDECAR_STATUS = 'sidecar.istio.io/status';
const REDIRECTION = 'ambient.istio.io/redirection';

/**
 * Istio sidecar injection: namespace label `istio-injection` (any value but
 * `enabled` is a deliberate opt-out and wins over `istio.io/rev`), namespace
 * label `istio.io/rev`, or pod label `sidecar.istio.io/inject` /
 * `istio.io/rev`. The pod-level `sidecar.istio.io/inject=false` opts out (the
 * annotation form is deprecated but still read).
 */
export const istioSidecarSignature: MeshSignature = {
  mesh: 'istio-sidecar',
  intent(context) {
    const text = describe(context);
    const { labels, annotations } = context.workload.template;
    const podInject = labels[INJECT] ?? annotations[INJECT];
    const podInjectSource =
      labels[INJECT] !== undefined
        ? text.templateLabel(INJECT)
        : text.templateAnnotation(INJECT);
    if (podInject === 'false')
      return intent('opted-out', 'istio-sidecar', podInjectSource);
    const namespaceInjection = context.namespaceLabels[INJECTION];
    if (namespaceInjection !== undefined && namespaceInjection !== 'enabled') {
      return intent(
        'opted-out',
        'istio-sidecar',
        text.namespaceLabel(INJECTION),
      );
    }
    if (namespaceInjection === 'enabled') {
      return intent(
        'enrolled',
        'istio-sidecar',
        text.namespaceLabel(INJECTION),
      );
    }
    if (context.namespaceLabels[REVISION]) {
      return intent('enrolled', 'istio-sidecar', text.namespaceLabel(REVISION));
    }
    if (podInject === 'true')
      return intent('enrolled', 'istio-sidecar', podInjectSource);
    if (labels[REVISION])
      return intent('enrolled', 'istio-sidecar', text.templateLabel(REVISION));
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    const where = describe(context).pod(podName);
    const proxy = findMeshProxies(pod.spec).find(
      found => found.mesh === 'istio-sidecar',
    );
    if (proxy) {
      return {
        kind: 'fact',
        mesh: 'istio-sidecar',
        source: `${where} runs ${describeProxy(proxy)}`,
      };
    }
    if (pod.annotations[SIDECAR_STATUS]) {
      return {
        kind: 'fact',
        mesh: 'istio-sidecar',
        source: `${where} annotation ${SIDECAR_STATUS} (set by the injector)`,
      };
    }
    return undefined;
  },
};

/**
 * Istio ambient: label `istio.io/dataplane-mode=ambient` on the namespace or
 * pod (the pod wins; `none` opts out). Actual capture is the pod annotation
 * `ambient.istio.io/redirection=enabled`, set by istio-cni.
 */
export const istioAmbientSignature: MeshSignature = {
  mesh: 'istio-ambient',
  intent(context) {
    const text = describe(context);
    const podMode = context.workload.template.labels[DATAPLANE_MODE];
    if (podMode === 'none')
      return intent(
        'opted-out',
        'istio-ambient',
        text.templateLabel(DATAPLANE_MODE),
      );
    if (podMode === 'ambient')
      return intent(
        'enrolled',
        'istio-ambient',
        text.templateLabel(DATAPLANE_MODE),
      );
    if (context.namespaceLabels[DATAPLANE_MODE] === 'ambient') {
      return intent(
        'enrolled',
        'istio-ambient',
        text.namespaceLabel(DATAPLANE_MODE),
      );
    }
    return NO_INTENT;
  },
  podFact(pod, podName, context) {
    if (pod.annotations[REDIRECTION] !== 'enabled') return undefined;
    // Sidecar wins: a pod with an injected sidecar is not captured by ztunnel.
    if (pod.annotations[SIDECAR_STATUS]) return undefined;
    return {
      kind: 'fact',
      mesh: 'istio-ambient',
      source: `${describe(context).pod(
        podName,
      )} annotation ${REDIRECTION}=enabled`,
    };
  },
};

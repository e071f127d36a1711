import { KINDS } from '../../model/kubeObject';
import { describeKinds } from '../unreadableKinds';
import { describe, MeshSignature } from './types';

const MTLS_ENABLED = 'io.cilium/mtls-enabled';
const LB_L7 = 'service.cilium.io/lb-l7';

/**
 * Cilium has no per-pod proxy. Intent: namespace label
 * `io.cilium/mtls-enabled=true` (ztunnel encryption) or a selecting Service
 * annotated `service.cilium.io/lb-l7=enabled` (per-node Envoy). A pod
 * counts as meshed when its namespace is enrolled and `cilium-config` has
 * `enable-ztunnel: "true"`; hostNetwork pods are skipped by ztunnel. When
 * ConfigMaps could not be listed that is unknown, and the evidence says so.
 */
export const ciliumSignature: MeshSignature = {
  mesh: 'cilium',
  intent(context) {
    const text = describe(context);
    const enrolled = [];
    if (context.namespaceLabels[MTLS_ENABLED] === 'true') {
      enrolled.push({
        kind: 'intent' as const,
        mesh: 'cilium' as const,
        source: text.namespaceLabel(MTLS_ENABLED),
      });
      if (!context.index.isReadable(KINDS.configMap)) {
        enrolled.push({
          kind: 'intent' as const,
          mesh: 'cilium' as const,
          source: `not evaluated: ${describeKinds([
            KINDS.configMap,
          ])} could not be listed, so whether cilium-config enables ztunnel encryption (and the pods run in Cilium) is unknown`,
        });
      }
    }
    for (const service of context.workload.services) {
      if (service.annotations[LB_L7] === 'enabled') {
        enrolled.push({
          kind: 'intent' as const,
          mesh: 'cilium' as const,
          source: `Service ${service.name} annotation ${LB_L7}=enabled (per-node Envoy)`,
        });
      }
    }
    return { enrolled };
  },
  podFact(pod, podName, context) {
    if (pod.spec.hostNetwork) return undefined;
    if (context.namespaceLabels[MTLS_ENABLED] !== 'true') return undefined;
    if (!context.controlPlane.cilium.ztunnelEncryption) return undefined;
    return {
      kind: 'fact',
      mesh: 'cilium',
      source: `${describe(context).pod(
        podName,
      )} is in a namespace enrolled in Cilium ztunnel encryption (cilium-config enable-ztunnel=true)`,
    };
  },
};

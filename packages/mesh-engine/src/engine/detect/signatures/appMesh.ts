import { KINDS } from '../../model/kubeObject';
import { findMeshResources } from '../../workloads/meshResources';
import { describeProxy, findMeshProxies } from '../proxyContainers';
import { describeKinds } from '../unreadableKinds';
import { describe, intent, MeshSignature, NO_INTENT } from './types';

const WEBHOOK = 'appmesh.k8s.aws/sidecarInjectorWebhook';

/**
 * AWS App Mesh (discontinued 2026-09-30): namespace label
 * `appmesh.k8s.aws/sidecarInjectorWebhook=enabled`, overridden by the pod
 * annotation of the same key. A VirtualNode whose podSelector matches the
 * template is supporting evidence (when VirtualNodes could not be listed,
 * the evidence says so rather than nothing). Injected pods run `envoy` +
 * `proxyinit` with `APPMESH_*` environment variables.
 */
export const appMeshSignature: MeshSignature = {
  mesh: 'aws-app-mesh',
  intent(context) {
    const text = describe(context);
    const podValue = context.workload.template.annotations[WEBHOOK];
    if (podValue === 'disabled')
      return intent(
        'opted-out',
        'aws-app-mesh',
        text.templateAnnotation(WEBHOOK),
      );
    let result = NO_INTENT;
    if (podValue === 'enabled') {
      result = intent(
        'enrolled',
        'aws-app-mesh',
        text.templateAnnotation(WEBHOOK),
      );
    } else if (context.namespaceLabels[WEBHOOK] === 'enabled') {
      result = intent('enrolled', 'aws-app-mesh', text.namespaceLabel(WEBHOOK));
    }
    if (result.enrolled.length === 0) return result;
    if (!context.index.isReadable(KINDS.appMeshVirtualNode)) {
      return {
        enrolled: [
          ...result.enrolled,
          {
            kind: 'intent',
            mesh: 'aws-app-mesh',
            source: `not evaluated: ${describeKinds([
              KINDS.appMeshVirtualNode,
            ])} could not be listed, so whether one selects the pod template is unknown`,
          },
        ],
      };
    }
    const nodes = findMeshResources(context.workload, context.index).appMesh
      .virtualNodes;
    return {
      enrolled: [
        ...result.enrolled,
        ...nodes.map(node => ({
          kind: 'intent' as const,
          mesh: 'aws-app-mesh' as const,
          source: `VirtualNode ${node.metadata.namespace}/${node.metadata.name} podSelector matches the pod template`,
        })),
      ],
    };
  },
  podFact(pod, podName, context) {
    const proxy = findMeshProxies(pod.spec).find(
      found => found.mesh === 'aws-app-mesh',
    );
    if (!proxy) return undefined;
    return {
      kind: 'fact',
      mesh: 'aws-app-mesh',
      source: `${describe(context).pod(podName)} runs ${describeProxy(proxy)}`,
    };
  },
};

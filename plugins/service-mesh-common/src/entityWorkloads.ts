import { Entity } from '@backstage/catalog-model';

/**
 * How an entity points at its Kubernetes workloads: the same annotations,
 * read the same way, as Backstage's own Kubernetes plugin.
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
export const KUBERNETES_CLUSTER_ANNOTATION = 'backstage.io/kubernetes-cluster';

export type EntityWorkloadSelector =
  | {
      configured: true;
      /** A Kubernetes label selector in string form, e.g. `app=cart`. */
      labelSelector: string;
      /** Restricts the search to one namespace when set. */
      namespace?: string;
      /** Restricts the search to one cluster when set. */
      cluster?: string;
    }
  | {
      configured: false;
      /** What to add to catalog-info.yaml so the workloads are found. */
      hint: string;
    };

/**
 * Reads the entity's Kubernetes annotations. Like the Kubernetes plugin, a
 * label selector wins over the id, and the id selects
 * `backstage.io/kubernetes-id=<id>`. Unlike it, an entity without either
 * annotation is "not configured" rather than matched by its name: a scan of
 * every cluster by entity name would assess the wrong workloads.
 */
export function readEntityWorkloadSelector(
  entity: Entity,
): EntityWorkloadSelector {
  const annotations = entity.metadata.annotations ?? {};
  const labelSelector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const cluster = annotations[KUBERNETES_CLUSTER_ANNOTATION] || undefined;

  if (labelSelector?.trim()) {
    return {
      configured: true,
      labelSelector: labelSelector.trim(),
      namespace,
      cluster,
    };
  }
  if (id?.trim()) {
    return {
      configured: true,
      labelSelector: `${KUBERNETES_ID_ANNOTATION}=${id.trim()}`,
      namespace,
      cluster,
    };
  }
  return {
    configured: false,
    hint: kubernetesAnnotationHint(entity.metadata.name),
  };
}

/** The catalog-info.yaml snippet that connects an entity to its workloads. */
export function kubernetesAnnotationHint(entityName: string): string {
  return [
    'metadata:',
    '  annotations:',
    `    ${KUBERNETES_ID_ANNOTATION}: ${entityName}`,
    `# and label the workloads: ${KUBERNETES_ID_ANNOTATION}: ${entityName}`,
    `# or select them by label instead:`,
    `#   ${KUBERNETES_LABEL_SELECTOR_ANNOTATION}: 'app=${entityName}'`,
  ].join('\n');
}

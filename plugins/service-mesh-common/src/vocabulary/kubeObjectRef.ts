/** A JSON-friendly pointer to a Kubernetes object, used in results and evidence. */
export interface KubeObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** `Kind/namespace/name` (or `Kind/name` when cluster-scoped). */
export function formatRef(ref: KubeObjectRef): string {
  return ref.namespace === undefined
    ? `${ref.kind}/${ref.name}`
    : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

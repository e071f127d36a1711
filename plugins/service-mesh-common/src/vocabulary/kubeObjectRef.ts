import type { KubeObjectRef } from '../engine/model/kubeObject';

/** `Kind/namespace/name` (or `Kind/name` when cluster-scoped). */
export function formatRef(ref: KubeObjectRef): string {
  return ref.namespace === undefined
    ? `${ref.kind}/${ref.name}`
    : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

import { KubeObject } from '@meshwise/mesh-engine';

/**
 * What a real API server adds to every object and the fleet's copies of
 * manifests lack: `metadata.managedFields`, an entry per writer listing the
 * fields it set (FieldsV1). A real pod carries 2-5 KB of them, a large part
 * of what a metadata-only list sends. Built here from the object's own
 * fields, as the API server would record them: its controller set the
 * metadata and spec, the kubelet (for a pod) or the controller its status.
 */
export function withManagedFields(
  object: KubeObject,
  time: string,
): KubeObject {
  const { apiVersion, kind, metadata, status, ...rest } =
    object as KubeObject & {
      status?: unknown;
    };
  const { labels, annotations, ownerReferences, finalizers } = metadata;
  const entry = (manager: string, fields: unknown, subresource?: string) => ({
    manager,
    operation: 'Update',
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsOf(fields),
    ...(subresource ? { subresource } : {}),
  });
  const writer = WRITERS[kind] ?? 'kubectl-client-side-apply';
  const managedFields = [
    entry(writer, {
      metadata: { labels, annotations, ownerReferences, finalizers },
      ...rest,
    }),
    ...(status !== undefined
      ? [entry(kind === 'Pod' ? 'kubelet' : writer, { status }, 'status')]
      : []),
  ];
  return { ...object, metadata: { ...metadata, managedFields } } as KubeObject;
}

const WRITERS: Record<string, string> = {
  Pod: 'kube-controller-manager',
  ReplicaSet: 'kube-controller-manager',
  Job: 'kube-controller-manager',
  Deployment: 'helm',
  StatefulSet: 'helm',
  DaemonSet: 'helm',
  Service: 'helm',
};

/** FieldsV1: `f:` per field, `k:` per item of a list keyed by name or port. */
function fieldsOf(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object') return {};
  if (Array.isArray(value)) {
    const keyed: Record<string, unknown> = {};
    for (const item of value) {
      const key = itemKey(item);
      if (key === undefined) return {}; // an atomic list: owned whole
      keyed[`k:${key}`] = { '.': {}, ...fieldsOf(item) };
    }
    return keyed;
  }
  const fields: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const nested = fieldsOf(child);
    fields[`f:${name}`] =
      Object.keys(nested).length > 0 && !Array.isArray(child)
        ? { '.': {}, ...nested }
        : nested;
  }
  return fields;
}

function itemKey(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.name === 'string') {
    return JSON.stringify({ name: record.name });
  }
  if (record.containerPort !== undefined) {
    return JSON.stringify({
      containerPort: record.containerPort,
      protocol: record.protocol ?? 'TCP',
    });
  }
  if (record.port !== undefined) {
    return JSON.stringify({
      port: record.port,
      protocol: record.protocol ?? 'TCP',
    });
  }
  if (typeof record.uid === 'string')
    return JSON.stringify({ uid: record.uid });
  if (typeof record.type === 'string')
    return JSON.stringify({ type: record.type });
  return undefined;
}

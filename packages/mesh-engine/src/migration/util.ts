import { asNumber, asRecord, asString } from '../engine/model/access';
import { KubeObject } from '../engine/model/kubeObject';
import { Workload } from '../engine/workloads/workload';
import { MigrationPatchTarget } from './types';

/** `Kind namespace/name` for messages. */
export function describeObject(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace
    ? `${object.kind} ${namespace}/${name}`
    : `${object.kind} ${name}`;
}

export function patchTargetOf(object: KubeObject): MigrationPatchTarget {
  const target: MigrationPatchTarget = {
    kind: object.kind,
    name: object.metadata.name,
  };
  if (object.metadata.namespace !== undefined)
    target.namespace = object.metadata.namespace;
  if (object.apiVersion.includes('/') && !isBuiltInGroup(object.apiVersion))
    target.apiVersion = object.apiVersion;
  return target;
}

function isBuiltInGroup(apiVersion: string): boolean {
  const group = apiVersion.split('/')[0];
  return ['apps', 'batch', 'extensions'].includes(group);
}

/**
 * Builds `{a: {b: {c: value}}}` from `a.b.c`; `containers[name=app]`
 * becomes a one-element list keyed by name (strategic merge).
 */
export function nestAt(path: string, value: unknown): Record<string, unknown> {
  const segments = path ? path.split('.') : [];
  let result: unknown = value;
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const keyed = /^(\w+)\[(\w+)=(.*)\]$/.exec(segments[i]);
    if (keyed) {
      const [, list, key, keyValue] = keyed;
      result = { [list]: [{ [key]: keyValue, ...(asRecord(result) ?? {}) }] };
    } else {
      result = { [segments[i]]: result };
    }
  }
  return (asRecord(result) ?? {}) as Record<string, unknown>;
}

/** Deep merge of plain JSON objects; later values win, lists are replaced. */
export function deepMerge(
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const left = asRecord(out[key]);
    const right = asRecord(value);
    out[key] = left && right ? deepMerge(left, right) : value;
  }
  return out;
}

/** The pod template's metadata path on the workload object (`spec.template.metadata`, or `metadata` for a Pod). */
export function templateMetadataPath(workload: Workload): string {
  return workload.template.path
    ? `${workload.template.path}.metadata`
    : 'metadata';
}

export function templateSpecPath(workload: Workload): string {
  return workload.template.path ? `${workload.template.path}.spec` : 'spec';
}

/** App Mesh `{unit: ms|s, value}` as a duration both Istio and Gateway API accept (`10s`, `2500ms`, `5m`). */
export function formatDuration(value: unknown): string | undefined {
  const record = asRecord(value);
  const amount = asNumber(record?.value);
  const unit = asString(record?.unit);
  if (amount === undefined || amount < 0) return undefined;
  if (unit !== 'ms' && unit !== 's') return undefined;
  const millis = unit === 's' ? amount * 1000 : amount;
  if (!Number.isInteger(millis)) return undefined;
  if (millis === 0) return '0s';
  if (millis % 3_600_000 === 0) return `${millis / 3_600_000}h`;
  if (millis % 60_000 === 0) return `${millis / 60_000}m`;
  if (millis % 1000 === 0) return `${millis / 1000}s`;
  return `${millis}ms`;
}

export function durationMillis(value: unknown): number | undefined {
  const record = asRecord(value);
  const amount = asNumber(record?.value);
  const unit = asString(record?.unit);
  if (amount === undefined) return undefined;
  if (unit === 's') return amount * 1000;
  if (unit === 'ms') return amount;
  return undefined;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a Kubernetes Service out of a DNS name: `name.namespace.svc...`,
 * `name.namespace` or `name` (in `defaultNamespace`).
 */
export function serviceFromHostname(
  hostname: string,
  defaultNamespace: string,
): { name: string; namespace: string } | undefined {
  const trimmed = hostname.replace(/\.$/, '');
  const parts = splitHost(trimmed);
  if (parts.length === 1)
    return { name: parts[0], namespace: defaultNamespace };
  if (parts.length === 2) return { name: parts[0], namespace: parts[1] };
  if (parts[2] === 'svc') return { name: parts[0], namespace: parts[1] };
  return undefined;
}

/** Splits on dots outside `${...}` placeholders. */
function splitHost(host: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < host.length; i += 1) {
    const char = host[i];
    if (char === '$' && host[i + 1] === '{') depth += 1;
    if (char === '}' && depth > 0) depth -= 1;
    if (char === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/** `key: value` pairs of `small` that `big` carries too. */
export function isSubsetOf(
  small: Record<string, string>,
  big: Record<string, string>,
): boolean {
  return Object.entries(small).every(([key, value]) => big[key] === value);
}

export function withoutKeys(
  labels: Record<string, string>,
  remove: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (remove[key] !== value) out[key] = value;
  }
  return out;
}

/** `kubectl` resource name for a kind, fully qualified where the short name is ambiguous. */
export function kubectlResource(object: {
  apiVersion: string;
  kind: string;
}): string {
  const group = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')[0]
    : '';
  const lower = object.kind.toLowerCase();
  const plural = /(s|sh|ch|x)$/.test(lower) ? `${lower}es` : `${lower}s`;
  if (!group || ['apps', 'batch'].includes(group))
    return object.kind.toLowerCase();
  return `${plural}.${group}`;
}

export { shellQuote } from '@meshwise/backstage-plugin-service-mesh-common';

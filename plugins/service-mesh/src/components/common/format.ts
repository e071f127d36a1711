import {
  DataPlaneMode,
  MESH_DISPLAY_NAMES,
  MeshId,
  MtlsMode,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** `Istio (sidecar)`, or `No mesh` for null / `none`. */
export function meshName(mesh: MeshId | 'none' | null | undefined): string {
  if (!mesh || mesh === 'none') return 'No mesh';
  return MESH_DISPLAY_NAMES[mesh] ?? mesh;
}

export const DATA_PLANE_MODE_LABELS: Record<DataPlaneMode, string> = {
  sidecar: 'Sidecar',
  'native-sidecar': 'Native sidecar',
  ambient: 'Ambient (ztunnel)',
  'node-proxy': 'Per-node proxy',
  none: 'None',
};

export const MTLS_LABELS: Record<MtlsMode, string> = {
  strict: 'Strict',
  permissive: 'Permissive',
  off: 'Off',
  unknown: 'Unknown',
};

/** `2026-11-22 08:30 UTC`: the same for every viewer and test. */
export function formatExactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** `5 minutes ago`, `yesterday`, `in 2 hours`. */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(seconds, 'second');
}

/** `group:default/storefront-team` → `storefront-team`; other namespaces are kept. */
export function shortEntityRef(ref: string | undefined): string {
  if (!ref) return '';
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) return ref;
  const [, , namespace, name] = match;
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

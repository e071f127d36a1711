import { ClusterIndex } from '../cluster/clusterIndex';

/**
 * A kind the cluster would not list (a 403 on an optional kind) says nothing
 * about its objects: what reads it says "not evaluated" and names the kind
 * with these helpers, so every such message reads the same.
 */

/** `PeerAuthentication.security.istio.io` → `PeerAuthentication (security.istio.io)` */
export function describeKind(groupKind: string): string {
  const dot = groupKind.indexOf('.');
  return dot < 0
    ? groupKind
    : `${groupKind.slice(0, dot)} (${groupKind.slice(dot + 1)})`;
}

export function describeKinds(groupKinds: readonly string[]): string {
  return groupKinds.map(describeKind).join(', ');
}

/** The kinds among `groupKinds` that could not be listed, in their order. */
export function unreadableAmong(
  index: ClusterIndex,
  groupKinds: Iterable<string>,
): string[] {
  if (index.unreadableKinds.length === 0) return [];
  return [...new Set(groupKinds)].filter(kind => !index.isReadable(kind));
}

/** The remediation every "could not be listed" result gives. */
export function grantListRemediation(groupKinds: readonly string[]): string {
  return `Grant the Meshwise service account \`list\` on ${describeKinds(
    groupKinds,
  )}, cluster-wide; the next scan evaluates what reads ${
    groupKinds.length > 1 ? 'them' : 'it'
  }.`;
}

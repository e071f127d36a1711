import { ClusterVersionsCollector, sameVersions } from './clusterVersions';
import { LISTED_KINDS, ListedKind } from './listedKinds';

const kindOf = (apiVersion: string, kind: string, fieldSelector?: string) =>
  LISTED_KINDS.find(
    k =>
      k.apiVersion === apiVersion &&
      k.kind === kind &&
      k.fieldSelector === fieldSelector,
  )!;

const POD = kindOf('v1', 'Pod');
const ISTIO_GATEWAY = kindOf('networking.istio.io/v1', 'Gateway');
const GATEWAY_API_GATEWAY = kindOf('gateway.networking.k8s.io/v1', 'Gateway');

function item(name: string, resourceVersion = '1', extra: object = {}) {
  return {
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, resourceVersion },
    ...extra,
  };
}

type Item = ReturnType<typeof item>;

/** The versions of lists read to their end, in the order given. */
function versionsOf(lists: [ListedKind, Item[]][]) {
  const collector = new ClusterVersionsCollector();
  for (const [kind, items] of lists) {
    const list = collector.startList(kind);
    items.forEach(i => list.add(i));
    list.end();
  }
  return collector.versions();
}

describe('ClusterVersionsCollector', () => {
  it('digests names, uids and resourceVersions, and nothing else', () => {
    const base = versionsOf([[POD, [item('a'), item('b')]]]);

    expect(Object.keys(base.lists)).toEqual(['v1 Pod']);
    expect(base.kindCounts).toEqual({ Pod: 2 });
    // A full object and its metadata alone: the same versions.
    expect(
      versionsOf([[POD, [item('a', '1', { spec: { x: 1 } }), item('b')]]]),
    ).toEqual(base);
    for (const changed of [
      [item('a', '2'), item('b')],
      [item('a'), item('c')],
      [
        { ...item('a'), metadata: { ...item('a').metadata, uid: 'new' } },
        item('b'),
      ],
      [
        { ...item('a'), metadata: { ...item('a').metadata, namespace: 'x' } },
        item('b'),
      ],
      // The API server lists in a stable order: a new order is a change.
      [item('b'), item('a')],
    ]) {
      expect(versionsOf([[POD, changed]]).lists).not.toEqual(base.lists);
    }
  });

  it('has an entry for an empty list, and none for a list not read to its end', () => {
    const collector = new ClusterVersionsCollector();
    collector.startList(POD).end();
    const unserved = collector.startList(ISTIO_GATEWAY);
    unserved.add(item('half-read'));

    const versions = collector.versions();

    expect(Object.keys(versions.lists)).toEqual(['v1 Pod']);
    expect(versions.kindCounts).toEqual({});
  });

  it('keys lists by API version, kind and field selector, and counts kinds by name', () => {
    const linkerd = kindOf('v1', 'ConfigMap', 'metadata.name=linkerd-config');
    const versions = versionsOf([
      [ISTIO_GATEWAY, [item('ingress')]],
      [GATEWAY_API_GATEWAY, [item('public'), item('waypoint')]],
      [linkerd, [item('linkerd-config')]],
    ]);

    expect(Object.keys(versions.lists)).toEqual([
      'gateway.networking.k8s.io/v1 Gateway',
      'networking.istio.io/v1 Gateway',
      'v1 ConfigMap metadata.name=linkerd-config',
    ]);
    expect(versions.kindCounts).toEqual({ ConfigMap: 1, Gateway: 3 });
  });

  it('serialises the same versions the same whatever order the lists came in', () => {
    const pods: [ListedKind, Item[]] = [POD, [item('a')]];
    const gateways: [ListedKind, Item[]] = [ISTIO_GATEWAY, [item('g')]];

    expect(JSON.stringify(versionsOf([gateways, pods]))).toBe(
      JSON.stringify(versionsOf([pods, gateways])),
    );
  });
});

describe('sameVersions', () => {
  const versions = {
    lists: { 'v1 Pod': 'a', 'v1 Namespace': 'b' },
    kindCounts: { Pod: 2, Namespace: 1 },
  };

  it('holds for the same lists and counts, in any order', () => {
    expect(
      sameVersions(versions, {
        lists: { 'v1 Namespace': 'b', 'v1 Pod': 'a' },
        kindCounts: { Namespace: 1, Pod: 2 },
      }),
    ).toBe(true);
  });

  it('fails on any other digest, list or count', () => {
    const other = (change: object) => ({ ...versions, ...change });
    expect(sameVersions(versions, other({ lists: { 'v1 Pod': 'a' } }))).toBe(
      false,
    );
    expect(
      sameVersions(
        versions,
        other({ lists: { 'v1 Pod': 'x', 'v1 Namespace': 'b' } }),
      ),
    ).toBe(false);
    expect(
      sameVersions(
        versions,
        other({ lists: { ...versions.lists, 'v1 Service': 'c' } }),
      ),
    ).toBe(false);
    expect(
      sameVersions(versions, other({ kindCounts: { Pod: 3, Namespace: 1 } })),
    ).toBe(false);
  });
});

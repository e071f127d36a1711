import { createHash, Hash } from 'node:crypto';
import { ListedKind, listKey } from './listedKinds';
import { ClusterVersions } from './types';

/** The versions of one list's objects, digested as its pages arrive. */
export interface ListVersions {
  /** One item as the API server listed it (a whole object or its metadata). */
  add(item: Record<string, unknown>): void;
  /** The list was read to its end: it counts in the cluster's versions. */
  end(): void;
}

/**
 * Collects `ClusterVersions` from the items of a cluster's lists. A full
 * read and a metadata-only read share it, so that the same objects give
 * byte-identical versions whichever read listed them.
 */
export class ClusterVersionsCollector {
  readonly #lists = new Map<string, string>();
  readonly #kindCounts = new Map<string, number>();

  /**
   * Starts the digest of one list. A list that is never ended (a kind the
   * server does not serve) has no entry; an empty one has its own digest.
   */
  startList(kind: ListedKind): ListVersions {
    const hash = createHash('sha256');
    let items = 0;
    return {
      add: item => {
        hash.update(identityLine(item));
        items += 1;
      },
      end: () => this.#endList(kind, hash, items),
    };
  }

  /** The digest of a list read to its end, if it was. */
  digestOf(kind: ListedKind): string | undefined {
    return this.#lists.get(listKey(kind));
  }

  /** The versions collected, keys sorted so equal versions serialise equally. */
  versions(): ClusterVersions {
    return {
      lists: sortedRecord(this.#lists),
      kindCounts: sortedRecord(this.#kindCounts),
    };
  }

  #endList(kind: ListedKind, hash: Hash, items: number): void {
    this.#lists.set(listKey(kind), hash.digest('base64'));
    // By kind name, as `countKinds` counts a snapshot's objects: two kinds
    // of one name (Istio's and the Gateway API's Gateway) count together.
    if (items > 0) {
      this.#kindCounts.set(
        kind.kind,
        (this.#kindCounts.get(kind.kind) ?? 0) + items,
      );
    }
  }
}

/**
 * What identifies one version of an object: its namespace and name, uid and
 * resourceVersion, one JSON line each (so no field can run into the next).
 * The order of the lines is the list's: a changed order is a change.
 */
function identityLine(item: Record<string, unknown>): string {
  const metadata = (item.metadata ?? {}) as {
    namespace?: string;
    name?: string;
    uid?: string;
    resourceVersion?: string;
  };
  return `${JSON.stringify([
    `${metadata.namespace ?? ''}/${metadata.name ?? ''}`,
    metadata.uid ?? '',
    metadata.resourceVersion ?? '',
  ])}\n`;
}

/**
 * Equal versions: the same lists, each with the same digest, and the same
 * counts, whatever the order of their keys (a source of another module may
 * not sort them).
 */
export function sameVersions(a: ClusterVersions, b: ClusterVersions): boolean {
  const canonical = (versions: ClusterVersions) =>
    JSON.stringify([
      sortedRecord(Object.entries(versions.lists)),
      sortedRecord(Object.entries(versions.kindCounts)),
    ]);
  return canonical(a) === canonical(b);
}

function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries(
    // By code unit, not locale: the same order on every host.
    [...entries].sort(([a], [b]) => Number(a > b) - Number(a < b)),
  );
}

import { groupKindOfObject, KubeObject } from '../model/kubeObject';
import { LabelSelector, matchesLabelSelector } from './labelSelector';
import { runSteps, Steps } from './steps';

/**
 * Objects of one cluster (or one manifest set), indexed so the engine can
 * answer "objects of kind K in namespace N", "object K/N/name" and "objects of
 * kind K whose labels match S" without scanning the whole input.
 *
 * Kinds are group-kind keys (`Deployment.apps`, `Service`,
 * `VirtualService.networking.istio.io`; see `KINDS`).
 */
export interface ClusterIndex {
  /** The input without duplicates (same kind, namespace and name: the later one wins). */
  readonly objects: readonly KubeObject[];
  /** All objects of a kind, optionally only in one namespace. */
  list(groupKind: string, namespace?: string): readonly KubeObject[];
  get(
    groupKind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /** Objects of a kind whose own labels match; uses a label posting index. */
  findByLabels(
    groupKind: string,
    selector: LabelSelector,
    namespace?: string,
  ): KubeObject[];
  /** True when the input holds at least one object of the kind. */
  hasKind(groupKind: string): boolean;
  /** True when the input holds at least one object of the API group. */
  hasGroup(group: string): boolean;
  /**
   * Kinds the input could not list (e.g. a 403 on PeerAuthentication): their
   * absence says nothing, so what depends on them is not evaluated.
   */
  readonly unreadableKinds: readonly string[];
  /** False when the kind could not be listed: `list` is then empty, not "none". */
  isReadable(groupKind: string): boolean;
  /** Namespaces that hold at least one object, plus declared Namespace objects. */
  namespaces(): string[];
  /** Per-index memo for derived data (workloads, control-plane facts). */
  memo<T>(key: string, compute: () => T): T;
  /** Drops the memos: the derived data is computed again when next used. */
  clearMemos(): void;
}

const CLUSTER_SCOPE = '\u0000cluster';

function scopeKey(namespace: string | undefined): string {
  return namespace ?? CLUSTER_SCOPE;
}

export interface ClusterIndexOptions {
  /** Group-kind keys (`PeerAuthentication.security.istio.io`) that could not be listed. */
  unreadableKinds?: Iterable<string>;
}

export function buildClusterIndex(
  objects: readonly KubeObject[],
  options: ClusterIndexOptions = {},
): ClusterIndex {
  return runSteps(buildClusterIndexInSteps(objects, options));
}

/** Objects indexed between two steps of `buildClusterIndexInSteps`. */
const OBJECTS_PER_STEP = 256;

/**
 * `buildClusterIndex` in steps (see `Steps`), so a server can index a
 * cluster of tens of thousands of objects between requests.
 */
export function* buildClusterIndexInSteps(
  objects: readonly KubeObject[],
  options: ClusterIndexOptions = {},
): Steps<ClusterIndex> {
  const unreadable = new Set(options.unreadableKinds ?? []);
  const byKind = new Map<string, KubeObject[]>();
  const byKindNamespace = new Map<string, KubeObject[]>();
  const byIdentity = new Map<string, KubeObject>();
  const groups = new Set<string>();
  const namespaceNames = new Set<string>();
  const postings = new Map<string, Map<string, KubeObject[]>>();
  const memos = new Map<string, unknown>();

  // Same kind, namespace and name: the later object wins, as a later
  // `kubectl apply` of the same object would.
  for (let at = 0; at < objects.length; at++) {
    const object = objects[at];
    const groupKind = groupKindOfObject(object);
    const { namespace, name } = object.metadata;
    byIdentity.set(
      `${groupKind}\u0000${scopeKey(namespace)}\u0000${name}`,
      object,
    );
    if ((at + 1) % OBJECTS_PER_STEP === 0) yield;
  }
  const unique = [...byIdentity.values()];
  for (let at = 0; at < unique.length; at++) {
    const object = unique[at];
    const groupKind = groupKindOfObject(object);
    const { namespace, name } = object.metadata;
    push(byKind, groupKind, object);
    push(byKindNamespace, `${groupKind}\u0000${scopeKey(namespace)}`, object);
    const dot = groupKind.indexOf('.');
    groups.add(dot < 0 ? '' : groupKind.slice(dot + 1));
    if (namespace !== undefined) namespaceNames.add(namespace);
    if (groupKind === 'Namespace') namespaceNames.add(name);
    if ((at + 1) % OBJECTS_PER_STEP === 0) yield;
  }

  function labelPostings(groupKind: string): Map<string, KubeObject[]> {
    let index = postings.get(groupKind);
    if (!index) {
      index = new Map();
      for (const object of byKind.get(groupKind) ?? []) {
        for (const [key, value] of Object.entries(
          object.metadata.labels ?? {},
        )) {
          push(index, `${key}=${value}`, object);
        }
      }
      postings.set(groupKind, index);
    }
    return index;
  }

  const index: ClusterIndex = {
    objects: unique,
    list(groupKind, namespace) {
      if (namespace === undefined) return byKind.get(groupKind) ?? [];
      return byKindNamespace.get(`${groupKind}\u0000${namespace}`) ?? [];
    },
    get(groupKind, namespace, name) {
      return byIdentity.get(
        `${groupKind}\u0000${scopeKey(namespace)}\u0000${name}`,
      );
    },
    findByLabels(groupKind, selector, namespace) {
      const candidates =
        narrowestPosting(selector, labelPostings(groupKind)) ??
        index.list(groupKind, namespace);
      return candidates.filter(
        object =>
          (namespace === undefined ||
            object.metadata.namespace === namespace) &&
          matchesLabelSelector(selector, object.metadata.labels),
      );
    },
    hasKind(groupKind) {
      return byKind.has(groupKind);
    },
    hasGroup(group) {
      return groups.has(group);
    },
    unreadableKinds: [...unreadable].sort(),
    isReadable(groupKind) {
      return !unreadable.has(groupKind);
    },
    namespaces() {
      return [...namespaceNames].sort();
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    clearMemos() {
      memos.clear();
    },
  };
  return index;
}

/**
 * The smallest candidate list an `In` requirement allows (union of the
 * postings of its values), or undefined when no requirement narrows the set.
 */
export function narrowestPosting<T>(
  selector: LabelSelector,
  postings: Map<string, T[]>,
): T[] | undefined {
  let best: T[] | undefined;
  for (const requirement of selector.requirements) {
    if (requirement.operator !== 'In') continue;
    const candidates =
      requirement.values.length === 1
        ? postings.get(`${requirement.key}=${requirement.values[0]}`) ?? []
        : [
            ...new Set(
              requirement.values.flatMap(
                value => postings.get(`${requirement.key}=${value}`) ?? [],
              ),
            ),
          ];
    if (!best || candidates.length < best.length) best = candidates;
  }
  return best;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

import {
  buildClusterIndexInSteps,
  ClusterIndex,
  groupKindOf,
  KubeObject,
} from '@meshwise/mesh-engine';
import { LISTED_KINDS } from '../clusters/listedKinds';
import {
  ClusterProblem,
  ClusterSnapshot,
  ClusterSource,
  ClusterVersions,
} from '../clusters/types';
import {
  ClusterFingerprints,
  clusterFingerprintsInSteps,
} from './inputFingerprints';
import { Pause, runInSlices } from './yieldToEventLoop';

/** What the scanner knows about one cluster now. */
export interface ClusterState {
  source: ClusterSource;
  /** The index of the last good read; undefined when never read. */
  index?: ClusterIndex;
  /** The fingerprints of the index's objects, by what they can affect. */
  fingerprints?: ClusterFingerprints;
  /**
   * The versions of the objects of the last read, when the source told
   * them and the read was whole: stored with the fingerprints, so a later
   * scan that finds the same versions skips the read.
   */
  versions?: ClusterVersions;
  objectCount?: number;
  readAt?: Date;
  /** Set while the last attempt failed: the index is then stale. */
  failure?: { problem: ClusterProblem; at: Date };
  /** Objects per kind of the last good read. */
  kindCounts?: Record<string, number>;
  /** The last read looked implausible: the next one confirms or refutes it. */
  suspect?: boolean;
  /**
   * Set when optional kinds could not be listed in the last read: the scan
   * is then `partial`, and the message says which kinds and what was kept.
   */
  partialRead?: PartialRead;
  /**
   * The last good list of each optional kind (mesh resources, Gateway API,
   * the control plane's ConfigMaps: few objects), kept when the rest of the
   * read is released, so a kind that fails to list later keeps its objects.
   */
  lastLists?: Map<string, { objects: readonly KubeObject[]; since: Date }>;
}

/** Kinds a read may fail to list without failing (`required: false`). */
const OPTIONAL_KINDS: readonly string[] = [
  ...new Set(
    LISTED_KINDS.filter(kind => !kind.required).map(kind =>
      groupKindOf(kind.apiVersion, kind.kind),
    ),
  ),
];

export interface PartialRead {
  /** Kinds whose objects of an earlier good list are kept, with its time. */
  carriedOver: Record<string, Date>;
  /** Kinds never listed well: the engine does not evaluate what reads them. */
  unreadable: string[];
  message: string;
}

/**
 * The last good state of every cluster. A failed read keeps the previous
 * index and marks it stale, so a flapping cluster never blanks assessments.
 */
export class ClusterStateCache {
  readonly #states = new Map<string, ClusterState>();

  /**
   * Follows the configured clusters: new ones start unread, removed ones are
   * forgotten, and a cluster whose connection changed keeps its last state.
   */
  sync(sources: ClusterSource[]): void {
    const names = new Set(sources.map(source => source.name));
    for (const name of this.#states.keys()) {
      if (!names.has(name)) this.#states.delete(name);
    }
    for (const source of sources) {
      const state = this.#states.get(source.name);
      if (state) state.source = source;
      else this.#states.set(source.name, { source });
    }
  }

  states(): ClusterState[] {
    return [...this.#states.values()];
  }

  get(cluster: string): ClusterState | undefined {
    return this.#states.get(cluster);
  }

  /**
   * Takes a good read. A kind that failed to list this time (a flapping
   * permission) keeps the objects of its last good list in this process, so
   * stages do not move on it; a kind never listed well here is passed to the
   * engine as unreadable, so what depends on it is not evaluated rather
   * than guessed.
   * The objects are indexed, and then hashed (`clusterFingerprintsInSteps`),
   * a few hundred at a time, with `pause` between.
   */
  async recordRead(
    snapshot: ClusterSnapshot,
    kindCounts: Record<string, number>,
    pause: Pause,
  ): Promise<ClusterState> {
    const state = this.#states.get(snapshot.cluster)!;
    const lastLists = state.lastLists ?? new Map();
    const carriedOver: Record<string, Date> = {};
    const unreadable: string[] = [];
    for (const kind of snapshot.unreadableKinds ?? []) {
      const last = lastLists.get(kind);
      if (last) carriedOver[kind] = last.since;
      else unreadable.push(kind);
    }
    // Kept objects first: a fresh object of the same identity wins (one
    // ConfigMap list may fail while another of the kind succeeds).
    const kept = Object.keys(carriedOver).flatMap(
      kind => lastLists.get(kind)!.objects,
    );
    const objects = kept.length
      ? [...kept, ...snapshot.objects]
      : snapshot.objects;
    const index = await runInSlices(
      buildClusterIndexInSteps(objects, { unreadableKinds: unreadable }),
      pause,
    );
    // Both at once: an assessment never pairs an index with the
    // fingerprints of another.
    state.fingerprints = await runInSlices(
      clusterFingerprintsInSteps(index),
      pause,
    );
    state.index = index;
    for (const kind of OPTIONAL_KINDS) {
      if (!(kind in carriedOver) && !unreadable.includes(kind)) {
        lastLists.set(kind, {
          objects: index.list(kind),
          since: snapshot.readAt,
        });
      }
    }
    state.lastLists = lastLists;
    state.objectCount = state.index.objects.length;
    state.readAt = snapshot.readAt;
    state.kindCounts = kindCounts;
    state.failure = undefined;
    state.suspect = false;
    state.partialRead =
      unreadable.length || Object.keys(carriedOver).length
        ? {
            carriedOver,
            unreadable,
            message: describePartialRead(carriedOver, unreadable),
          }
        : undefined;
    // Only a whole read stands for the cluster's objects.
    state.versions = state.partialRead ? undefined : snapshot.versions;
    return state;
  }

  /**
   * Takes a read of the versions of a cluster's objects equal to those of
   * the read the stored fingerprints were computed from: the cluster holds
   * the same objects, so it is as good as read now, with those fingerprints
   * and no objects in memory.
   */
  recordUnchanged(
    cluster: string,
    read: {
      fingerprints: ClusterFingerprints;
      versions: ClusterVersions;
      readAt: Date;
    },
  ): ClusterState {
    const state = this.#states.get(cluster)!;
    const kindCounts = read.versions.kindCounts;
    state.fingerprints = read.fingerprints;
    state.versions = read.versions;
    state.readAt = read.readAt;
    state.kindCounts = kindCounts;
    state.objectCount = Object.values(kindCounts).reduce((a, b) => a + b, 0);
    state.failure = undefined;
    state.suspect = false;
    state.partialRead = undefined;
    return state;
  }

  /**
   * Drops a cluster's objects and everything derived from them once its
   * parts are stored; what stays is small (its health, counts per kind,
   * the last lists of its optional kinds).
   */
  release(cluster: string): void {
    const state = this.#states.get(cluster);
    if (!state) return;
    state.index?.clearMemos();
    state.index = undefined;
    state.fingerprints = undefined;
    state.versions = undefined;
  }

  /** How many clusters' objects are in memory now. */
  clustersInMemory(): number {
    return this.states().filter(state => state.index).length;
  }

  recordFailure(
    cluster: string,
    problem: ClusterProblem,
    at: Date,
  ): ClusterState {
    const state = this.#states.get(cluster)!;
    state.failure = { problem, at };
    return state;
  }
}

/** For the cluster's health and the logs: which kinds, and what was done instead. */
function describePartialRead(
  carriedOver: Record<string, Date>,
  unreadable: string[],
): string {
  const parts = Object.entries(carriedOver).map(
    ([kind, since]) =>
      `${kind} could not be listed; its objects of the read at ${since.toISOString()} are kept`,
  );
  if (unreadable.length > 0) {
    parts.push(
      `${unreadable.join(
        ', ',
      )} could not be listed and no earlier list is known; checks that read ${
        unreadable.length > 1 ? 'them' : 'it'
      } are not evaluated`,
    );
  }
  return `Partial read: ${parts.join('; ')}`;
}

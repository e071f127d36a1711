import { buildClusterIndexInSteps, ClusterIndex } from '@meshwise/mesh-engine';
import {
  ClusterProblem,
  ClusterSnapshot,
  ClusterSource,
} from '../clusters/types';
import { Pause, runInSlices } from './yieldToEventLoop';

/** What the scanner knows about one cluster now. */
export interface ClusterState {
  source: ClusterSource;
  /** The index of the last good read; undefined when never read. */
  index?: ClusterIndex;
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
}

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
   * permission) keeps the objects of its last good list, so stages do not
   * move on it; a kind never listed well is passed to the engine as
   * unreadable, so what depends on it is not evaluated rather than guessed.
   * The objects are indexed a few hundred at a time, with `pause` between.
   */
  async recordRead(
    snapshot: ClusterSnapshot,
    kindCounts: Record<string, number>,
    pause: Pause,
  ): Promise<ClusterState> {
    const state = this.#states.get(snapshot.cluster)!;
    const previous = state.index;
    const carriedOver: Record<string, Date> = {};
    const unreadable: string[] = [];
    for (const kind of snapshot.unreadableKinds ?? []) {
      if (previous?.isReadable(kind)) {
        carriedOver[kind] =
          state.partialRead?.carriedOver[kind] ?? state.readAt!;
      } else unreadable.push(kind);
    }
    // Kept objects first: a fresh object of the same identity wins (one
    // ConfigMap list may fail while another of the kind succeeds).
    const kept = Object.keys(carriedOver).flatMap(kind => previous!.list(kind));
    const objects = kept.length
      ? [...kept, ...snapshot.objects]
      : snapshot.objects;
    state.index = await runInSlices(
      buildClusterIndexInSteps(objects, { unreadableKinds: unreadable }),
      pause,
    );
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
    return state;
  }

  /**
   * Drops what was derived from the indexes (workloads, pod views) once a
   * scan has assessed every entity: between scans only the objects are kept,
   * and the next scan's reads do not hold two copies of the derived data.
   */
  releaseDerivedData(): void {
    for (const state of this.#states.values()) state.index?.clearMemos();
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

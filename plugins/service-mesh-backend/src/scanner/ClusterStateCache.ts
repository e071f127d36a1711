import {
  buildClusterIndex,
  ClusterIndex,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ClusterProblem,
  ClusterSnapshot,
  ClusterSource,
} from '../clusters/types';

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

  recordRead(
    snapshot: ClusterSnapshot,
    kindCounts: Record<string, number>,
  ): ClusterState {
    const state = this.#states.get(snapshot.cluster)!;
    state.index = buildClusterIndex(snapshot.objects);
    state.objectCount = snapshot.objects.length;
    state.readAt = snapshot.readAt;
    state.kindCounts = kindCounts;
    state.failure = undefined;
    state.suspect = false;
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

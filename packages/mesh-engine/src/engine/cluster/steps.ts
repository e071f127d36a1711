import type { ClusterIndex } from './clusterIndex';

/**
 * Work done a piece at a time: each `yield` ends a piece of well under a
 * millisecond, where the caller may pause (a server lets waiting requests
 * run) before it resumes. The engine never pauses itself: it has no clock
 * and no event loop. `runSteps` does the whole work at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end, without pausing, and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A value computed in steps once and shared: whoever asks drives the same
 * computation on from where it stands, a caller that pauses between steps
 * (`steps()`) and one that needs the value now (`value()`) alike.
 */
class SharedSteps<T> {
  readonly #steps: Steps<T>;
  #settled?: { value: T } | { error: unknown };

  constructor(steps: Steps<T>) {
    this.#steps = steps;
  }

  *steps(): Steps<T> {
    while (!this.#advance()) yield;
    return this.#result();
  }

  value(): T {
    while (!this.#advance());
    return this.#result();
  }

  /** One step further; true once the computation has ended. */
  #advance(): boolean {
    if (this.#settled) return true;
    try {
      const step = this.#steps.next();
      if (step.done) this.#settled = { value: step.value };
    } catch (error) {
      this.#settled = { error };
    }
    return this.#settled !== undefined;
  }

  #result(): T {
    const settled = this.#settled!;
    if ('error' in settled) throw settled.error;
    return settled.value;
  }
}

/**
 * `index.memo` for a value computed in steps: the computation starts at the
 * first call, and every caller, in steps or at once, shares it.
 */
export function memoInSteps<T>(
  index: ClusterIndex,
  key: string,
  compute: () => Steps<T>,
): { steps(): Steps<T>; value(): T } {
  return index.memo(key, () => new SharedSteps(compute()));
}

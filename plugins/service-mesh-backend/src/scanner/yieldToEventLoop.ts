import { Steps } from '@meshwise/mesh-engine';

/**
 * The longest the scanner computes before it lets the backend serve other
 * requests. Small: a request needs a few turns of the event loop (accept,
 * read, answer), each may wait for one slice, and on a busy host a slice of
 * CPU takes several times as long.
 */
export const SLICE_MS = 2;

/**
 * A piece of work longer than this was one indivisible call (indexing a
 * cluster, assessing a large service): requests waited all through it.
 */
const LONG_PIECE_MS = 4 * SLICE_MS;

/**
 * Lets the event loop take one full turn (timers, then incoming requests)
 * before going on. Two `setImmediate`s: after an I/O callback (a page
 * received, a query answered) one alone resumes in the same turn, before
 * the loop polls for requests again.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(() => setImmediate(resolve)));
}

/**
 * Lets the requests that waited while a piece of work held the event loop
 * for `heldMs` run: one turn after a slice; after a longer piece, a few
 * turns, so a request that needs several (accept, read, answer) completes
 * before the next long piece instead of waiting for it too. Turns, not a
 * timer: a process that sleeps on a busy host waits long to run again.
 */
async function yieldAfter(heldMs: number): Promise<void> {
  const turns = heldMs < LONG_PIECE_MS ? 1 : 4;
  for (let turn = 0; turn < turns; turn++) await yieldToEventLoop();
}

/** Called between pieces of work; yields when the slice is used up. */
export type Pause = () => Promise<void>;

/**
 * A pause that yields to the event loop once `sliceMs` have passed since
 * its last yield, and costs nothing otherwise.
 */
export function timeSlicer(sliceMs: number = SLICE_MS): Pause {
  let since = performance.now();
  return async () => {
    const held = performance.now() - since;
    if (held < sliceMs) return;
    await yieldAfter(held);
    since = performance.now();
  };
}

/**
 * Runs the engine's steps (`Steps`: indexing a cluster, building its
 * workloads, pieces of well under a millisecond each) to the end, pausing
 * between them, and returns the result.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  pause: Pause,
): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * `items.filter(keep)`, pausing between items: for a check cheap on its own
 * but run over every entity of the catalog (hashing each ref to its shard
 * took 30 ms for 10,000).
 */
export async function filterInSlices<T>(
  items: readonly T[],
  keep: (item: T) => boolean,
  pause: Pause = timeSlicer(),
): Promise<T[]> {
  const kept: T[] = [];
  for (const item of items) {
    if (keep(item)) kept.push(item);
    await pause();
  }
  return kept;
}

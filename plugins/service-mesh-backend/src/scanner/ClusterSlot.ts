/**
 * The one place in a backend process for a cluster's state: whoever needs
 * a cluster read and indexed (a shard of a scan, a refresh, a migration
 * plan) takes turns here, so a replica holds at most one cluster's objects
 * at a time, whatever runs at once.
 */
export class ClusterSlot {
  #tail: Promise<void> = Promise.resolve();
  #holders = 0;
  #mostHolders = 0;

  /** Runs `work` once every earlier holder is done; in the order asked. */
  async use<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let done!: () => void;
    this.#tail = new Promise<void>(resolve => {
      done = resolve;
    });
    await previous;
    this.#holders += 1;
    this.#mostHolders = Math.max(this.#mostHolders, this.#holders);
    try {
      return await work();
    } finally {
      this.#holders -= 1;
      done();
    }
  }

  /** The most holders at once so far: 1, unless the slot is broken. */
  get mostHolders(): number {
    return this.#mostHolders;
  }
}

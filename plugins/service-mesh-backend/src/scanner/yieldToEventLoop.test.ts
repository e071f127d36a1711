import { filterInSlices, timeSlicer } from './yieldToEventLoop';

describe('filterInSlices', () => {
  it('keeps what filter keeps, and serves the event loop while it works', async () => {
    let turns = 0;
    let done = false;
    const turn = () => {
      turns += 1;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    const items = Array.from({ length: 200 }, (_, i) => i);
    const slow = (n: number) => {
      const until = performance.now() + 0.2;
      while (performance.now() < until) {
        // a check that takes a while, like hashing a ref
      }
      return n % 2 === 0;
    };

    const kept = await filterInSlices(items, slow, timeSlicer(2));
    done = true;

    expect(kept).toEqual(items.filter(n => n % 2 === 0));
    // About 40 ms of checks in 2 ms slices: the loop turned between them.
    expect(turns).toBeGreaterThan(5);
  });
});

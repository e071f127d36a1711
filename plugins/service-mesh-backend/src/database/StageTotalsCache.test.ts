import { StageTotalsCache } from './StageTotalsCache';

describe('StageTotalsCache', () => {
  let now = 0;
  let counts = 0;
  const count = (ready: number) => async () => {
    counts += 1;
    return { ready };
  };

  beforeEach(() => {
    now = 1_000;
    counts = 0;
  });

  function cache() {
    return new StageTotalsCache({ maxAgeMs: 10_000, now: () => now });
  }

  it('counts once per filter until the counts are older than maxAgeMs', async () => {
    const totals = cache();
    expect(await totals.get({ owner: ['a'] }, count(1))).toEqual({ ready: 1 });
    now += 10_000;
    expect(await totals.get({ owner: ['a'] }, count(2))).toEqual({ ready: 1 });
    expect(await totals.get({ owner: ['b'] }, count(3))).toEqual({ ready: 3 });
    expect(counts).toBe(2);

    now += 1;
    expect(await totals.get({ owner: ['a'] }, count(4))).toEqual({ ready: 4 });
    expect(counts).toBe(3);
  });

  it('counts again after a write', async () => {
    const totals = cache();
    await totals.get({}, count(1));
    totals.clear();
    expect(await totals.get({}, count(2))).toEqual({ ready: 2 });
    expect(counts).toBe(2);
  });

  it('does not keep a count that a write overlapped', async () => {
    const totals = cache();
    let finish: (value: { ready: number }) => void = () => {};
    const pending = totals.get(
      {},
      () =>
        new Promise(resolve => {
          finish = resolve;
        }),
    );
    totals.clear(); // a scan saved while the count ran
    finish({ ready: 1 });
    expect(await pending).toEqual({ ready: 1 });

    expect(await totals.get({}, count(2))).toEqual({ ready: 2 });
  });

  it('counts once for the requests that find the counts expired while they are counted', async () => {
    const totals = cache();
    await totals.get({}, count(1));
    now += 10_001;
    const finishers: ((value: { ready: number }) => void)[] = [];
    const slowCount = jest.fn(
      () => new Promise<{ ready: number }>(resolve => finishers.push(resolve)),
    );
    const waiting = [1, 2, 3].map(() => totals.get({}, slowCount));
    const otherFilter = totals.get({ stage: ['ready'] }, count(9));
    finishers.forEach(finish => finish({ ready: 2 }));

    expect(await Promise.all(waiting)).toEqual([
      { ready: 2 },
      { ready: 2 },
      { ready: 2 },
    ]);
    expect(slowCount).toHaveBeenCalledTimes(1);
    expect(await otherFilter).toEqual({ ready: 9 });
    expect(await totals.get({}, count(3))).toEqual({ ready: 2 });
  });

  it('counts anew for a request after a write, while an older count is under way', async () => {
    const totals = cache();
    let finish: (value: { ready: number }) => void = () => {};
    const before = totals.get(
      {},
      () =>
        new Promise(resolve => {
          finish = resolve;
        }),
    );
    totals.clear();
    const after = totals.get({}, count(2));
    finish({ ready: 1 });

    expect(await before).toEqual({ ready: 1 });
    expect(await after).toEqual({ ready: 2 });
  });

  it('keeps at most 200 filters, dropping the oldest', async () => {
    const totals = cache();
    for (let i = 0; i < 201; i++) await totals.get({ q: `s${i}` }, count(i));
    expect(counts).toBe(201);
    await totals.get({ q: 's200' }, count(-1));
    expect(counts).toBe(201);
    expect(await totals.get({ q: 's0' }, count(7))).toEqual({ ready: 7 });
  });
});

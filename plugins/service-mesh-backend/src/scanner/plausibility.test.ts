import { implausibleDrop } from './plausibility';

describe('implausibleDrop', () => {
  const baseline = { Pod: 40, Deployment: 10, Service: 10 };

  it('accepts a read close to the last good one, and any first read', () => {
    expect(
      implausibleDrop(baseline, { Pod: 38, Deployment: 10, Service: 9 }, 0.5),
    ).toBeUndefined();
    expect(implausibleDrop(undefined, {}, 0.5)).toBeUndefined();
  });

  it('doubts a read that lists nothing', () => {
    expect(implausibleDrop(baseline, {}, 0.5)).toBe(
      'the read listed no object, where the last good read had 60',
    );
  });

  it('doubts a read without pods while their controllers remain', () => {
    expect(
      implausibleDrop(baseline, { Deployment: 10, Service: 10 }, 0.9),
    ).toBe(
      'the read listed no pod, where the last good read had 40, while 10 workload controllers remain',
    );
  });

  it('doubts a drop larger than the configured share, not a smaller one', () => {
    expect(
      implausibleDrop(baseline, { Pod: 10, Deployment: 5, Service: 10 }, 0.5),
    ).toBe(
      'the read listed 25 objects, down from 60 in the last good read (more than 50% fewer)',
    );
    expect(
      implausibleDrop(baseline, { Pod: 10, Deployment: 5, Service: 10 }, 0.7),
    ).toBeUndefined();
  });
});

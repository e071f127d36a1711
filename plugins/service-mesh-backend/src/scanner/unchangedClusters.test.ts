import { sameVersions } from './unchangedClusters';

describe('sameVersions', () => {
  const versions = {
    lists: { 'v1 Pod': 'a', 'v1 Namespace': 'b' },
    kindCounts: { Pod: 2, Namespace: 1 },
  };

  it('holds for the same lists and counts, in any order', () => {
    expect(
      sameVersions(versions, {
        lists: { 'v1 Namespace': 'b', 'v1 Pod': 'a' },
        kindCounts: { Namespace: 1, Pod: 2 },
      }),
    ).toBe(true);
  });

  it('fails on any other digest, list or count', () => {
    const other = (change: object) => ({ ...versions, ...change });
    expect(sameVersions(versions, other({ lists: { 'v1 Pod': 'a' } }))).toBe(
      false,
    );
    expect(
      sameVersions(
        versions,
        other({ lists: { 'v1 Pod': 'x', 'v1 Namespace': 'b' } }),
      ),
    ).toBe(false);
    expect(
      sameVersions(
        versions,
        other({ lists: { ...versions.lists, 'v1 Service': 'c' } }),
      ),
    ).toBe(false);
    expect(
      sameVersions(versions, other({ kindCounts: { Pod: 3, Namespace: 1 } })),
    ).toBe(false);
  });
});

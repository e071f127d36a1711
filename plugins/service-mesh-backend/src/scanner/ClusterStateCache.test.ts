import { KubeObject } from '@meshwise/mesh-engine';
import { ClusterSnapshot, ClusterSource } from '../clusters/types';
import { ClusterStateCache } from './ClusterStateCache';

const source: ClusterSource = {
  name: 'eu',
  type: 'manifests',
  read: () => Promise.reject(new Error('not read in this test')),
};

function snapshot(objects: KubeObject[], unreadableKinds?: string[]) {
  const read: ClusterSnapshot = {
    cluster: 'eu',
    objects,
    readAt: new Date('2026-11-22T08:00:00Z'),
    warnings: [],
    stats: { listCalls: 0, bytes: 0 },
    ...(unreadableKinds ? { unreadableKinds } : {}),
  };
  return read;
}

const configMaps = (count: number, data: string): KubeObject[] =>
  Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `settings-${i}`, namespace: 'shop' },
    data: { value: data },
  }));

describe('ClusterStateCache', () => {
  it('indexes a read in slices, pausing between them', async () => {
    const cache = new ClusterStateCache();
    cache.sync([source]);
    let pauses = 0;
    const state = await cache.recordRead(
      snapshot(configMaps(3000, 'a')),
      { ConfigMap: 3000 },
      async () => {
        pauses++;
      },
    );
    expect(state.index!.list('ConfigMap')).toHaveLength(3000);
    // Thousands of objects are not indexed in one piece.
    expect(pauses).toBeGreaterThanOrEqual(10);
  });

  it('keeps the objects of a kind that failed to list, from its last good read', async () => {
    const cache = new ClusterStateCache();
    cache.sync([source]);
    const pause = async () => {};
    await cache.recordRead(
      snapshot(configMaps(2, 'a')),
      { ConfigMap: 2 },
      pause,
    );
    const state = await cache.recordRead(
      snapshot([], ['ConfigMap']),
      {},
      pause,
    );
    expect(state.index!.list('ConfigMap')).toHaveLength(2);
    expect(state.partialRead?.carriedOver).toHaveProperty('ConfigMap');
  });
});

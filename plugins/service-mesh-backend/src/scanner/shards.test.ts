import {
  allShards,
  inShard,
  shardLabel,
  shardMemo,
  shardOfCluster,
  WHOLE_SCAN,
} from './shards';

describe('shards', () => {
  it('assigns a cluster by a stable hash of its name alone', () => {
    // Pinned: a change would move clusters between shards on an upgrade.
    expect(
      ['prod', 'staging', 'eu-west-1', 'cluster-0'].map(name =>
        shardOfCluster(name, 4),
      ),
    ).toEqual([2, 3, 0, 1]);
    expect(shardOfCluster('prod', 10)).toBe(2);
    // Whatever else is configured or discovered.
    const names = Array.from({ length: 50 }, (_, i) => `cluster-${i}`);
    const once = names.map(name => shardOfCluster(name, 4));
    const again = [...names].reverse().map(name => shardOfCluster(name, 4));
    expect([...again].reverse()).toEqual(once);
  });

  it('answers as shardOfCluster when memoised, for any count', () => {
    const shardOf = shardMemo();
    const keys = ['prod', 'component:default/cart', 'cluster-7'];
    for (const count of [1, 4, 10, 4]) {
      expect(keys.map(key => shardOf(key, count))).toEqual(
        keys.map(key => shardOfCluster(key, count)),
      );
    }
  });

  it('puts every cluster in exactly one shard, spread over them all', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 800; i++) {
      const name = `c-${i}`;
      const shards = allShards(8).filter(shard => inShard(name, shard));
      expect(shards).toHaveLength(1);
      counts[shards[0].index] += 1;
    }
    // 100 each on average; a hash spreads them within a few tens.
    for (const count of counts) expect(count).toBeGreaterThan(70);
  });

  it('names shards; one shard is the scan of every cluster', () => {
    expect(shardOfCluster('anything', 1)).toBe(0);
    expect(inShard('anything', WHOLE_SCAN)).toBe(true);
    expect(shardLabel(WHOLE_SCAN)).toBeNull();
    expect(allShards(3).map(shardLabel)).toEqual(['1/3', '2/3', '3/3']);
  });
});

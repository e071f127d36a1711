import { ClusterSlot } from './ClusterSlot';

describe('ClusterSlot', () => {
  it('lets one holder in at a time, in the order asked, even when one fails', async () => {
    const slot = new ClusterSlot();
    const events: string[] = [];
    const hold = (name: string, ms: number, fail = false) =>
      slot.use(async () => {
        events.push(`in ${name}`);
        await new Promise(resolve => setTimeout(resolve, ms));
        events.push(`out ${name}`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([
      hold('a', 20),
      hold('b', 5, true),
      hold('c', 1),
    ]);
    expect(results.map(r => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(events).toEqual(['in a', 'out a', 'in b', 'out b', 'in c', 'out c']);
    expect(slot.mostHolders).toBe(1);
  });
});

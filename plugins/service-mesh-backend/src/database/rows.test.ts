import { rowBatches } from './rows';

async function collect<T>(batches: AsyncGenerator<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const batch of batches) result.push(batch);
  return result;
}

describe('rowBatches', () => {
  it('cuts a statement at the most rows or about the most bytes of JSON, pausing after each row', async () => {
    const pause = jest.fn(async () => {});
    const sizes = [10, 10, 10, 50, 10, 10, 10, 10, 10];
    const batches = await collect(
      rowBatches(
        sizes,
        size => ({ json: 'x'.repeat(size) }),
        row => row.json,
        { maxRows: 4, maxBytes: 60, pause },
      ),
    );

    // 10+10+10+50 passes 60 bytes; then four rows; then the last one.
    expect(batches.map(b => b.items)).toEqual([
      [10, 10, 10, 50],
      [10, 10, 10, 10],
      [10],
    ]);
    expect(batches[0].rows[3]).toEqual({ json: 'x'.repeat(50) });
    expect(pause).toHaveBeenCalledTimes(sizes.length);
  });

  it('yields nothing for no items', async () => {
    expect(
      await collect(
        rowBatches(
          [],
          () => ({}),
          () => '',
        ),
      ),
    ).toEqual([]);
  });
});

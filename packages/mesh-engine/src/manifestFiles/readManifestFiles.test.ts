import { ManifestCandidate, readManifestFiles } from './readManifestFiles';

/** An in-memory file that records whether it was read. */
function candidate(path: string, content: string) {
  const file = {
    path,
    reads: 0,
    size: () => content.length,
    read: async () => {
      file.reads++;
      return content;
    },
  };
  return file;
}

const namespace = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

describe('readManifestFiles', () => {
  it('never reads a file over maxFileBytes, and reports it', async () => {
    const small = candidate('a.yaml', namespace('a'));
    const large = candidate(
      'big.yaml',
      `${namespace('big')}${'#'.repeat(2048)}`,
    );

    const tree = await readManifestFiles([large, small], {
      maxFileBytes: 1024,
    });

    expect(tree.files).toEqual([{ path: 'a.yaml', content: namespace('a') }]);
    expect(tree.skipped).toEqual([
      {
        path: 'big.yaml',
        message:
          'skipped: 2.1 KiB is over the limit of 1.0 KiB per file (maxFileBytes)',
      },
    ]);
    expect(large.reads).toBe(0);
  });

  it('considers the first maxFiles candidates in the order given, and reports the rest once', async () => {
    const files = ['d', 'a', 'c', 'b', 'e'].map(name =>
      candidate(`${name}.yaml`, namespace(name)),
    );

    const tree = await readManifestFiles(files, { maxFiles: 2 });

    expect(tree.files.map(f => f.path)).toEqual(['a.yaml', 'd.yaml']);
    expect(tree.skipped).toEqual([
      {
        path: 'c.yaml',
        message:
          'skipped: over the limit of 2 files per source (maxFiles); 2 more files after it too',
      },
    ]);
    expect(files.map(f => f.reads)).toEqual([1, 1, 0, 0, 0]);
  });

  it('reports a file that cannot be read, and reads the others', async () => {
    const broken: ManifestCandidate = {
      path: 'broken.yaml',
      size: () => 10,
      read: () => Promise.reject(new Error('connection reset')),
    };

    const tree = await readManifestFiles([
      broken,
      candidate('a.yaml', namespace('a')),
    ]);

    expect(tree.files.map(f => f.path)).toEqual(['a.yaml']);
    expect(tree.skipped).toEqual([
      { path: 'broken.yaml', message: 'cannot read file: connection reset' },
    ]);
  });
});

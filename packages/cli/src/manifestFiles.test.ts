import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readManifestDirectory } from './manifestFiles';
import {
  BIN_DIR,
  BinaryRun,
  writeTempDirectory,
} from './__testUtils__/runBinary';

jest.setTimeout(120_000);

const pod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec: {containers: [{name: app, image: x}]}\n`;

/** `meshwise check` under a descriptor limit far below the number of files. */
function checkWithFewDescriptors(directory: string): Promise<BinaryRun> {
  const { INIT_CWD: _, ...env } = process.env;
  const command = `ulimit -n 512 && exec "${process.execPath}" "${join(
    BIN_DIR,
    'meshwise',
  )}" check "${directory}" --json`;
  return new Promise((done, fail) => {
    const child = spawn('/bin/sh', ['-c', command], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}

/** Issue 13, item 10: manifest reading is bounded. */
describe('reading a manifest directory', () => {
  it('reads 3,000 files with 512 descriptors (no EMFILE)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) {
      files[`team-${i % 30}/pod-${i}.yaml`] = pod(`pod-${i}`);
    }
    const dir = writeTempDirectory(files);
    try {
      const run = await checkWithFewDescriptors(dir.path);
      expect(run.stderr).not.toContain('EMFILE');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).workloads).toHaveLength(3000);
    } finally {
      dir.remove();
    }
  });

  it('skips a file over the size limit with a warning on stderr, and checks the rest', async () => {
    const dir = writeTempDirectory({
      'ok.yaml': pod('ok'),
      // 6 MiB of one document: over the 5 MiB default per file.
      'huge.yaml': `${pod('huge')}# ${'x'.repeat(6 * 1024 * 1024)}\n`,
    });
    try {
      const run = await checkWithFewDescriptors(dir.path);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        'meshwise check: warning: huge.yaml: skipped: 6.0 MiB is over the limit of 5.0 MiB per file (maxFileBytes)\n',
      );
      expect(
        JSON.parse(run.stdout).workloads.map((w: { id: string }) => w.id),
      ).toEqual(['Pod/shop/ok']);
    } finally {
      dir.remove();
    }
  });

  it('skips files with too many or too large documents, naming the limit', async () => {
    const dir = writeTempDirectory({
      'many.yaml': Array.from({ length: 10_001 }, (_, i) => pod(`p${i}`)).join(
        '---\n',
      ),
      'big-document.yaml': `${pod('a')}---\n${pod('b')}# ${'y'.repeat(
        2 * 1024 * 1024,
      )}\n`,
      'ok.yaml': pod('ok'),
    });
    try {
      const read = await readManifestDirectory(dir.path);
      expect(read).toEqual({
        directory: dir.path,
        files: [{ path: 'ok.yaml', content: pod('ok') }],
        skipped: [
          {
            path: 'big-document.yaml',
            message: expect.stringMatching(
              /^skipped: document 1 holds 2\.0 MiB, over the limit of 1\.5 MiB per document \(maxDocumentBytes\)$/,
            ),
          },
          {
            path: 'many.yaml',
            message:
              'skipped: more than 10000 YAML documents (maxDocumentsPerFile)',
          },
        ],
      });
    } finally {
      dir.remove();
    }
  });
});

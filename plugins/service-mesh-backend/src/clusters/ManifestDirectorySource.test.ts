import {
  buildClusterIndex,
  detectMesh,
  listWorkloads,
} from '@meshwise/mesh-engine';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ManifestDirectorySource } from './ManifestDirectorySource';

const ENROLLED = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: kuma-demo',
  '  labels: {kuma.io/sidecar-injection: enabled}',
].join('\n');
const UNLABELLED =
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: kuma-demo}';
const OPTED_OUT = ENROLLED.replace('enabled', 'disabled');

describe('ManifestDirectorySource: one object in several files', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'meshwise-manifests-'));
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  async function read(files: Record<string, string>) {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(directory, path, '..'), { recursive: true });
      await writeFile(join(directory, path), content);
    }
    return new ManifestDirectorySource({ name: 'gitops', directory }).read();
  }

  const namespaceLabels = (objects: { kind: string; metadata: any }[]) =>
    objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.labels);

  it.each([
    [
      'the enrolled file first',
      { '000-with-kuma.yaml': ENROLLED, 'base.yaml': UNLABELLED },
    ],
    [
      'the enrolled file last',
      { '000-base.yaml': UNLABELLED, 'with-kuma.yaml': ENROLLED },
    ],
  ])(
    'merges an unlabelled Namespace into the enrolled one, %s',
    async (_, files) => {
      const snapshot = await read(files);

      expect(snapshot.warnings).toEqual([]);
      expect(namespaceLabels(snapshot.objects)).toEqual([
        { 'kuma.io/sidecar-injection': 'enabled' },
      ]);
    },
  );

  it.each([
    ['a/enabled.yaml', 'b/disabled.yaml', 'disabled'],
    ['b/enabled.yaml', 'a/disabled.yaml', 'enabled'],
  ])(
    'warns when %s and %s disagree, and uses the later path',
    async (enabledPath, disabledPath, used) => {
      const snapshot = await read({
        [enabledPath]: ENROLLED,
        [disabledPath]: OPTED_OUT,
      });

      expect(namespaceLabels(snapshot.objects)).toEqual([
        { 'kuma.io/sidecar-injection': used },
      ]);
      expect(snapshot.warnings).toHaveLength(1);
      expect(snapshot.warnings[0].reason).toBe('conflicting-manifests');
      expect(snapshot.warnings[0].message).toContain(enabledPath);
      expect(snapshot.warnings[0].message).toContain(disabledPath);
      expect(snapshot.warnings[0].message).toContain(
        'metadata.labels["kuma.io/sidecar-injection"]',
      );
    },
  );
});

/** The public fixtures shared by the engine's real-world tests. */
const KUMA_DEMO = resolve(
  process.env.MESHWISE_FIXTURES_DIR ??
    resolve(__dirname, '../../../../../shared/fixtures'),
  'kuma-counter-demo',
);
const describeFixture = existsSync(KUMA_DEMO) ? describe : describe.skip;

describeFixture('ManifestDirectorySource on the Kuma counter demo', () => {
  it('keeps kuma-demo enrolled, whatever base.yaml says after 000-with-kuma.yaml', async () => {
    const snapshot = await new ManifestDirectorySource({
      name: 'kuma-demo',
      directory: KUMA_DEMO,
    }).read();

    expect(snapshot.warnings).toEqual([]);
    const index = buildClusterIndex(snapshot.objects);
    const demoApp = listWorkloads(index).find(
      w => w.id === 'Deployment/kuma-demo/demo-app',
    )!;
    expect(detectMesh(demoApp, index)).toMatchObject({
      mesh: 'kuma',
      state: 'enrolled',
    });
  });
});

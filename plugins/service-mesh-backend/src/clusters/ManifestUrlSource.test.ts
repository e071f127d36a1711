import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ManifestReadLimits } from '@meshwise/mesh-engine';
import {
  FakeGitHubRepository,
  GITHUB_HOST,
} from '../__testUtils__/fakeGitHubRepository';
import { ManifestUrlSource } from './ManifestUrlSource';
import { ClusterReadError } from './types';

const TOKEN = 'ghp-integration-secret';

const namespace = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;
const deployment = (name: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec: {containers: [{name: app, image: "acme/app:1"}]}',
    '',
  ].join('\n');
/** A ConfigMap of about 8 KiB: over the 4 KiB limit set below. */
const oversized = () =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: huge, namespace: shop}',
    'data:',
    ...Array.from({ length: 200 }, (_, i) => `  key-${i}: "${'v'.repeat(30)}"`),
    '',
  ].join('\n');

const REPOSITORY = {
  'k8s/namespace.yaml': namespace('shop'),
  'k8s/apps/cart.yaml': deployment('cart'),
  'k8s/apps/orders.yml': deployment('orders'),
  'k8s/apps/huge.yaml': oversized(),
  // Not manifests of this source: outside the URL's path, hidden, not YAML.
  'other/billing.yaml': deployment('billing'),
  'k8s/.github/workflow.yaml': deployment('workflow'),
  'k8s/README.md': '# deploy',
};

describe('ManifestUrlSource through Backstage’s GitHub reader', () => {
  let repo: FakeGitHubRepository;
  const logger = mockServices.logger.mock();

  beforeEach(async () => {
    repo = await new FakeGitHubRepository({
      token: TOKEN,
      files: REPOSITORY,
    }).start();
  });
  afterEach(() => repo.stop());

  /** Paths of the files the reader loaded (its `files()`), last read. */
  let loaded: string[] = [];
  const reader = (token = TOKEN): UrlReaderService => {
    const real = UrlReaders.default({
      logger,
      config: new ConfigReader({
        integrations: {
          github: [{ host: GITHUB_HOST, apiBaseUrl: repo.apiBaseUrl, token }],
        },
      }),
    });
    return {
      readUrl: real.readUrl.bind(real),
      search: real.search.bind(real),
      readTree: async (url, options) => {
        const response = await real.readTree(url, options);
        return {
          etag: response.etag,
          archive: () => response.archive(),
          dir: dirOptions => response.dir(dirOptions),
          files: async () => {
            const files = await response.files();
            loaded = files.map(file => file.path);
            return files;
          },
        };
      },
    };
  };

  const source = (
    options: {
      url?: string;
      token?: string;
      limits?: Partial<ManifestReadLimits>;
      timeoutMs?: number;
    } = {},
  ) =>
    new ManifestUrlSource({
      name: 'gitops',
      url: options.url ?? repo.treeUrl('main', 'k8s'),
      reader: reader(options.token),
      limits: options.limits ?? { maxFileBytes: 4096 },
      timeoutMs: options.timeoutMs,
    });

  const names = (objects: { kind: string; metadata: { name: string } }[]) =>
    objects.map(o => `${o.kind}/${o.metadata.name}`).sort();

  const readError = async (read: Promise<unknown>) => {
    const error = await read.then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(ClusterReadError);
    return (error as ClusterReadError).problem;
  };

  it('reads the manifests under the URL, with the integration’s token, and reports the oversized file', async () => {
    const snapshot = await source().read();

    expect(names(snapshot.objects)).toEqual([
      'Deployment/cart',
      'Deployment/orders',
      'Namespace/shop',
    ]);
    expect(snapshot.warnings).toEqual([
      {
        reason: 'manifest-limit',
        message: expect.stringMatching(
          /^apps\/huge\.yaml: skipped: 8\.\d KiB is over the limit of 4\.0 KiB per file \(maxFileBytes\)$/,
        ),
      },
    ]);
    expect(snapshot.stats.bytes).toBeGreaterThan(0);
    // The oversized file was never held in memory.
    expect(loaded.sort()).toEqual([
      'apps/cart.yaml',
      'apps/orders.yml',
      'namespace.yaml',
    ]);
    expect(repo.requests).toEqual([
      '/repos/acme/deploy/commits/main/status',
      `/repos/acme/deploy/tarball/${repo.sha}`,
    ]);
  });

  it('applies the document limits and maxFiles, each skipped file a warning', async () => {
    repo.setFiles({
      'k8s/a.yaml': namespace('a'),
      'k8s/b.yaml': `${namespace('b')}---\n${namespace('b2')}---\n${namespace(
        'b3',
      )}`,
      'k8s/c.yaml': namespace('c'),
      'k8s/d.yaml': namespace('d'),
      'k8s/e.yaml': namespace('e'),
    });

    const snapshot = await source({
      limits: { maxFiles: 3, maxDocumentsPerFile: 2 },
    }).read();

    expect(names(snapshot.objects)).toEqual(['Namespace/a', 'Namespace/c']);
    // Nothing past maxFiles was loaded.
    expect(loaded).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(snapshot.warnings.map(w => w.message)).toEqual([
      'b.yaml: skipped: more than 2 YAML documents (maxDocumentsPerFile)',
      'd.yaml: skipped: over the limit of 3 files per source (maxFiles); 1 more file after it too',
    ]);
  });

  it('downloads the archive again only when the branch has moved', async () => {
    const gitops = source();
    const first = await gitops.read();
    const again = await gitops.read();

    expect(repo.archiveDownloads()).toBe(1);
    expect(again.objects).toEqual(first.objects);
    expect(again.warnings).toEqual(first.warnings);
    expect(again.readAt.getTime()).toBeGreaterThanOrEqual(
      first.readAt.getTime(),
    );

    repo.setFiles({ 'k8s/namespace.yaml': namespace('payments') });
    const moved = await gitops.read();

    expect(repo.archiveDownloads()).toBe(2);
    expect(names(moved.objects)).toEqual(['Namespace/payments']);
  });

  it('warns when nothing under the URL is a manifest', async () => {
    const snapshot = await source({
      url: repo.treeUrl('main', 'docs'),
    }).read();

    expect(snapshot.objects).toEqual([]);
    expect(snapshot.warnings).toEqual([
      {
        reason: 'configuration',
        message: `Manifest source gitops: no manifest files (*.yaml, *.yml, *.json) under ${repo.treeUrl(
          'main',
          'docs',
        )}; check the path of the url`,
      },
    ]);
  });

  it.each([
    [
      404,
      'configuration',
      /cannot read https:\/\/github\.test\/acme\/deploy\/tree\/main\/k8s: not found \(404\); check the repository, branch and path of the url/,
    ],
    [
      500,
      'server-error',
      /cannot read https:\/\/github\.test\/acme\/deploy\/tree\/main\/k8s: the host answered 500 \(Request failed for http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/deploy\/commits\/main\/status\?per_page=0, 500 Internal Server Error\)/,
    ],
    [
      403,
      'forbidden',
      /permission denied or rate limited \(403\); check the token of the integration for github\.test/,
    ],
  ])(
    'turns a %s from the host into a ClusterReadError that says what to check',
    async (status, reason, message) => {
      repo.failWith = status;

      const problem = await readError(source().read());

      expect(problem.reason).toBe(reason);
      expect(problem.message).toMatch(message);
      expect(problem.message).toMatch(/^Manifest source gitops: /);
      expect(JSON.stringify(problem)).not.toContain(TOKEN);
    },
  );

  it('reports rejected credentials as unauthorized, without the token', async () => {
    const problem = await readError(source({ token: 'ghp-revoked' }).read());

    expect(problem).toMatchObject({
      reason: 'unauthorized',
      message: expect.stringContaining(
        'the host rejected the credentials (401); check the token of the integration for github.test',
      ),
    });
    expect(JSON.stringify(problem)).not.toContain('ghp-revoked');
  });

  it('reports a host no integration covers as a configuration problem', async () => {
    const problem = await readError(
      source({
        url: 'https://git.example.org/acme/deploy/tree/main/k8s',
      }).read(),
    );

    expect(problem).toMatchObject({
      reason: 'configuration',
      message: expect.stringContaining(
        'no integration reads git.example.org; configure one under integrations',
      ),
    });
  });

  it('reports an unreachable host and a host that never answers', async () => {
    const gitops = source({ timeoutMs: 500 });
    await gitops.read();
    repo.hang = true;
    expect(await readError(gitops.read())).toMatchObject({
      reason: 'timeout',
      message: expect.stringContaining('the read timed out'),
    });

    await repo.stop();
    expect(await readError(gitops.read())).toMatchObject({
      reason: 'unreachable',
      message: expect.stringMatching(
        /cannot read https:\/\/github\.test\/acme\/deploy\/tree\/main\/k8s: the read failed \(.*ECONNREFUSED/,
      ),
    });
  });
});

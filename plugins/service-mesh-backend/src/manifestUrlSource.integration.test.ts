import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  FakeGitHubRepository,
  GITHUB_HOST,
} from './__testUtils__/fakeGitHubRepository';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend } from './__testUtils__/scanBackend';
import { serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const TOKEN = 'ghp-integration-secret';

/** `cart` as a GitOps repository holds it: namespace, Deployment, Service. */
const CART = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: shop}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: cart, namespace: shop, labels: {backstage.io/kubernetes-id: cart}}',
  'spec:',
  '  selector: {matchLabels: {app: cart}}',
  '  template:',
  '    metadata: {labels: {app: cart, backstage.io/kubernetes-id: cart}}',
  '    spec: {containers: [{name: app, image: "acme/cart:1", ports: [{containerPort: 8080}]}]}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: cart, namespace: shop}',
  'spec: {selector: {app: cart}, ports: [{name: http, port: 80, targetPort: 8080}]}',
  '',
].join('\n');

/** A ConfigMap of about 40 KiB, over the 16 KiB limit configured below. */
const HUGE = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: huge, namespace: shop}',
  'data:',
  ...Array.from({ length: 1000 }, (_, i) => `  key-${i}: "${'v'.repeat(30)}"`),
  '',
].join('\n');

/** Every message the plugin (and its urlReader) logs, with its fields. */
function recordingLogger() {
  const lines: string[] = [];
  const logger: LoggerService = {
    error: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
    warn: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
    info: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
    debug: (message, meta) => lines.push(`${message} ${JSON.stringify(meta)}`),
    child: () => logger,
  };
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
  return { lines, factory };
}

/**
 * Issue 15, item 3: a manifest source given by a repository URL is read
 * through the backend's urlReader with the app's integrations config, and a
 * repository that stops answering leaves the stored assessments in place.
 */
describe('a manifest source read from a repository URL', () => {
  let repo: FakeGitHubRepository;
  beforeEach(async () => {
    repo = await new FakeGitHubRepository({
      token: TOKEN,
      files: {
        'clusters/prod/shop/cart.yaml': CART,
        'clusters/prod/shop/huge.yaml': HUGE,
        'clusters/staging/shop/cart.yaml': CART.replace('cart:1', 'cart:2'),
      },
    }).start();
  });
  afterEach(() => repo.stop());

  reportSkippedDatabases(skipped);

  const config = (source: object) => ({
    integrations: {
      github: [
        { host: GITHUB_HOST, apiBaseUrl: repo.apiBaseUrl, token: TOKEN },
      ],
    },
    serviceMesh: {
      manifestSources: [{ name: 'gitops', ...source }],
      manifests: { maxFileBytes: 16 * 1024 },
    },
  });

  const start = (knex: Knex, logger: ReturnType<typeof recordingLogger>) =>
    startScanBackend({
      knex,
      // Unused: the config names the manifest source only.
      api: undefined as unknown as FakeKubernetesApi,
      entities: [serviceEntity('cart', { id: 'cart', cluster: 'gitops' })],
      config: config({ url: repo.treeUrl('main', 'clusters/prod') }),
      extraFeatures: [logger.factory],
    });

  it.each(ids)(
    'is assessed, and keeps its assessment, marked stale, when the host answers 500 or 404 (%s)',
    async id => {
      const knex = await databases.init(id);
      const logger = recordingLogger();
      const backend = await start(knex, logger);

      await backend.scan();

      const { body: clusters } = await backend.get('/clusters');
      expect(clusters.items).toEqual([
        expect.objectContaining({
          cluster: 'gitops',
          type: 'manifests',
          status: 'ok',
          // Namespace, Deployment and Service of prod only.
          objectCount: 3,
          warnings: [
            expect.stringMatching(
              /^shop\/huge\.yaml: skipped: \d+\.\d KiB is over the limit of 16\.0 KiB per file \(maxFileBytes\)$/,
            ),
          ],
        }),
      ]);
      const assessment = async () =>
        (await backend.get('/entities/component/default/cart/assessment')).body;
      const assessed = await assessment();
      expect(assessed.stage).toBe('ready');
      expect(assessed.clusters).toEqual([
        expect.objectContaining({ cluster: 'gitops', stale: false }),
      ]);

      for (const [status, says] of [
        [500, 'the host answered 500'],
        [404, 'not found (404); check the repository, branch and path'],
      ] as const) {
        repo.failWith = status;
        await backend.scan();

        const { body: failing } = await backend.get('/clusters');
        expect(failing.items).toEqual([
          expect.objectContaining({
            cluster: 'gitops',
            status: 'stale',
            objectCount: 3,
            error: expect.stringContaining(
              `Manifest source gitops: cannot read ${repo.treeUrl(
                'main',
                'clusters/prod',
              )}: ${says}`,
            ),
          }),
        ]);
        const kept = await assessment();
        expect(kept.stage).toBe('ready');
        expect(kept.clusters).toEqual([
          expect.objectContaining({ cluster: 'gitops', stale: true }),
        ]);
        expect(JSON.stringify([failing, kept])).not.toContain(TOKEN);
      }
      const { body: scans } = await backend.get('/scans');
      expect(scans.items[0].status).toBe('partial');

      // A restart while the repository still fails: the stored assessment stays.
      const restarted = await start(knex, logger);
      await restarted.scan();
      const { body: afterRestart } = await restarted.get(
        '/entities/component/default/cart/assessment',
      );
      expect(afterRestart.stage).toBe('ready');

      // Once the host answers again, the source is read afresh.
      repo.failWith = undefined;
      await restarted.scan();
      const { body: recovered } = await restarted.get('/clusters');
      expect(recovered.items[0]).toMatchObject({ status: 'ok' });

      expect(logger.lines.join('\n')).toContain(
        'Cluster gitops could not be read (configuration)',
      );
      expect(logger.lines.join('\n')).not.toContain(TOKEN);
    },
  );

  it('stops the start when a source sets both directory and url, naming the fields', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      startScanBackend({
        knex,
        api: undefined as unknown as FakeKubernetesApi,
        entities: [],
        config: config({
          directory: '/srv/gitops',
          url: repo.treeUrl('main', 'clusters/prod'),
        }),
      }),
    ).rejects.toThrow(
      'serviceMesh.manifestSources[0] (gitops): set either serviceMesh.manifestSources[0].directory or serviceMesh.manifestSources[0].url, not both',
    );
  });
});

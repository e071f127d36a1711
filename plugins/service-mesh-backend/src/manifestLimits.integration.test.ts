import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeKubernetesApi } from './__testUtils__/fakeKubernetesApi';
import { startScanBackend } from './__testUtils__/scanBackend';
import { serviceEntity } from './__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(180_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const FILES = 2000;
/** Every tenth file is a service; the others hold accounts and bindings-like config. */
const isApp = (i: number) => i % 10 === 0;
const account = (i: number) =>
  [
    'apiVersion: v1',
    'kind: ServiceAccount',
    `metadata: {name: sa-${i}, namespace: shop}`,
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    `metadata: {name: settings-${i}, namespace: shop}`,
    `data: {owner: team-${i % 20}, tier: backend}`,
    '',
  ].join('\n');
/** One service per file, as in a GitOps repository: a Deployment and its Service. */
const app = (i: number) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: app-${i}, namespace: shop, labels: {backstage.io/kubernetes-id: app-${i}}}`,
    'spec:',
    `  selector: {matchLabels: {app: app-${i}}}`,
    '  template:',
    `    metadata: {labels: {app: app-${i}, backstage.io/kubernetes-id: app-${i}}}`,
    '    spec: {containers: [{name: app, image: "acme/app:1", ports: [{containerPort: 8080}]}]}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: app-${i}, namespace: shop}`,
    `spec: {selector: {app: app-${i}}, ports: [{name: http, port: 80, targetPort: 8080}]}`,
    '',
  ].join('\n');

/** A ConfigMap of ~3 MiB of YAML entries: slow to parse, over the 1 MiB set below. */
function oversized(): string {
  const lines = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: huge, namespace: shop}',
    'data:',
  ];
  for (let i = 0; lines.length < 80_000; i++)
    lines.push(`  key-${i}: "value ${i} ${'v'.repeat(20)}"`);
  return `${lines.join('\n')}\n`;
}

/**
 * Issue 13, item 10: a manifest source of many files and one oversized file
 * is read within bounds: the oversized file is skipped with a warning, and
 * `/health` answers within 100 ms all through the scan.
 */
describe('a large manifest directory', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'meshwise-big-'));
    for (let i = 0; i < FILES; i++) {
      const team = join(directory, `team-${i % 20}`);
      await mkdir(team, { recursive: true });
      await writeFile(
        join(team, `file-${i}.yaml`),
        isApp(i) ? app(i) : account(i),
      );
    }
    await writeFile(join(directory, 'huge.yaml'), oversized());
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  reportSkippedDatabases(skipped);

  it.each(ids)(
    'is scanned with /health answering within 100 ms (p95), the oversized file skipped with a warning (%s)',
    async id => {
      const knex = await databases.init(id);
      const backend = await startScanBackend({
        knex,
        // Unused: the config below names the manifest source only.
        api: undefined as unknown as FakeKubernetesApi,
        entities: [
          serviceEntity('app-70', { id: 'app-70', cluster: 'gitops' }),
        ],
        config: {
          serviceMesh: {
            manifestSources: [{ name: 'gitops', directory }],
            manifests: { maxFileBytes: 1024 * 1024 },
          },
        },
      });

      // The first request compiles the router's OpenAPI validators: a
      // start-up cost, not what this test measures.
      await request(backend.server).get('/api/service-mesh/health');

      let scanning = true;
      const scan = backend.scan().finally(() => {
        scanning = false;
      });
      const latencies: number[] = [];
      while (scanning) {
        const started = performance.now();
        const { status } = await request(backend.server).get(
          '/api/service-mesh/health',
        );
        latencies.push(performance.now() - started);
        expect(status).toBe(200);
      }
      await scan;

      // Polled all through the scan, not once after it. The reader yields
      // after every file: 95% of answers come within 100 ms. The slowest is
      // bounded looser, because the test shares two cores with other suites
      // and a GC pause; the unbounded reader blocked for seconds at a time.
      expect(latencies.length).toBeGreaterThan(10);
      const sorted = [...latencies].sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(100);
      expect(sorted[sorted.length - 1]).toBeLessThan(300);

      const { body: clusters } = await backend.get('/clusters');
      expect(clusters.items[0]).toMatchObject({
        cluster: 'gitops',
        status: 'ok',
        objectCount: 2 * FILES,
        warnings: [
          expect.stringMatching(
            /^huge\.yaml: skipped: 3\.\d MiB is over the limit of 1\.0 MiB per file \(maxFileBytes\)$/,
          ),
        ],
      });
      const { body: assessed } = await backend.get(
        '/entities/component/default/app-70/assessment',
      );
      expect(assessed.stage).toBe('ready');
    },
  );
});

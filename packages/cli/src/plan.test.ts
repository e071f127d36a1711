import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  MIGRATION_TARGETS,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  buildClusterIndex,
  generateMigrationPlan,
  ManifestFile,
  parseManifests,
  selectWorkloads,
} from '@meshwise/mesh-engine';
import { runBinary, writeTempDirectory } from './__testUtils__/runBinary';

/**
 * `meshwise plan` through the real launcher (bin/meshwise): what a GitOps
 * pipeline runs. The plan's content belongs to the generator and changes with
 * it; these tests hold the command to "prints what generateMigrationPlan
 * returns for the same input", and to its messages and exit codes.
 */
jest.setTimeout(60_000);

const deployment = (name: string, namespace: string, podSecurity = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, version: v1}}`,
    `    spec: {${podSecurity}containers: [{name: app, image: x, ports: [{containerPort: 8080}]}]}`,
    '---',
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    `spec: {selector: {app: ${name}}, ports: [{port: 80, targetPort: 8080, name: http}]}`,
  ].join('\n');

const SHOP = {
  'cart/deploy.yaml': deployment(
    'cart',
    'shop',
    'securityContext: {runAsUser: 1337}, ',
  ),
  'catalog.yml': deployment('catalog', 'shop'),
  'other/catalog.yaml': deployment('catalog', 'staging'),
  'broken.yaml': 'kind: [',
  'README.md': '# not a manifest',
};

/** The plan the backend would build from the same files (MeshScanner.migrationPlan). */
function expectedPlan(
  files: readonly ManifestFile[],
  labelSelector: string,
  target: MigrationTarget,
  namespace?: string,
  service?: string,
) {
  const index = buildClusterIndex(parseManifests(files).objects);
  const workloads = selectWorkloads(index, { labelSelector, namespace });
  const assessment = assessService(workloads, index, {
    targetMesh: target === 'gateway-api' ? undefined : target,
  });
  const plan = generateMigrationPlan({
    workloads,
    index,
    assessment,
    target,
    service: service ? { name: service } : undefined,
  });
  return JSON.parse(JSON.stringify(plan));
}

function readManifests(directory: string): ManifestFile[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter(entry => !entry.startsWith('.'))
          .flatMap(entry => walk(join(path, entry)))
      : [path];
  return walk(directory)
    .filter(path => /\.(ya?ml|json|yaml\.template)$/i.test(path))
    .sort()
    .map(path => ({
      path: relative(directory, path),
      content: readFileSync(path, 'utf8'),
    }));
}

/** Every document of the plan's multi-document YAML. */
const yamlDocuments = (yaml: string) =>
  yaml
    .split(/^---\n/m)
    .filter(Boolean)
    .map(document => `---\n${document}`.trimEnd());

describe('meshwise plan on a directory of manifests', () => {
  const shop = writeTempDirectory(SHOP);
  const files = readManifests(shop.path);
  afterAll(() => shop.remove());

  it('--json prints what generateMigrationPlan returns for the selected workloads', async () => {
    const run = await runBinary('meshwise', [
      'plan',
      shop.path,
      '--selector',
      'app=catalog',
      '--namespace',
      'shop',
      '--target',
      'linkerd',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toEqual(
      expectedPlan(files, 'app=catalog', 'linkerd', 'shop'),
    );
    // --namespace narrowed: the staging copy of catalog is not in the plan.
    expect(printed.yaml).not.toContain('staging');
  });

  it('prints each step in order with its commands and YAML, then the manual actions', async () => {
    const run = await runBinary('meshwise', [
      'plan',
      shop.path,
      '--selector=app=cart',
      '--target=istio-sidecar',
    ]);
    expect(run.code).toBe(0);
    const plan = expectedPlan(files, 'app=cart', 'istio-sidecar');
    expect(plan.steps.length).toBeGreaterThan(1);
    expect(plan.steps.some((s: any) => s.manifests.length > 0)).toBe(true);

    const out = run.stdout;
    const positions = plan.steps.map((step: any) =>
      out.indexOf(`Step ${step.order} (${step.kind}): ${step.title}\n`),
    );
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const step of plan.steps) {
      expect(out).toContain(step.explanation.split('\n')[0]);
      for (const command of step.commands ?? [])
        expect(out).toContain(`$ ${command}`);
    }
    for (const document of yamlDocuments(plan.yaml))
      expect(out).toContain(document);
    const actions = out.indexOf(
      `Manual actions (${plan.manualActions.length}):`,
    );
    expect(actions).toBeGreaterThan(positions[positions.length - 1]);
    for (const action of plan.manualActions) {
      expect(out).toContain(action.what);
      expect(out).toContain(`why: ${action.why}`);
      expect(out).toContain(`source: ${action.source}`);
    }
  });

  it('--service names the service as the entity name does in the Mesh tab (--format json)', async () => {
    const run = await runBinary('meshwise', [
      'plan',
      shop.path,
      '--selector',
      'app=cart',
      '--target',
      'cilium',
      '--service',
      'shopping-cart',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.service).toBe('shopping-cart');
    expect(printed).toEqual(
      expectedPlan(files, 'app=cart', 'cilium', undefined, 'shopping-cart'),
    );
  });

  it('puts parse findings on stderr as warnings, never on stdout', async () => {
    const run = await runBinary('meshwise', [
      'plan',
      shop.path,
      '--selector',
      'app=cart',
      '--target',
      'kuma',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const { findings } = parseManifests(files);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(run.stderr).toContain(
        `meshwise plan: warning: ${finding.file} document ${finding.documentIndex}`,
      );
      expect(run.stderr).toContain(finding.message);
    }
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('reports every conflict between files the parser finds, in both file orders', async () => {
    // The same Service defined twice: whatever rule the parser applies, its
    // findings reach stderr, and the plan is the generator's for that input.
    const service = (port: number) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec: {selector: {app: cart}, ports: [{port: ${port}, targetPort: 8080, name: http}]}\n`;
    for (const order of [
      ['a.yaml', 'b.yaml'],
      ['b.yaml', 'a.yaml'],
    ]) {
      const dir = writeTempDirectory({
        'deploy.yaml': deployment('cart', 'shop'),
        [order[0]]: service(80),
        [order[1]]: service(81),
      });
      try {
        const run = await runBinary('meshwise', [
          'plan',
          dir.path,
          '--selector',
          'app=cart',
          '--target',
          'gateway-api',
          '--json',
        ]);
        const dirFiles = readManifests(dir.path);
        expect(run.code).toBe(0);
        for (const finding of parseManifests(dirFiles).findings)
          expect(run.stderr).toContain(finding.message);
        expect(JSON.parse(run.stdout)).toEqual(
          expectedPlan(dirFiles, 'app=cart', 'gateway-api'),
        );
      } finally {
        dir.remove();
      }
    }
  });
});

describe('meshwise plan input errors: exit 2 and say what to do', () => {
  const shop = writeTempDirectory(SHOP);
  const empty = writeTempDirectory({ 'notes.txt': 'no manifests here' });
  const noObjects = writeTempDirectory({ 'values.yaml': '' });
  const noWorkloads = writeTempDirectory({
    'svc.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n',
  });
  afterAll(() =>
    [shop, empty, noObjects, noWorkloads].forEach(d => d.remove()),
  );

  const valid = ['--selector', 'app=cart', '--target', 'linkerd'];
  const missing = () => join(shop.path, 'missing');
  const cases: Array<[string, () => string[], Array<() => string | RegExp>]> = [
    [
      'no such directory',
      () => [missing(), ...valid],
      [
        () => `${missing()} does not exist`,
        () => "give the directory of the service's manifests",
      ],
    ],
    [
      'a file instead of a directory',
      () => [join(shop.path, 'catalog.yml'), ...valid],
      [() => 'is not a directory'],
    ],
    [
      'no manifest files',
      () => [empty.path, ...valid],
      [
        () =>
          `no manifest files (*.yaml, *.yml, *.yaml.template, *.json) under ${empty.path}`,
      ],
    ],
    [
      'manifest files without any object',
      () => [noObjects.path, ...valid],
      [() => 'no Kubernetes objects'],
    ],
    [
      'manifests without workloads',
      () => [noWorkloads.path, ...valid],
      [
        () => 'no workload matches --selector app=cart',
        () => /the manifests hold no workload \(Deployment, /,
      ],
    ],
    [
      'a selector matching nothing lists the selectors that exist',
      () => [shop.path, '--selector', 'app=checkout', '--target', 'linkerd'],
      [
        () => 'no workload matches --selector app=checkout',
        () => '--selector app=cart --namespace shop   # Deployment/shop/cart',
        () =>
          '--selector app=catalog --namespace shop   # Deployment/shop/catalog',
        () => '--selector app=catalog --namespace staging',
      ],
    ],
    [
      'a namespace where the selector matches nothing names where it does',
      () => [shop.path, ...valid, '--namespace', 'staging'],
      [
        () => 'no workload matches --selector app=cart in namespace staging',
        () =>
          'It matches workloads in namespace shop: use --namespace shop or leave --namespace out.',
      ],
    ],
    [
      'a malformed selector',
      () => [shop.path, '--selector', 'app in (cart', '--target', 'linkerd'],
      [
        () => 'Invalid label selector "app in (cart"',
        () => 'e.g. --selector app=cart',
      ],
    ],
    [
      'an unknown target lists the valid ones',
      () => [shop.path, '--selector', 'app=cart', '--target', 'aws-app-mesh'],
      [
        () => 'unknown target "aws-app-mesh"; use one of:',
        ...MIGRATION_TARGETS.map(
          target => () =>
            new RegExp(
              `^  ${target.id} +${target.label.replace(/[()]/g, '\\$&')}$`,
              'm',
            ),
        ),
      ],
    ],
    [
      'missing --target',
      () => [shop.path, '--selector', 'app=cart'],
      [
        () =>
          `missing --target <target> (one of ${MIGRATION_TARGETS.map(
            t => t.id,
          ).join(', ')})`,
      ],
    ],
    [
      'missing --selector',
      () => [shop.path, '--target', 'linkerd'],
      [() => 'missing --selector <labels>'],
    ],
    [
      'a format plan does not print (SARIF is for check findings)',
      () => [shop.path, ...valid, '--format', 'sarif'],
      [() => 'unknown format "sarif"; use one of text, json'],
    ],
    [
      'an empty --selector',
      () => [shop.path, '--target', 'linkerd', '--selector', ''],
      [() => '--selector needs a value'],
    ],
  ];

  it.each(cases)('%s', async (_, args, messages) => {
    const run = await runBinary('meshwise', ['plan', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const message of messages) expect(run.stderr).toMatch(message());
  });
});

/** The FIXTURES_DIR convention of src/engine/realWorld.test.ts. */
const FIXTURES_DIR =
  process.env.MESHWISE_FIXTURES_DIR ??
  resolve(__dirname, '../../../../shared/fixtures');
const HOWTO = join(FIXTURES_DIR, 'appmesh-howto/howto-k8s-http-headers');
const haveHowto = existsSync(HOWTO);
if (!haveHowto) {
  // eslint-disable-next-line no-console
  console.warn(
    `meshwise plan on the App Mesh walkthrough SKIPPED: ${HOWTO} not found (set MESHWISE_FIXTURES_DIR)`,
  );
}

(haveHowto ? describe : describe.skip)(
  `meshwise plan on ${
    haveHowto ? HOWTO : 'the App Mesh walkthrough (SKIPPED: fixtures not found)'
  }`,
  () => {
    it.each(['gateway-api', 'istio-sidecar', 'linkerd'] as const)(
      '--target %s prints the generator plan for app=front',
      async target => {
        const run = await runBinary('meshwise', [
          'plan',
          HOWTO,
          '--selector',
          'app=front',
          '--target',
          target,
          '--json',
        ]);
        expect(run.code).toBe(0);
        const printed = JSON.parse(run.stdout);
        expect(printed).toEqual(
          expectedPlan(readManifests(HOWTO), 'app=front', target),
        );
        expect(printed).toMatchObject({ target, service: 'front' });
      },
    );
  },
);

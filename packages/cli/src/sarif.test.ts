import { findReadinessCheck, ManifestFile } from '@meshwise/mesh-engine';
import packageJson from '../package.json';
import { sarifSchemaErrors } from './__testUtils__/sarifSchema';
import { buildCheckReport } from './report';
import { checkReportSarif, FINGERPRINT_KEY } from './sarif';

const CART = [
  '# cart: the basket',
  '---',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: shop',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: cart, namespace: shop}',
  'spec:',
  '  selector: {matchLabels: {app: cart}}',
  '  template:',
  '    metadata: {labels: {app: cart, version: v1}}',
  '    spec:',
  '      securityContext:',
  '        runAsUser: 1337',
  '      containers:',
  '        - name: app',
  '          image: cart:1',
  '          ports: [{containerPort: 8080}]',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: cart, namespace: shop}',
  'spec:',
  '  selector: {app: cart}',
  '  ports:',
  '    - port: 80',
  '      targetPort: 8080',
].join('\n');

/** A `List` in JSON: its item's container runs as 1337, and no Service selects it. */
const CATALOG = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'catalog', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'catalog' } },
          template: {
            metadata: { labels: { app: 'catalog', version: 'v1' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'x',
                  securityContext: { runAsUser: 1337 },
                },
              ],
            },
          },
        },
      },
    ],
  },
  null,
  2,
);

const BROKEN =
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkind: [\n';

/** As `readManifestTree` words it. */
const SKIPPED =
  'skipped: 5.7 MiB is over the limit of 5.0 MiB per file (maxFileBytes)';

const FILES: ManifestFile[] = [
  { path: 'broken.yaml', content: BROKEN },
  { path: 'cart/deploy.yaml', content: CART },
  { path: 'catalog.json', content: CATALOG },
];

/** The 1-based line of the first line of `content` that contains `text`. */
function lineOf(content: string, text: string): number {
  const index = content.split('\n').findIndex(line => line.includes(text));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}

function sarif(
  files: ManifestFile[] = FILES,
  directory = './manifests',
  target: Parameters<typeof buildCheckReport>[1] = 'istio-sidecar',
) {
  const report = buildCheckReport(files, target);
  const text = checkReportSarif({
    report,
    files,
    skipped: [{ path: 'huge.yaml', message: SKIPPED }],
    directory,
    baseDirectory: '/repo',
  });
  return { report, log: JSON.parse(text), run: JSON.parse(text).runs[0] };
}

type Result = {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number };
    };
    logicalLocations: Array<{ fullyQualifiedName: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  properties: { workloads: string[] };
};

function resultsOf(run: { results: Result[] }, ruleId: string): Result[] {
  return run.results.filter(result => result.ruleId === ruleId);
}

describe('meshwise check --format sarif', () => {
  it('is a SARIF 2.1.0 log of one run by meshwise, valid against the schema', () => {
    const { log, run } = sarif();
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'meshwise',
      version: packageJson.version,
      informationUri: packageJson.homepage,
    });
    expect(run.originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///repo/' },
    });
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: true,
      exitCode: 1,
    });
  });

  it('has one rule per failing check, with its title, why, fixes and level for the target', () => {
    const { run } = sarif();
    const ruleIds = run.tool.driver.rules.map(
      (rule: { id: string }) => rule.id,
    );
    expect(ruleIds).toEqual(
      [...new Set(run.results.map((r: Result) => r.ruleId))].sort(),
    );
    for (const result of run.results as Result[]) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    const uid = findReadinessCheck('MR-UID-1337')!;
    const uidRule = run.tool.driver.rules[ruleIds.indexOf('MR-UID-1337')];
    expect(uidRule).toMatchObject({
      shortDescription: { text: uid.title },
      fullDescription: { text: uid.why },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['service-mesh', 'kubernetes', uid.category] },
    });
    expect(uidRule.help.text).toContain(
      'Fix: Run the application as any UID other than 1337.',
    );
    const level = (id: string) =>
      run.tool.driver.rules[ruleIds.indexOf(id)].defaultConfiguration.level;
    expect(level('MR-PORT-PROTOCOL')).toBe('warning');
    expect(level('MR-SERVICE-ASSOCIATION')).toBe('note');
  });

  it("lists the target's failing findings as results, at the level of their severity for it", () => {
    const { report, run } = sarif();
    const failing = report.workloads.flatMap(w => w.targetFindings);
    expect(run.results).toHaveLength(failing.length);
    expect(run.results.map((r: Result) => [r.ruleId, r.level]).sort()).toEqual(
      failing
        .map(f => [
          f.checkId,
          { error: 'error', warning: 'warning', info: 'note' }[
            f.targetSeverity
          ],
        ])
        .sort(),
    );
    expect(resultsOf(run, 'MR-UID-1337')[0].message.text).toBe(
      "The pod securityContext of Deployment cart runs as UID 1337, the proxy's UID: its traffic bypasses the sidecar. Fix: Run the application as any UID other than 1337.",
    );
    // UID 1337 concerns Istio, not Linkerd: no result, exit code 0.
    const linkerd = sarif(FILES, 'manifests', 'linkerd');
    expect(resultsOf(linkerd.run, 'MR-UID-1337')).toEqual([]);
    expect(linkerd.run.invocations[0].exitCode).toBe(0);
    expect(sarifSchemaErrors(linkerd.log)).toEqual([]);
  });

  it('points each result at the line of its field in the manifest, by a path relative to <dir> as given', () => {
    const { run } = sarif();
    const at = (result: Result) => ({
      ...result.locations[0].physicalLocation.artifactLocation,
      ...result.locations[0].physicalLocation.region,
    });
    const [podUid, containerUid] = resultsOf(run, 'MR-UID-1337');
    expect(at(podUid)).toEqual({
      uri: 'manifests/cart/deploy.yaml',
      uriBaseId: '%SRCROOT%',
      startLine: lineOf(CART, 'runAsUser: 1337'),
    });
    expect(podUid.locations[0].logicalLocations).toEqual([
      {
        name: 'cart',
        fullyQualifiedName: 'Deployment/shop/cart',
        kind: 'object',
      },
      {
        name: 'spec.template.spec.securityContext.runAsUser',
        fullyQualifiedName:
          'Deployment/shop/cart:spec.template.spec.securityContext.runAsUser',
        kind: 'property',
      },
    ]);
    // An item of a List, in a JSON file.
    expect(at(containerUid)).toMatchObject({
      uri: 'manifests/catalog.json',
      startLine: lineOf(CATALOG, '"runAsUser": 1337'),
    });
    // A field that is not written (the port has no appProtocol): its port.
    expect(at(resultsOf(run, 'MR-PORT-PROTOCOL')[0])).toMatchObject({
      uri: 'manifests/cart/deploy.yaml',
      startLine: lineOf(CART, '- port: 80'),
    });
    // Another object than the workload: the Namespace, whose labels are missing.
    const namespace = resultsOf(run, 'MR-NS-NOT-ENROLLED')[0];
    expect(at(namespace).startLine).toBe(lineOf(CART, 'kind: Namespace') + 1);
    expect(namespace.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      'Namespace/shop',
    );
  });

  it.each([
    ['manifests', 'manifests/cart/deploy.yaml'],
    ['./deploy/../manifests/', 'manifests/cart/deploy.yaml'],
    ['.', 'cart/deploy.yaml'],
    ['k8s manifests', 'k8s%20manifests/cart/deploy.yaml'],
  ])('writes <dir> %s as %s', (directory, uri) => {
    const { log, run } = sarif(FILES, directory);
    expect(
      resultsOf(run, 'MR-UID-1337')[0].locations[0].physicalLocation
        .artifactLocation,
    ).toEqual({ uri, uriBaseId: '%SRCROOT%' });
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('writes an absolute <dir> as a file URI', () => {
    const { log, run } = sarif(FILES, '/work/my repo/manifests');
    expect(
      resultsOf(run, 'MR-UID-1337')[0].locations[0].physicalLocation
        .artifactLocation,
    ).toEqual({ uri: 'file:///work/my%20repo/manifests/cart/deploy.yaml' });
    expect(run.originalUriBaseIds).toBeUndefined();
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('points a finding on an object no file defines at its workload', () => {
    // The Service (MR-PORT-PROTOCOL) is assessed but not among the files located.
    const report = buildCheckReport(FILES, 'istio-sidecar');
    const withoutService = CART.slice(0, CART.lastIndexOf('---'));
    const log = JSON.parse(
      checkReportSarif({
        report,
        files: [{ path: 'cart/deploy.yaml', content: withoutService }],
        skipped: [],
        directory: 'manifests',
        baseDirectory: '/repo',
      }),
    );
    const [port] = resultsOf(log.runs[0], 'MR-PORT-PROTOCOL');
    expect(port.locations[0].physicalLocation.region.startLine).toBe(
      lineOf(CART, 'kind: Deployment') - 1,
    );
    expect(port.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      'Service/shop/cart',
    );
  });

  it('keeps fingerprints across runs and moved lines, and apart within a run', () => {
    const fingerprints = (run: { results: Result[] }) =>
      run.results.map(r => r.partialFingerprints[FINGERPRINT_KEY]);
    const first = sarif().run;
    const shifted = sarif([
      FILES[0],
      {
        path: 'cart/deploy.yaml',
        content: `# owner: team-a\n# on-call: b\n${CART}`,
      },
      FILES[2],
    ]).run;
    expect(fingerprints(sarif().run)).toEqual(fingerprints(first));
    expect(fingerprints(shifted)).toEqual(fingerprints(first));
    expect(
      resultsOf(shifted, 'MR-UID-1337')[0].locations[0].physicalLocation.region
        .startLine,
    ).toBe(lineOf(CART, 'runAsUser: 1337') + 2);
    expect(new Set(fingerprints(first)).size).toBe(first.results.length);

    // The Namespace is not enrolled, said once per workload: two results on
    // one field keep their fingerprints whichever workload comes first.
    const byMessage = (run: { results: Result[] }) =>
      Object.fromEntries(
        resultsOf(run, 'MR-NS-NOT-ENROLLED').map(r => [
          r.message.text,
          r.partialFingerprints[FINGERPRINT_KEY],
        ]),
      );
    const report = buildCheckReport(FILES, 'istio-sidecar');
    const reordered = JSON.parse(
      checkReportSarif({
        report: { ...report, workloads: [...report.workloads].reverse() },
        files: FILES,
        skipped: [],
        directory: 'manifests',
        baseDirectory: '/repo',
      }),
    ).runs[0];
    expect(Object.keys(byMessage(first))).toHaveLength(2);
    expect(resultsOf(reordered, 'MR-NS-NOT-ENROLLED')[0].message.text).toBe(
      resultsOf(first, 'MR-NS-NOT-ENROLLED')[1].message.text,
    );
    expect(byMessage(reordered)).toEqual(byMessage(first));
  });

  it('reports a finding two workloads share once, naming both', () => {
    const shared = [
      { path: 'a.yaml', content: deploymentBehind('a', 'shared') },
      { path: 'b.yaml', content: deploymentBehind('b', 'shared') },
      {
        path: 'svc.yaml',
        content:
          'apiVersion: v1\nkind: Service\nmetadata: {name: shared, namespace: shop}\nspec:\n  selector: {tier: shared}\n  ports:\n    - port: 80\n',
      },
    ];
    const { report, run } = sarif(shared);
    const perWorkload = report.workloads.flatMap(w =>
      w.targetFindings.filter(f => f.checkId === 'MR-PORT-PROTOCOL'),
    );
    expect(perWorkload).toHaveLength(2);
    const [result] = resultsOf(run, 'MR-PORT-PROTOCOL');
    expect(resultsOf(run, 'MR-PORT-PROTOCOL')).toHaveLength(1);
    expect(result.properties.workloads).toEqual([
      'Deployment/shop/a',
      'Deployment/shop/b',
    ]);
  });

  it('keeps checks not evaluated and unreadable files out of the results', () => {
    const { report, run } = sarif();
    const notEvaluated =
      report.workloads[0].assessment.workloads[0].notEvaluatedChecks;
    expect(notEvaluated.length).toBeGreaterThan(0);
    for (const checkId of notEvaluated) {
      expect(run.properties.notEvaluated[checkId]).toContain(
        'Deployment/shop/cart',
      );
      expect(resultsOf(run, checkId)).toEqual([]);
    }
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: SKIPPED },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: 'manifests/huge.yaml',
                uriBaseId: '%SRCROOT%',
              },
            },
          },
        ],
      },
      {
        level: 'warning',
        message: { text: expect.stringMatching(/^document 1: invalid YAML/) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: 'manifests/broken.yaml',
                uriBaseId: '%SRCROOT%',
              },
              region: { startLine: lineOf(BROKEN, 'kind: [') },
            },
          },
        ],
      },
    ]);
  });

  it('the schema check rejects what SARIF does not allow', () => {
    const { log } = sarif();
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri =
      'manifests\\cart.yaml';
    broken.runs[0].tool.driver.rules[0].severity = 'high';
    delete broken.runs[0].tool.driver.name;
    expect(sarifSchemaErrors(broken)).toEqual([
      "/runs/0/tool/driver must have required property 'name'",
      '/runs/0/tool/driver/rules/0 must NOT have additional properties',
      '/runs/0/results/0/level must be equal to one of the allowed values',
      '/runs/0/results/1/locations/0/physicalLocation/region/startLine must be >= 1',
      '/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"',
    ]);
  });
});

function deploymentBehind(name: string, tier: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, tier: ${tier}, version: v1}}`,
    '    spec: {containers: [{name: app, image: x}]}',
  ].join('\n');
}

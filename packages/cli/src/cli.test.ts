import { parseCliArgs } from './args';
import { buildCheckReport, checkReportJson, formatCheckReport } from './report';

const deployment = (name: string, podSecurity = '') => ({
  path: `${name}.yaml`,
  content: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, version: v1}}`,
    `    spec: {${podSecurity}containers: [{name: app, image: x}]}`,
    '---',
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: ${name}, namespace: shop}`,
    `spec: {selector: {app: ${name}}, ports: [{port: 80, name: http}]}`,
  ].join('\n'),
});

describe('parseCliArgs', () => {
  it('reads the directory, --format, --json and --mesh (default istio-sidecar)', () => {
    expect(parseCliArgs(['manifests'])).toEqual({
      directory: 'manifests',
      format: 'text',
      target: 'istio-sidecar',
    });
    expect(parseCliArgs(['--json', 'manifests', '--mesh', 'linkerd'])).toEqual({
      directory: 'manifests',
      format: 'json',
      target: 'linkerd',
    });
    expect(parseCliArgs(['manifests', '--format', 'sarif'])).toMatchObject({
      format: 'sarif',
    });
    expect(
      parseCliArgs(['manifests', '--format=json', '--json']),
    ).toMatchObject({ format: 'json' });
    expect(parseCliArgs(['manifests', '--mesh=kuma'])).toMatchObject({
      target: 'kuma',
    });
  });

  it('reports usage errors instead of throwing', () => {
    expect(parseCliArgs([])).toEqual({ error: 'missing <dir>' });
    expect(parseCliArgs(['a', 'b'])).toEqual({
      error: 'unexpected argument b',
    });
    expect(parseCliArgs(['a', '--mesh', 'aws-app-mesh'])).toMatchObject({
      error: expect.stringContaining('unknown mesh "aws-app-mesh"'),
    });
    expect(parseCliArgs(['a', '--verbose'])).toEqual({
      error: 'unknown option --verbose',
    });
    expect(parseCliArgs(['a', '--format', 'xml'])).toEqual({
      error: 'unknown format "xml"; use one of text, json, sarif',
    });
    expect(parseCliArgs(['a', '--format'])).toEqual({
      error: '--format needs a value',
    });
    expect(parseCliArgs(['a', '--json', '--format', 'sarif'])).toEqual({
      error:
        '--json is short for --format json; it cannot go with --format sarif',
    });
  });
});

describe('buildCheckReport', () => {
  it('exits 1 when a workload has a blocking finding for the target only', () => {
    const files = [
      deployment('ok'),
      deployment('bad', 'securityContext: {runAsUser: 1337}, '),
    ];
    const istio = buildCheckReport(files, 'istio-sidecar');
    expect(istio.exitCode).toBe(1);
    expect(istio.workloads.map(w => [w.id, w.blocking])).toEqual([
      ['Deployment/shop/ok', false],
      ['Deployment/shop/bad', true],
    ]);
    expect(istio.workloads[1].targetFindings[0]).toMatchObject({
      checkId: 'MR-UID-1337',
      targetSeverity: 'error',
    });
    expect(buildCheckReport(files, 'linkerd').exitCode).toBe(0);
  });

  it('prints findings grouped per workload, and valid JSON', () => {
    const report = buildCheckReport(
      [
        deployment('bad', 'securityContext: {runAsUser: 1337}, '),
        { path: 'x.yaml', content: 'kind: [' },
      ],
      'istio-sidecar',
    );
    const text = formatCheckReport(report, 'manifests');
    expect(text).toContain('Deployment/shop/bad: not meshed; stage blocked');
    expect(text).toContain('x error   MR-UID-1337');
    expect(text).toContain(
      'at Deployment shop/bad spec.template.spec.securityContext.runAsUser',
    );
    expect(text).toContain('parse: x.yaml document 0: invalid YAML');
    expect(JSON.parse(checkReportJson(report, 'manifests'))).toMatchObject({
      exitCode: 1,
      target: 'istio-sidecar',
    });
  });
});

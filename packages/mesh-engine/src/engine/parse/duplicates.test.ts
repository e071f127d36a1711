import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildClusterIndex } from '../cluster/clusterIndex';
import { detectMesh } from '../detect/detectMesh';
import { KINDS, KubeObject } from '../model/kubeObject';
import { listWorkloads } from '../workloads/listWorkloads';
import { ManifestFile, parseManifests } from './parseManifests';

const byId = (objects: KubeObject[]) =>
  new Map(
    objects.map(o => [
      `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
      o,
    ]),
  );

/** Parses the files in the order given and in the reverse order. */
function bothOrders(files: ManifestFile[]) {
  return [parseManifests(files), parseManifests([...files].reverse())];
}

describe('parseManifests: one object defined in several files', () => {
  const enrolled: ManifestFile = {
    path: '000-with-kuma.yaml',
    content: [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: kuma-demo',
      '  labels: {kuma.io/sidecar-injection: enabled}',
    ].join('\n'),
  };
  const unlabelled: ManifestFile = {
    path: 'base.yaml',
    content: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kuma-demo}',
  };

  it('merges maps key by key, the same in both file orders', () => {
    for (const { objects, findings } of bothOrders([enrolled, unlabelled])) {
      expect(findings).toEqual([]);
      expect(objects).toHaveLength(1);
      expect(objects[0].metadata.labels).toEqual({
        'kuma.io/sidecar-injection': 'enabled',
      });
    }
  });

  it('merges identical duplicates silently, keeping the first position', () => {
    const service =
      'apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec: {ports: [{port: 80}]}';
    const { objects, findings } = parseManifests([
      { path: 'a.yaml', content: service },
      {
        path: 'b.yaml',
        content: `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cart, namespace: shop}\n---\n${service}`,
      },
    ]);
    expect(findings).toEqual([]);
    expect(objects.map(o => o.kind)).toEqual(['Service', 'ServiceAccount']);
    expect(objects[0].spec).toEqual({ ports: [{ port: 80 }] });
  });

  const labelled = (path: string, value: string, ports: string) => ({
    path,
    content: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: cart',
      '  namespace: shop',
      `  labels: {version: "${value}", team: ${path.replace('.yaml', '')}}`,
      'spec:',
      '  selector: {matchLabels: {app: cart}}',
      '  template:',
      '    metadata: {labels: {app: cart}}',
      `    spec: {containers: [{name: app, image: x, ports: ${ports}}]}`,
    ].join('\n'),
  });

  it('reports each field defined twice with different values, and uses the later file in path order', () => {
    const files = [
      labelled('a.yaml', 'v1', '[{containerPort: 8080}]'),
      labelled('b.yaml', 'v2', '[{containerPort: 9090}]'),
    ];
    const results = bothOrders(files);
    expect(results[0].objects).toEqual(results[1].objects);
    for (const { objects, findings } of results) {
      const [cart] = objects;
      expect(cart.metadata.labels).toEqual({ version: 'v2', team: 'b' });
      // Lists are values: they are not merged item by item.
      expect((cart.spec as any).template.spec.containers[0].ports).toEqual([
        { containerPort: 9090 },
      ]);
      expect(
        findings.map(f => [f.file, f.documentIndex, f.conflict?.field]),
      ).toEqual([
        ['b.yaml', 0, 'metadata.labels.version'],
        ['b.yaml', 0, 'metadata.labels.team'],
        ['b.yaml', 0, 'spec.template.spec.containers'],
      ]);
      expect(findings[0].conflict?.earlier).toEqual({
        file: 'a.yaml',
        documentIndex: 0,
      });
      expect(findings[0].message).toBe(
        'Deployment shop/cart is defined in a.yaml (document 0) and in b.yaml (document 0) with different values for metadata.labels.version ("v1", then "v2"): the value of b.yaml, later in path order, is used',
      );
    }
  });

  it('quotes keys that are not identifiers in the field path', () => {
    const { findings } = parseManifests([
      enrolled,
      {
        path: 'opt-out.yaml',
        content:
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kuma-demo\n  labels: {kuma.io/sidecar-injection: disabled}',
      },
    ]);
    expect(findings.map(f => f.conflict?.field)).toEqual([
      'metadata.labels["kuma.io/sidecar-injection"]',
    ]);
  });

  it('names the file that first set a field, across three definitions', () => {
    const files = [
      {
        path: 'a.yaml',
        content:
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: "1"}',
      },
      {
        path: 'b.yaml',
        content:
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {y: "2"}',
      },
      {
        path: 'c.yaml',
        content:
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: "3", y: "2"}',
      },
    ];
    for (const { objects, findings } of bothOrders(files)) {
      expect(objects[0].data).toEqual({ x: '3', y: '2' });
      expect(
        findings.map(f => [
          f.conflict?.earlier.file,
          f.file,
          f.conflict?.field,
        ]),
      ).toEqual([['a.yaml', 'c.yaml', 'data.x']]);
    }
  });

  it('treats documents of one file and List items the same way, later position winning', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'all.yaml',
        content: [
          'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec: {type: ClusterIP}',
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'List',
            items: [
              {
                apiVersion: 'v1',
                kind: 'Service',
                metadata: { name: 's', namespace: 'n' },
                spec: { type: 'NodePort' },
              },
            ],
          }),
        ].join('\n---\n'),
      },
    ]);
    expect(objects.map(o => o.spec)).toEqual([{ type: 'NodePort' }]);
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'all.yaml',
        documentIndex: 1,
        itemIndex: 0,
        conflict: {
          field: 'spec.type',
          earlier: { file: 'all.yaml', documentIndex: 0 },
        },
      }),
    ]);
  });

  it('fills in the namespace before comparing: an omitted namespace is `default`', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'a.yaml',
        content:
          'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: default}',
      },
      {
        path: 'b.yaml',
        content:
          'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, labels: {a: b}}\nautomountServiceAccountToken: false',
      },
    ]);
    expect(findings).toEqual([]);
    expect(objects).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({
          namespace: 'default',
          labels: { a: 'b' },
        }),
        automountServiceAccountToken: false,
      }),
    ]);
  });
});

/** Same convention as realWorld.test.ts: the public manifests in ../shared/fixtures. */
const FIXTURES_DIR =
  process.env.MESHWISE_FIXTURES_DIR ??
  resolve(__dirname, '../../../../../../shared/fixtures');
const KUMA_DEMO = join(FIXTURES_DIR, 'kuma-counter-demo');
const describeFixture = existsSync(KUMA_DEMO) ? describe : describe.skip;

describeFixture('the Kuma counter demo directory (real fixture)', () => {
  const files = readdirSync(KUMA_DEMO)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .map(file => ({
      path: file,
      content: readFileSync(join(KUMA_DEMO, file), 'utf8'),
    }));

  it("keeps kuma-demo enrolled although base.yaml's Namespace has no label, in both file orders", () => {
    expect(files.map(f => f.path)).toEqual(
      expect.arrayContaining(['000-with-kuma.yaml', 'base.yaml']),
    );
    for (const { objects } of bothOrders(files)) {
      const index = buildClusterIndex(objects);
      expect(
        index.get(KINDS.namespace, undefined, 'kuma-demo')?.metadata.labels,
      ).toEqual({ 'kuma.io/sidecar-injection': 'enabled' });
      const demoApp = listWorkloads(index).find(
        w => w.id === 'Deployment/kuma-demo/demo-app',
      )!;
      expect(detectMesh(demoApp, index)).toMatchObject({
        mesh: 'kuma',
        state: 'enrolled',
      });
    }
  });

  it('gives the same objects and the same findings in both file orders', () => {
    const [forward, reverse] = bothOrders(files);
    expect(byId(forward.objects)).toEqual(byId(reverse.objects));
    const sorted = (findings: typeof forward.findings) =>
      findings.map(f => f.message).sort();
    expect(sorted(forward.findings)).toEqual(sorted(reverse.findings));
  });
});

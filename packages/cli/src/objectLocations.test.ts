import { indexObjectLocations, parseFieldPath } from './objectLocations';

/** A ConfigMap whose script holds `---` lines, then a Deployment. */
const APP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: scripts, namespace: shop}',
  'data:',
  '  run.sh: |',
  '    echo start',
  '    ---',
  '    echo "---"',
  '--- # the workload',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: cart',
  '  labels:',
  '    app.kubernetes.io/name: cart',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '        - name: worker',
  '          ports:',
  '            - containerPort: 8080',
  '            - containerPort: 9090',
].join('\n');

describe('indexObjectLocations', () => {
  it('finds the line of a field, skipping --- inside block scalars', () => {
    const locations = indexObjectLocations([
      { path: 'app.yaml', content: APP },
    ]);
    const cart = { kind: 'Deployment', namespace: 'default', name: 'cart' };
    expect(locations.locate(cart)).toEqual({ file: 'app.yaml', line: 10 });
    expect(
      locations.locate(cart, 'spec.template.spec.containers[1].ports[1]'),
    ).toEqual({ file: 'app.yaml', line: 24 });
    expect(
      locations.locate(cart, 'metadata.labels["app.kubernetes.io/name"]'),
    ).toEqual({ file: 'app.yaml', line: 15 });
    // Not written: the deepest part that is (containers[1]).
    expect(
      locations.locate(
        cart,
        'spec.template.spec.containers[1].securityContext.runAsUser',
      ),
    ).toEqual({ file: 'app.yaml', line: 21 });
    expect(
      locations.locate({
        kind: 'ConfigMap',
        namespace: 'shop',
        name: 'scripts',
      }),
    ).toEqual({ file: 'app.yaml', line: 1 });
    expect(locations.documentLine('app.yaml', 1)).toBe(10);
    expect(
      locations.locate({ kind: 'Deployment', namespace: 'shop', name: 'cart' }),
    ).toBeUndefined();
  });

  it('locates an object defined in several files where most of the field is written', () => {
    const base = 'apiVersion: v1\nkind: Service\nmetadata: {name: cart}\n';
    const locations = indexObjectLocations([
      { path: 'a/service.yaml', content: `${base}spec:\n  type: ClusterIP\n` },
      {
        path: 'b/ports.yaml',
        content: `${base}spec:\n  ports:\n    - port: 80\n      name: web\n`,
      },
    ]);
    const cart = { kind: 'Service', namespace: 'default', name: 'cart' };
    expect(locations.locate(cart, 'spec.ports[0].name')).toEqual({
      file: 'b/ports.yaml',
      line: 7,
    });
    // A tie (both write spec): the first in path order.
    expect(locations.locate(cart, 'spec.selector')).toEqual({
      file: 'a/service.yaml',
      line: 4,
    });
  });

  it('skips documents the engine skips, and keeps counting them', () => {
    const locations = indexObjectLocations([
      {
        path: 'mixed.yaml',
        content:
          'kind: [\n---\n- not an object\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
      },
    ]);
    expect(locations.documentLine('mixed.yaml', 0)).toBe(1);
    expect(locations.documentLine('mixed.yaml', 2)).toBe(5);
    expect(
      locations.locate({ kind: 'Pod', namespace: 'default', name: 'p' }),
    ).toEqual({ file: 'mixed.yaml', line: 5 });
  });
});

describe('parseFieldPath', () => {
  it('reads dotted names, indexes and quoted keys', () => {
    expect(parseFieldPath('spec.ports[0].name')).toEqual([
      'spec',
      'ports',
      0,
      'name',
    ]);
    expect(
      parseFieldPath('metadata.annotations["config.linkerd.io/opaque-ports"]'),
    ).toEqual(['metadata', 'annotations', 'config.linkerd.io/opaque-ports']);
    expect(parseFieldPath('metadata.labels["a\\"[b]"]')).toEqual([
      'metadata',
      'labels',
      'a"[b]',
    ]);
  });
});

import { parseManifests } from './parseManifests';

describe('parseManifests', () => {
  it('reads multi-document YAML and skips empty documents', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'app.yaml',
        content: [
          '# leading comment only',
          '---',
          'apiVersion: v1',
          'kind: ServiceAccount',
          'metadata: {name: reviews, namespace: bookinfo}',
          '---',
          '---',
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: {name: reviews-v1}',
        ].join('\n'),
      },
    ]);
    expect(findings).toEqual([]);
    expect(
      objects.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual([
      'ServiceAccount/bookinfo/reviews',
      'Deployment/default/reviews-v1',
    ]);
  });

  it('leaves cluster-scoped kinds without a namespace, by group', () => {
    const { objects } = parseManifests([
      {
        path: 'x.yaml',
        content: [
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
          'apiVersion: kuma.io/v1alpha1\nkind: Mesh\nmetadata: {name: default}',
          'apiVersion: consul.hashicorp.com/v1alpha1\nkind: Mesh\nmetadata: {name: mesh}',
        ].join('\n---\n'),
      },
    ]);
    expect(objects.map(o => o.metadata.namespace)).toEqual([
      undefined,
      undefined,
      'default',
    ]);
  });

  it('expands List objects and reports bad items with their position', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'list.json',
        content: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ServiceList',
          items: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'a', namespace: 'n' },
            },
            { apiVersion: 'v1', kind: 'Service', metadata: {} },
          ],
        }),
      },
    ]);
    expect(objects.map(o => o.metadata.name)).toEqual(['a']);
    expect(findings).toEqual([
      {
        file: 'list.json',
        documentIndex: 0,
        itemIndex: 1,
        message: 'Service object lacks metadata.name',
      },
    ]);
  });

  it('turns malformed YAML, scalars and incomplete objects into findings, never exceptions', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'broken.yaml',
        content: 'apiVersion: v1\nkind: Service\nmetadata: {name: [unclosed',
      },
      { path: 'scalar.yaml', content: 'just a string' },
      {
        path: 'partial.yaml',
        content:
          'metadata: {name: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}',
      },
    ]);
    expect(objects.map(o => o.metadata.name)).toEqual(['ok']);
    expect(findings.map(f => [f.file, f.documentIndex])).toEqual([
      ['broken.yaml', 0],
      ['scalar.yaml', 0],
      ['partial.yaml', 0],
    ]);
    expect(findings[0].message).toMatch(/^invalid YAML/);
    expect(findings[1].message).toBe('document is not an object');
    expect(findings[2].message).toBe('object lacks apiVersion, kind');
  });

  it('coerces label and annotation values to strings and keeps unknown kinds', () => {
    const { objects } = parseManifests([
      {
        path: 'x.yaml',
        content:
          'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  labels: {version: 2, enabled: true}\n  annotations: {empty: null}',
      },
    ]);
    expect(objects[0].kind).toBe('Widget');
    expect(objects[0].metadata.labels).toEqual({
      version: '2',
      enabled: 'true',
    });
    expect(objects[0].metadata.annotations).toEqual({ empty: '' });
  });

  it('parses templates with ${VARS} placeholders as plain strings', () => {
    const { objects, findings } = parseManifests([
      {
        path: 'manifest.yaml.template',
        content:
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${APP_NAMESPACE}\n  labels:\n    mesh: ${MESH_NAME}',
      },
    ]);
    expect(findings).toEqual([]);
    expect(objects[0].metadata).toMatchObject({
      name: '${APP_NAMESPACE}',
      labels: { mesh: '${MESH_NAME}' },
    });
  });
});

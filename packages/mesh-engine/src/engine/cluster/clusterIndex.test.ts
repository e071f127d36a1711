import { indexFromYaml } from '../__testUtils__/manifests';
import { KINDS } from '../model/kubeObject';
import { buildClusterIndex } from './clusterIndex';
import { parseLabelSelector } from './labelSelector';

describe('buildClusterIndex', () => {
  const first = indexFromYaml(
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: color, namespace: demo}',
    'apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualService\nmetadata: {name: color, namespace: demo}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: demo, labels: {app: a}}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: other, labels: {app: a, tier: web}}',
  );
  // Parsed apart: parseManifests itself merges duplicates (and reports the
  // conflict); the index meets them when objects come from elsewhere.
  const index = buildClusterIndex([
    ...first.objects,
    ...indexFromYaml(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: demo, labels: {app: a2}}',
    ).objects,
  ]);

  it('keeps same-named kinds of different API groups apart', () => {
    expect(index.list(KINDS.istioVirtualService)).toHaveLength(1);
    expect(index.list(KINDS.appMeshVirtualService)).toHaveLength(1);
    expect(index.hasGroup('appmesh.k8s.aws')).toBe(true);
    expect(index.hasGroup('kuma.io')).toBe(false);
  });

  it('keeps the later of two objects with the same identity', () => {
    expect(index.list(KINDS.service, 'demo')).toHaveLength(1);
    expect(index.get(KINDS.service, 'demo', 'a')?.metadata.labels).toEqual({
      app: 'a2',
    });
    expect(index.objects).toHaveLength(4);
  });

  it('finds objects by labels, optionally in one namespace', () => {
    const names = (selector: string, namespace?: string) =>
      index
        .findByLabels(KINDS.service, parseLabelSelector(selector), namespace)
        .map(o => o.metadata.name);
    expect(names('app=a')).toEqual(['b']);
    expect(names('app in (a,a2)', 'demo')).toEqual(['a']);
    expect(names('!tier')).toEqual(['a']);
  });

  it('lists namespaces that hold objects', () => {
    expect(index.namespaces()).toEqual(['demo', 'other']);
  });
});

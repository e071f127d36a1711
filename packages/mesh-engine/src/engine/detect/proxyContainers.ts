import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { allContainers, ContainerView, PodSpecView } from '../model/podSpec';

/** A mesh proxy container found in a pod spec. */
export interface FoundProxy {
  mesh: MeshId;
  container: ContainerView;
  /** Injected as a native sidecar (init container with `restartPolicy: Always`). */
  native: boolean;
}

const hasAppMeshEnv = (container: ContainerView) =>
  container.env.some(
    variable =>
      variable.name === 'APPMESH_RESOURCE_ARN' ||
      variable.name === 'APPMESH_VIRTUAL_NODE_NAME',
  );

/**
 * Proxy containers by mesh, from section 2 of the research notes. `envoy` is
 * shared by App Mesh and OSM, so it is told apart by the init container
 * (`proxyinit` vs `osm-init`), the image or the `APPMESH_*` environment.
 */
export function findMeshProxies(spec: PodSpecView): FoundProxy[] {
  const initNames = new Set(
    spec.initContainers.map(container => container.name),
  );
  const found: FoundProxy[] = [];
  for (const container of allContainers(spec)) {
    if (container.placement === 'init') continue;
    const mesh = proxyMeshOf(container, initNames);
    if (mesh)
      found.push({
        mesh,
        container,
        native: container.placement === 'native-sidecar',
      });
  }
  return found;
}

function proxyMeshOf(
  container: ContainerView,
  initNames: Set<string>,
): MeshId | undefined {
  const { name, image } = container;
  if (name === 'istio-proxy' || /\/proxyv2:/.test(image))
    return 'istio-sidecar';
  if (name === 'linkerd-proxy' || image.startsWith('cr.l5d.io/linkerd/proxy:'))
    return 'linkerd';
  if (
    name === 'consul-dataplane' ||
    image.includes('hashicorp/consul-dataplane')
  )
    return 'consul';
  if (name === 'kuma-sidecar') return 'kuma';
  if (image.includes('aws-appmesh-envoy') || hasAppMeshEnv(container))
    return 'aws-app-mesh';
  if (name === 'envoy') {
    if (initNames.has('proxyinit')) return 'aws-app-mesh';
    if (initNames.has('osm-init')) return 'osm';
  }
  return undefined;
}

/** Init containers that meshes inject to set up traffic capture. */
export const MESH_INIT_CONTAINERS: Readonly<Record<string, MeshId>> = {
  'istio-init': 'istio-sidecar',
  'istio-validation': 'istio-sidecar',
  'linkerd-init': 'linkerd',
  'consul-connect-inject-init': 'consul',
  'kuma-init': 'kuma',
  'kuma-validation': 'kuma',
  proxyinit: 'aws-app-mesh',
  'osm-init': 'osm',
};

/** Containers the application owns: everything except mesh proxies and mesh init containers. */
export function isMeshContainer(
  container: ContainerView,
  spec: PodSpecView,
): boolean {
  if (MESH_INIT_CONTAINERS[container.name]) return true;
  return findMeshProxies(spec).some(proxy => proxy.container === container);
}

export function describeProxy(proxy: FoundProxy): string {
  const where = proxy.native ? 'native sidecar' : 'sidecar container';
  return `${proxy.container.name} (${where}${
    proxy.container.image ? `, image ${proxy.container.image}` : ''
  })`;
}

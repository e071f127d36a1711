import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { asString, getPath } from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { AppMeshObjects } from './collect';
import { AppMeshModel } from './model';
import { ReadContext } from './readContext';
import { readGateway, readGatewayRoute } from './readGateway';
import { readNode, tlsClientsOf } from './readNode';
import { readVirtualService } from './readRouter';
import { findServicePort } from './readServices';

/** App Mesh objects → the neutral route model; every field read is marked in its object's ledger. */
export function readAppMesh(
  objects: AppMeshObjects,
  context: ReadContext,
): AppMeshModel {
  const services = objects.virtualServices.flatMap(vs => {
    const read = readVirtualService(context, vs);
    return read ? [read] : [];
  });
  const tlsClients = [
    ...new Set(
      objects.virtualServices.flatMap(vs =>
        tlsClientsOf(context, vs, objects.virtualNodes),
      ),
    ),
  ];
  const nodes = objects.virtualNodes.map(node => readNode(context, node));
  const gateways = objects.virtualGateways.map(gateway =>
    readGateway(context, gateway),
  );
  const gatewayRoutes = objects.gatewayRoutes.flatMap(route =>
    readGatewayRoute(context, route),
  );
  const meshes = objects.meshes.map(mesh => readMesh(context, mesh));
  return {
    services,
    nodes,
    gateways,
    gatewayRoutes,
    meshes,
    generatedServices: context.generatedServices,
    generatedParents: context.generatedParents,
    meshName: meshNameOf(objects, context.index),
    tlsClients,
    actions: context.actions,
    portOn: (service, containerPort) =>
      findServicePort(context, service, containerPort) ?? containerPort,
  };
}

function readMesh(context: ReadContext, mesh: KubeObject) {
  const ledger = context.ledger(mesh);
  ledger.ignore('spec.awsName', 'not needed');
  ledger.ignore('spec.meshOwner', 'not needed');
  ledger.carry(
    'spec.namespaceSelector',
    'cleanup step removes the namespace label',
  );
  ledger.ignore('spec.serviceDiscovery', 'not needed');
  const egress = asString(getPath(mesh, 'spec.egressFilter.type'));
  if (egress && egress !== 'DROP_ALL')
    ledger.carry('spec.egressFilter.type', 'ALLOW_ALL is the default');
  return {
    mesh,
    egressDropAll:
      egress === 'DROP_ALL'
        ? { ledger, path: 'spec.egressFilter.type' }
        : undefined,
  };
}

/** The App Mesh mesh: the Mesh object, else a meshRef, else the namespace's `mesh` label. */
function meshNameOf(objects: AppMeshObjects, index: ClusterIndex): string {
  if (objects.meshes[0]) return objects.meshes[0].metadata.name;
  for (const object of [...objects.virtualNodes, ...objects.virtualServices]) {
    const ref = asString(getPath(object, 'spec.meshRef.name'));
    if (ref) return ref;
  }
  for (const node of objects.virtualNodes) {
    const namespace = index.get(
      KINDS.namespace,
      undefined,
      node.metadata.namespace ?? 'default',
    );
    const label = namespace?.metadata.labels?.mesh;
    if (label) return label;
  }
  return 'app-mesh';
}

import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';
import { AWS_APP_MESH_ENTRY } from './awsAppMesh';
import { CILIUM_ENTRY } from './cilium';
import { CONSUL_ENTRY } from './consul';
import { ECS_SERVICE_CONNECT_ENTRY } from './ecsServiceConnect';
import { ISTIO_AMBIENT_ENTRY } from './istioAmbient';
import { ISTIO_SIDECAR_ENTRY } from './istioSidecar';
import { KUMA_ENTRY } from './kuma';
import { LINKERD_ENTRY } from './linkerd';
import { OSM_ENTRY } from './osm';
import { VPC_LATTICE_ENTRY } from './vpcLattice';

/** Built-in entries, in the order of `MESH_IDS` then `MIGRATION_TARGET_IDS`. */
export const BUILT_IN_MESH_ENTRIES: readonly MeshEntry[] = [
  ISTIO_SIDECAR_ENTRY,
  ISTIO_AMBIENT_ENTRY,
  LINKERD_ENTRY,
  CONSUL_ENTRY,
  KUMA_ENTRY,
  CILIUM_ENTRY,
  AWS_APP_MESH_ENTRY,
  OSM_ENTRY,
  ECS_SERVICE_CONNECT_ENTRY,
  VPC_LATTICE_ENTRY,
];

import { appMeshSignature } from './appMesh';
import { ciliumSignature } from './cilium';
import { consulSignature } from './consul';
import { istioAmbientSignature, istioSidecarSignature } from './istio';
import { kumaSignature } from './kuma';
import { linkerdSignature } from './linkerd';
import { osmSignature } from './osm';
import { MeshSignature } from './types';

/**
 * In precedence order: when the evidence ties, the earlier mesh wins. Istio
 * sidecar comes before ambient because a sidecar-injected pod is never
 * captured by ztunnel.
 */
export const MESH_SIGNATURES: readonly MeshSignature[] = [
  istioSidecarSignature,
  istioAmbientSignature,
  linkerdSignature,
  consulSignature,
  kumaSignature,
  ciliumSignature,
  appMeshSignature,
  osmSignature,
];

export type { MeshSignature, SignatureContext, MeshIntent } from './types';

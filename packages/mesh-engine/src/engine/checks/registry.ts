import {
  ambientL7WithoutWaypointCheck,
  ambientWaypointMissingCheck,
} from './ambient';
import { appMeshVirtualNodeCheck, endOfLifeMeshCheck } from './appMesh';
import {
  bindAddressCheck,
  clusterNetworksCheck,
  gatewayApiCrdsCheck,
} from './clusterLevel';
import {
  namespaceConflictingModesCheck,
  namespaceNotEnrolledCheck,
  proxyMissingCheck,
  proxyStaleCheck,
} from './enrolment';
import { foreignSidecarCheck } from './foreignSidecar';
import { hostNetworkCheck } from './hostNetwork';
import { httpProbesCheck } from './httpProbes';
import { httpRoutesOnTcpPortsCheck } from './httpRoutesOnTcpPorts';
import { imageAutoCheck } from './imageAuto';
import { initNetworkCheck } from './initContainers';
import {
  annotationAsLabelCheck,
  appLabelCheck,
  versionLabelCheck,
} from './labels';
import { linkerdSkippedPortsCheck } from './linkerdSkippedPorts';
import { mtlsNotStrictCheck } from './mtls';
import { multiServiceProtocolCheck } from './multiServiceProtocol';
import { netCapabilitiesCheck } from './netCapabilities';
import { opaqueMismatchCheck } from './opaquePorts';
import { externalNameTcpCheck, portProtocolCheck } from './portProtocol';
import { reservedPortsCheck, udpCheck } from './ports';
import { protocolMismatchCheck } from './protocolMismatch';
import { serverFirstCheck } from './serverFirst';
import { serviceAccountTokenCheck } from './serviceAccountToken';
import {
  consulServiceAccountNameCheck,
  headlessCheck,
  serviceAssociationCheck,
} from './services';
import { ReadinessCheck } from './types';
import { uid1337Check, uidOtherProxyCheck } from './uid';

/**
 * The catalogue of section 1.2 of the research notes, in its order; the
 * checks issue 12 added (declared protocols, Linkerd's skipped ports) follow
 * the port checks they belong with.
 */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  uid1337Check,
  uidOtherProxyCheck,
  netCapabilitiesCheck,
  hostNetworkCheck,
  foreignSidecarCheck,
  serviceAccountTokenCheck,
  udpCheck,
  initNetworkCheck,
  appLabelCheck,
  versionLabelCheck,
  reservedPortsCheck,
  httpProbesCheck,
  portProtocolCheck,
  externalNameTcpCheck,
  serverFirstCheck,
  protocolMismatchCheck,
  httpRoutesOnTcpPortsCheck,
  linkerdSkippedPortsCheck,
  multiServiceProtocolCheck,
  serviceAssociationCheck,
  headlessCheck,
  opaqueMismatchCheck,
  annotationAsLabelCheck,
  consulServiceAccountNameCheck,
  bindAddressCheck,
  namespaceNotEnrolledCheck,
  namespaceConflictingModesCheck,
  proxyMissingCheck,
  proxyStaleCheck,
  imageAutoCheck,
  appMeshVirtualNodeCheck,
  endOfLifeMeshCheck,
  ambientL7WithoutWaypointCheck,
  ambientWaypointMissingCheck,
  mtlsNotStrictCheck,
  clusterNetworksCheck,
  gatewayApiCrdsCheck,
];

const BY_ID = new Map(READINESS_CHECKS.map(check => [check.id, check]));

export function findReadinessCheck(id: string): ReadinessCheck | undefined {
  return BY_ID.get(id);
}

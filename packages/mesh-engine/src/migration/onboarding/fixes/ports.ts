import { AssessmentFinding } from '../../../engine/assess/types';
import { ClusterIndex } from '../../../engine/cluster/clusterIndex';
import {
  appMeshListenerProtocol,
  containerPortProtocol,
  declaredPortProtocol,
} from '../../../engine/checks/declaredProtocol';
import {
  appProtocolFor,
  protocolConflict,
} from '../../../engine/checks/protocolMismatch';
import {
  ISTIO_OPAQUE_PROTOCOLS,
  istioPortProtocol,
  SERVER_FIRST_PORTS,
  serverFirstPortSuffix,
} from '../../../engine/checks/protocols';
import { ServicePortView, ServiceView } from '../../../engine/model/service';
import { Workload } from '../../../engine/workloads/workload';
import { inferPortProtocol, virtualNodesOf } from '../inferPortProtocol';
import { PortChange } from '../patchSet';
import { FixContext, FixFunction } from './types';

/**
 * Fixes of Service ports (MR-PORT-PROTOCOL, MR-SERVER-FIRST,
 * MR-PROTOCOL-MISMATCH): they declare what a port speaks.
 */

/**
 * MR-PORT-PROTOCOL: declares the inferred protocol. `unknownIsManual` asks
 * for a manual action even when the fix is only recommended (Kuma treats an
 * undeclared port as TCP, so the answer matters).
 */
export function portProtocolFix(
  options: { unknownIsManual?: boolean } = {},
): FixFunction {
  return (finding, context) => {
    const { required, label } = context;
    const service = context.serviceOf(finding);
    const port = service && context.portOf(finding, service);
    if (!service || !port) {
      if (required) context.manual(finding);
      return;
    }
    if (!required && istioPortProtocol(port).from !== 'none') return;
    const workloads = context.workloadsOf(finding);
    const protocol = inferPortProtocol(
      port,
      workloads,
      virtualNodesOf(workloads, context.index),
    );
    if (!protocol) {
      if (required || options.unknownIsManual)
        context.manual(finding, 'Protocol unknown: ');
      return;
    }
    const change: PortChange = {
      port: port.port,
      appProtocol: appProtocolFor(protocol),
    };
    if (!port.name)
      change.name = protocol === 'tcp' ? `tcp-${port.port}` : protocol;
    context.patches.port(
      service,
      change,
      `${label}declare port ${port.port} as ${protocol}${
        change.name ? ` (name ${change.name})` : ''
      }`,
    );
    context.fixed(finding.checkId);
  };
}

/** How a mesh marks a server-first port, once the finding's Service port is known. */
export type ServerFirstMarker = (
  finding: AssessmentFinding,
  service: ServiceView,
  port: ServicePortView,
  context: FixContext,
) => void;

/** MR-SERVER-FIRST: the Service port must be known; the mesh decides how to mark it. */
export function serverFirstFix(mark: ServerFirstMarker): FixFunction {
  return (finding, context) => {
    const service = context.serviceOf(finding);
    const port = service && context.portOf(finding, service);
    if (!service || !port) {
      context.manual(finding);
      return;
    }
    mark(finding, service, port, context);
    context.fixed(finding.checkId);
  };
}

/** Declares a server-first port TCP, unless something declares it HTTP-like. */
export const declareServerFirstTcp: ServerFirstMarker = (
  finding,
  service,
  port,
  context,
) => {
  if (declaresNonTcp(port, context.workloadsOf(finding), context.index)) return;
  const proto = SERVER_FIRST_PORTS[port.port] ?? 'tcp';
  context.patches.port(
    service,
    {
      port: port.port,
      appProtocol: 'tcp',
      ...(port.name ? {} : { name: `tcp-${serverFirstPortSuffix(port.port)}` }),
    },
    `declare server-first port ${port.port} (${proto}) as TCP`,
  );
};

/** True when something declares the port HTTP-like (e.g. an App Mesh `http` listener): never make it TCP. */
function declaresNonTcp(
  port: ServicePortView,
  workloads: readonly Workload[],
  index: ClusterIndex,
): boolean {
  const declared = declaredPortProtocol(
    port,
    workloads,
    virtualNodesOf(workloads, index),
  );
  return !!declared && !ISTIO_OPAQUE_PROTOCOLS.has(declared.protocol);
}

/** MR-PROTOCOL-MISMATCH: makes the port's appProtocol agree with its listener. */
export const protocolMismatchFix: FixFunction = (finding, context) => {
  const service = context.serviceOf(finding);
  const port = service && context.portOf(finding, service);
  const appProtocol =
    port &&
    listenerAppProtocol(port, context.workloadsOf(finding), context.index);
  if (!service || !port || !appProtocol) {
    context.manual(finding);
    return;
  }
  context.patches.port(
    service,
    { port: port.port, appProtocol },
    `${context.label}declare port ${port.port} as appProtocol ${appProtocol}, the protocol its listener speaks`,
  );
  context.fixed(finding.checkId);
};

/** The `appProtocol` that makes a port agree with its listener. */
function listenerAppProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  index: ClusterIndex,
): string | undefined {
  const conflict = protocolConflict(
    port,
    appMeshListenerProtocol(port, workloads, virtualNodesOf(workloads, index)),
    containerPortProtocol(port, workloads),
  );
  return conflict && appProtocolFor(conflict.protocol);
}

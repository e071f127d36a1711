import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { KINDS } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { workloadRef } from '../workloads/workload';
import {
  appContainers,
  containerField,
  orPass,
  serviceRef,
  workloadLabel,
} from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

export const udpCheck: ReadinessCheck = {
  id: 'MR-UDP',
  title: 'UDP ports are known to bypass the mesh',
  severity: 'info',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'linkerd', 'cilium'],
  reads: ['containers[].ports[].protocol', 'Service spec.ports[].protocol'],
  readsKinds: [KINDS.service],
  why: 'Meshes proxy TCP only: UDP traffic gets no mTLS, no policy and no metrics.',
  run(context) {
    const { workload } = context;
    const findings: CheckFinding[] = [];
    for (const container of appContainers(workload)) {
      for (const port of container.ports.filter(
        candidate => candidate.protocol === 'UDP',
      )) {
        findings.push({
          status: 'fail',
          object: workloadRef(workload),
          field: containerField(
            workload,
            container,
            `ports[${port.index}].protocol`,
          ),
          message: `Container ${container.name} of ${workloadLabel(
            workload,
          )} port ${
            port.containerPort
          } is UDP, which the mesh does not proxy (no mTLS or metrics)`,
          remediation:
            'Accept that this port stays outside the mesh, or protect it another way.',
        });
      }
    }
    for (const service of workload.services) {
      for (const port of service.ports.filter(
        candidate => candidate.protocol === 'UDP',
      )) {
        findings.push({
          status: 'fail',
          object: serviceRef(service),
          field: `spec.ports[${port.index}].protocol`,
          message: `Service ${service.name} port ${port.port} is UDP, which the mesh does not proxy (no mTLS or metrics)`,
          remediation:
            'Accept that this port stays outside the mesh, or protect it another way.',
        });
      }
    }
    return orPass(findings, context, 'No UDP ports');
  },
};

/**
 * Ports the proxies listen on inside the pod. Istio: the sidecar table of
 * "Ports used by Istio" (https://istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio):
 * 15000 admin, 15001 outbound, 15004 debug, 15006 inbound, 15008 HBONE,
 * 15020 merged telemetry, 15021 health, 15053 DNS, 15090 Envoy telemetry.
 * (15002 is not an Istio port; istiod's ports are not in the pod.)
 */
export const RESERVED_PORTS: ReadonlyArray<{
  mesh: MeshId;
  ports: ReadonlySet<number>;
}> = [
  {
    mesh: 'istio-sidecar',
    ports: new Set([
      15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090,
    ]),
  },
  { mesh: 'linkerd', ports: new Set([4140, 4143, 4190, 4191]) },
  { mesh: 'kuma', ports: new Set([15001, 15006, 9901]) },
  { mesh: 'aws-app-mesh', ports: new Set([15000, 15001, 9901]) },
];

export const reservedPortsCheck: ReadinessCheck = {
  id: 'MR-RESERVED-PORTS',
  title: 'Application ports do not collide with proxy ports',
  severity: 'error',
  category: 'readiness',
  meshes: RESERVED_PORTS.map(entry => entry.mesh),
  reads: [
    'containers[].ports[].containerPort',
    'Service spec.ports[].targetPort',
  ],
  readsKinds: [KINDS.service],
  why: 'The proxy binds its own ports inside the pod; an application port on one of them fails to bind or has its traffic swallowed.',
  run(context) {
    const { workload } = context;
    const used: Array<{
      port: number;
      field: string;
      object: CheckFinding['object'];
      where: string;
    }> = [];
    for (const container of appContainers(workload)) {
      for (const port of container.ports) {
        used.push({
          port: port.containerPort,
          field: containerField(
            workload,
            container,
            `ports[${port.index}].containerPort`,
          ),
          object: workloadRef(workload),
          where: `Container ${container.name} of ${workloadLabel(workload)}`,
        });
      }
    }
    for (const service of workload.services) {
      for (const port of service.ports) {
        const target = resolveContainerPort(
          workload.template.spec,
          port.targetPort,
        );
        if (target === undefined || used.some(entry => entry.port === target))
          continue;
        used.push({
          port: target,
          field: `spec.ports[${port.index}].targetPort`,
          object: serviceRef(service),
          where: `Service ${service.name}`,
        });
      }
    }
    const findings: CheckFinding[] = [];
    for (const entry of used) {
      const meshes = RESERVED_PORTS.filter(reserved =>
        reserved.ports.has(entry.port),
      ).map(r => r.mesh);
      if (meshes.length === 0) continue;
      findings.push({
        status: 'fail',
        object: entry.object,
        field: entry.field,
        meshes,
        message: `${entry.where} uses port ${
          entry.port
        }, which the ${meshes.join(' / ')} proxy reserves`,
        remediation: `Move the application to a port outside the proxy's range.`,
      });
    }
    return orPass(
      findings,
      context,
      'No application port collides with a proxy port',
    );
  },
};

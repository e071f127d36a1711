import { KINDS } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { templateField, workloadRef } from '../workloads/workload';
import { orPass, serviceRef, workloadLabel } from './helpers';
import { parsePortList } from './protocols';
import { CheckFinding, ReadinessCheck } from './types';

const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

/**
 * Mirrors `linkerd check --proxy` "opaque ports are properly annotated"
 * (`misconfiguredOpaqueAnnotation`): for non-headless Services, a port
 * marked opaque on the Service must be opaque on the pods it targets, and
 * the other way round. Pods inherit the namespace's value at injection.
 */
export const opaqueMismatchCheck: ReadinessCheck = {
  id: 'MR-OPAQUE-MISMATCH',
  title: 'Opaque ports agree between Services and pods',
  severity: 'warning',
  category: 'readiness',
  meshes: ['linkerd'],
  reads: [
    `Service annotation ${OPAQUE_PORTS}`,
    `pod template / Namespace annotation ${OPAQUE_PORTS}`,
  ],
  readsKinds: [KINDS.service, KINDS.namespace],
  why: 'Linkerd decides opaqueness on both sides: a port opaque on only one side gets protocol detection on the other, which stalls server-first protocols.',
  run(context) {
    const { workload } = context;
    const podValue =
      workload.template.annotations[OPAQUE_PORTS] ??
      workload.namespaceObject?.metadata.annotations?.[OPAQUE_PORTS];
    const podPorts = parsePortList(podValue);
    const findings: CheckFinding[] = [];
    for (const service of workload.services.filter(
      candidate => !candidate.headless,
    )) {
      const servicePorts = parsePortList(service.annotations[OPAQUE_PORTS]);
      for (const port of service.ports) {
        const target = resolveContainerPort(
          workload.template.spec,
          port.targetPort,
        );
        if (target === undefined) continue;
        if (servicePorts.has(port.port) && !podPorts.has(target)) {
          findings.push({
            status: 'fail',
            object: workloadRef(workload),
            field: templateField(
              workload,
              `metadata.annotations["${OPAQUE_PORTS}"]`,
            ),
            message: `Service ${service.name} marks port ${
              port.port
            } opaque but the pods of ${workloadLabel(
              workload,
            )} do not mark target port ${target} opaque`,
            remediation: `Add ${target} to ${OPAQUE_PORTS} on the pod template.`,
            snippet: `metadata:\n  annotations:\n    ${OPAQUE_PORTS}: "${[
              ...podPorts,
              target,
            ].join(',')}"`,
          });
        }
        if (podPorts.has(target) && !servicePorts.has(port.port)) {
          findings.push({
            status: 'fail',
            object: serviceRef(service),
            field: `metadata.annotations["${OPAQUE_PORTS}"]`,
            message: `The pods of ${workloadLabel(
              workload,
            )} mark port ${target} opaque but Service ${
              service.name
            } does not mark port ${port.port} opaque`,
            remediation: `Add ${port.port} to ${OPAQUE_PORTS} on Service ${service.name}.`,
            snippet: `metadata:\n  annotations:\n    ${OPAQUE_PORTS}: "${[
              ...servicePorts,
              port.port,
            ].join(',')}"`,
          });
        }
      }
    }
    return orPass(
      findings,
      context,
      'Opaque ports agree between Services and pods',
    );
  },
};

import { KINDS } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { workloadRef } from '../workloads/workload';
import { orPass, workloadLabel } from './helpers';
import { istioPortProtocol } from './protocols';
import { CheckFinding, ReadinessCheck } from './types';

interface Exposure {
  service: string;
  port: number;
  protocol: string;
}

export const multiServiceProtocolCheck: ReadinessCheck = {
  id: 'MR-MULTI-SVC-PROTOCOL',
  title: 'Services selecting the workload agree on its ports',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar'],
  reads: [
    'Services selecting the pod template: spec.ports[].port/targetPort/name/appProtocol',
  ],
  readsKinds: [KINDS.service],
  why: 'Istio builds one inbound listener per container port; two Services that expose it with different protocols (IST0116) or different ports (IST0137) make it pick one and break the other.',
  run(context) {
    const { workload } = context;
    if (workload.services.length < 2) {
      return orPass([], context, 'Fewer than two Services select the workload');
    }
    const byTarget = new Map<number, Exposure[]>();
    for (const service of workload.services) {
      for (const port of service.ports) {
        const target = resolveContainerPort(
          workload.template.spec,
          port.targetPort,
        );
        if (target === undefined) continue;
        const list = byTarget.get(target) ?? [];
        list.push({
          service: service.name,
          port: port.port,
          protocol: istioPortProtocol(port).protocol ?? 'auto-detected',
        });
        byTarget.set(target, list);
      }
    }
    const findings: CheckFinding[] = [];
    for (const [target, exposures] of byTarget) {
      if (new Set(exposures.map(e => e.service)).size < 2) continue;
      const describe = exposures
        .map(e => `${e.service}:${e.port} as ${e.protocol}`)
        .join(', ');
      if (new Set(exposures.map(e => e.protocol)).size > 1) {
        findings.push({
          status: 'fail',
          object: workloadRef(workload),
          message: `Container port ${target} of ${workloadLabel(
            workload,
          )} is exposed with different protocols (${describe}) (IST0116)`,
          remediation:
            'Give the port the same protocol in every Service, or consolidate the Services.',
        });
      }
      if (new Set(exposures.map(e => e.port)).size > 1) {
        findings.push({
          status: 'fail',
          object: workloadRef(workload),
          message: `Container port ${target} of ${workloadLabel(
            workload,
          )} is exposed on different Service ports (${describe}) (IST0137)`,
          remediation:
            'Expose the target port on the same Service port everywhere, or consolidate the Services.',
        });
      }
    }
    return orPass(
      findings,
      context,
      'Services selecting the workload agree on its ports',
    );
  },
};

import { templateField, workloadRef } from '../workloads/workload';
import { passed, workloadLabel } from './helpers';
import { ReadinessCheck } from './types';

export const hostNetworkCheck: ReadinessCheck = {
  id: 'MR-HOSTNETWORK',
  title: 'Workload uses the pod network',
  severity: 'info',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'linkerd', 'cilium'],
  reads: ['pod template spec.hostNetwork'],
  readsKinds: [],
  why: 'hostNetwork pods share the node network namespace, so no mesh injects or captures them; they are left out of adoption counts.',
  run(context) {
    const { workload } = context;
    if (!workload.template.spec.hostNetwork) {
      return [
        passed(context, `${workloadLabel(workload)} uses the pod network`),
      ];
    }
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        field: templateField(workload, 'spec.hostNetwork'),
        message: `${workloadLabel(
          workload,
        )} sets hostNetwork: true, so it cannot be meshed; it is excluded from the adoption denominator`,
        remediation:
          'Leave it outside the mesh, or drop hostNetwork if the workload does not need the node network.',
      },
    ];
  },
};

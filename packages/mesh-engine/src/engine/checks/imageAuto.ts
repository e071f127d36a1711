import { workloadRef } from '../workloads/workload';
import {
  appContainers,
  containerField,
  MESH_MEMBERSHIP_KINDS,
  orPass,
  workloadLabel,
} from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

export const imageAutoCheck: ReadinessCheck = {
  id: 'MR-IMAGE-AUTO',
  title: '`image: auto` is only used where Istio injects',
  severity: 'error',
  category: 'readiness',
  meshes: ['istio-sidecar'],
  reads: ['pod template containers[].image', 'Namespace injection labels'],
  readsKinds: MESH_MEMBERSHIP_KINDS,
  why: 'Gateway deployments use `image: auto` for the injector to fill in; without injection the image never resolves and the pod cannot start (IST0146/IST0147).',
  run(context) {
    const { workload, detection } = context;
    const injected =
      detection.mesh === 'istio-sidecar' ||
      detection.otherMeshes.includes('istio-sidecar');
    const findings: CheckFinding[] = injected
      ? []
      : appContainers(workload)
          .filter(container => container.image === 'auto')
          .map(container => ({
            status: 'fail',
            // IST0147 (error) for Pods, IST0146 (warning) for controllers.
            severity: workload.kind === 'Pod' ? 'error' : 'warning',
            object: workloadRef(workload),
            field: containerField(workload, container, 'image'),
            message: `Container ${container.name} of ${workloadLabel(
              workload,
            )} uses image: auto but no Istio injection applies to it`,
            remediation:
              'Enable injection for the namespace (istio-injection=enabled or istio.io/rev) or set a real image.',
            snippet: 'metadata:\n  labels:\n    istio-injection: enabled',
          }));
    return orPass(
      findings,
      context,
      'No container relies on image: auto without injection',
    );
  },
};

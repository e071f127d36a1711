import { asBoolean } from '../model/access';
import { templateField, workloadRef } from '../workloads/workload';
import { passed, workloadLabel } from './helpers';
import { ReadinessCheck } from './types';

export const serviceAccountTokenCheck: ReadinessCheck = {
  id: 'MR-SA-TOKEN',
  title: 'Service account token is mounted',
  severity: 'error',
  category: 'readiness',
  meshes: ['linkerd'],
  reads: [
    'pod template spec.automountServiceAccountToken',
    'ServiceAccount automountServiceAccountToken',
  ],
  why: 'Linkerd skips injection when the service account token is not mounted and identity token projection is off, because the proxy proves its identity with it.',
  run(context) {
    const { workload } = context;
    const podSetting = workload.template.spec.automountServiceAccountToken;
    const accountSetting = asBoolean(
      workload.serviceAccount?.automountServiceAccountToken,
    );
    if (
      podSetting === false ||
      (podSetting === undefined && accountSetting === false)
    ) {
      const onPod = podSetting === false;
      return [
        {
          status: 'fail',
          object: onPod
            ? workloadRef(workload)
            : {
                kind: 'ServiceAccount',
                namespace: workload.namespace,
                name: workload.template.spec.serviceAccountName,
              },
          field: onPod
            ? templateField(workload, 'spec.automountServiceAccountToken')
            : 'automountServiceAccountToken',
          message: onPod
            ? `${workloadLabel(
                workload,
              )} sets automountServiceAccountToken: false; Linkerd skips injection unless identity token projection is on`
            : `ServiceAccount ${
                workload.template.spec.serviceAccountName
              } sets automountServiceAccountToken: false and ${workloadLabel(
                workload,
              )} does not override it`,
          remediation:
            'Mount the token (automountServiceAccountToken: true on the pod) or keep Linkerd identity token projection enabled.',
          snippet: 'spec:\n  automountServiceAccountToken: true',
        },
      ];
    }
    return [passed(context, 'The service account token is mounted')];
  },
};

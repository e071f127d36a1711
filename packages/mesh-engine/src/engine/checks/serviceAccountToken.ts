import { asBoolean } from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { templateField, workloadRef } from '../workloads/workload';
import { passed, workloadLabel } from './helpers';
import { linkerdValue } from './linkerdValues';
import { ReadinessCheck } from './types';

/**
 * `identity.serviceAccountTokenProjection` from the `linkerd-config`
 * ConfigMap's `values`; the chart default is `true`
 * (`charts/linkerd-control-plane/values.yaml`).
 */
function linkerdProjectsToken(config: KubeObject | undefined): boolean {
  const value = asBoolean(
    linkerdValue(config, 'identity.serviceAccountTokenProjection'),
  );
  return value !== false;
}

/**
 * Linkerd's injector refuses a pod without a mounted service account token
 * only when token projection is off (linkerd2 `pkg/inject/report.go`:
 * `automountServiceAccountToken set to "false", with
 * Values.identity.serviceAccountTokenProjection set to "false"`). With the
 * default projection on, it mounts its own `linkerd-identity-token` volume,
 * so the pod's setting does not matter.
 */
export const serviceAccountTokenCheck: ReadinessCheck = {
  id: 'MR-SA-TOKEN',
  title: 'Service account token is available to the Linkerd proxy',
  severity: 'error',
  category: 'readiness',
  meshes: ['linkerd'],
  reads: [
    'pod template spec.automountServiceAccountToken',
    'ServiceAccount automountServiceAccountToken',
    'ConfigMap linkerd-config values identity.serviceAccountTokenProjection',
  ],
  readsKinds: [KINDS.configMap, KINDS.serviceAccount],
  why: 'With identity token projection turned off, Linkerd skips injection when the service account token is not mounted, because the proxy proves its identity with it.',
  run(context) {
    const { workload, controlPlane } = context;
    if (linkerdProjectsToken(controlPlane.linkerd.config)) {
      return [
        passed(
          context,
          "Linkerd projects its own service account token for the proxy (identity.serviceAccountTokenProjection, on by default), so the pod's automountServiceAccountToken does not matter",
        ),
      ];
    }
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
              )} sets automountServiceAccountToken: false and linkerd-config turns identity token projection off; Linkerd skips injection`
            : `ServiceAccount ${
                workload.template.spec.serviceAccountName
              } sets automountServiceAccountToken: false, ${workloadLabel(
                workload,
              )} does not override it and linkerd-config turns identity token projection off; Linkerd skips injection`,
          remediation:
            'Turn identity token projection back on (identity.serviceAccountTokenProjection: true, the default) or mount the token (automountServiceAccountToken: true on the pod).',
          snippet: 'spec:\n  automountServiceAccountToken: true',
        },
      ];
    }
    return [passed(context, 'The service account token is mounted')];
  },
};

import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { workloadRef } from '../workloads/workload';
import { KINDS } from '../model/kubeObject';
import {
  ALL_MESHES,
  MESH_MEMBERSHIP_KINDS,
  notEvaluated,
  passed,
  workloadLabel,
} from './helpers';
import { CheckContext, ReadinessCheck } from './types';

/** Meshes the workload is enrolled in or already running in. */
export function meshesOf(context: CheckContext): MeshId[] {
  const { detection } = context;
  const primary =
    detection.mesh !== 'none' &&
    (detection.state === 'meshed' || detection.state === 'enrolled')
      ? [detection.mesh]
      : [];
  return [...primary, ...detection.otherMeshes];
}

export const namespaceNotEnrolledCheck: ReadinessCheck = {
  id: 'MR-NS-NOT-ENROLLED',
  title: 'Workload is enrolled in a mesh',
  severity: 'info',
  category: 'adoption',
  meshes: ALL_MESHES,
  reads: [
    'Namespace labels istio-injection, istio.io/rev, istio.io/dataplane-mode, kuma.io/sidecar-injection, appmesh.k8s.aws/sidecarInjectorWebhook, openservicemesh.io/monitored-by, io.cilium/mtls-enabled',
    'Namespace annotation linkerd.io/inject',
    'pod template injection labels and annotations',
  ],
  readsKinds: MESH_MEMBERSHIP_KINDS,
  why: 'Enrolment is the first adoption step and the signal adoption tracking counts (IST0102).',
  run(context) {
    const { workload } = context;
    const meshes = meshesOf(context);
    if (meshes.length > 0) {
      return [
        passed(
          context,
          `Enrolled in ${meshes
            .map(mesh => MESH_DISPLAY_NAMES[mesh])
            .join(', ')}`,
        ),
      ];
    }
    if (!workload.namespaceObject) {
      return [
        notEvaluated(
          context,
          `Namespace ${
            workload.namespace
          } is not in the input and ${workloadLabel(
            workload,
          )} carries no mesh label or annotation`,
          'Include the Namespace object in the input.',
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: { kind: 'Namespace', name: workload.namespace },
        field: 'metadata.labels',
        message: `Namespace ${
          workload.namespace
        } is not enrolled in any mesh, and neither is ${workloadLabel(
          workload,
        )}`,
        remediation:
          "Label (or, for Linkerd, annotate) the namespace for the chosen mesh's injection, then restart the workloads.",
        snippet:
          'metadata:\n  labels:\n    istio-injection: enabled   # Istio sidecar; see the target mesh for its key',
      },
    ];
  },
};

export const namespaceConflictingModesCheck: ReadinessCheck = {
  id: 'MR-NS-CONFLICTING-MODES',
  title: 'Namespace uses one Istio enrolment label',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient'],
  reads: [
    'Namespace labels istio-injection, istio.io/rev, istio.io/dataplane-mode',
  ],
  readsKinds: [KINDS.namespace],
  why: 'A namespace with more than one Istio enrolment label is ambiguous (IST0123): sidecar injection wins over ambient and istio-injection over istio.io/rev.',
  run(context) {
    const { workload } = context;
    const labels = workload.namespaceObject?.metadata.labels;
    if (!labels) {
      return [
        notEvaluated(
          context,
          `Namespace ${workload.namespace} is not in the input`,
          'Include the Namespace object in the input.',
        ),
      ];
    }
    const present = [
      labels['istio-injection'] === 'enabled'
        ? 'istio-injection=enabled'
        : undefined,
      labels['istio.io/rev']
        ? `istio.io/rev=${labels['istio.io/rev']}`
        : undefined,
      labels['istio.io/dataplane-mode'] === 'ambient'
        ? 'istio.io/dataplane-mode=ambient'
        : undefined,
    ].filter((label): label is string => label !== undefined);
    if (present.length < 2) {
      return [
        passed(
          context,
          `Namespace ${workload.namespace} has at most one Istio enrolment label`,
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: { kind: 'Namespace', name: workload.namespace },
        field: 'metadata.labels',
        message: `Namespace ${
          workload.namespace
        } has conflicting Istio labels ${present.join(', ')}`,
        remediation:
          'Keep exactly one: istio-injection=enabled or istio.io/rev for sidecars, istio.io/dataplane-mode=ambient for ambient.',
      },
    ];
  },
};

const SIDECAR_MESHES: readonly MeshId[] = [
  'istio-sidecar',
  'linkerd',
  'kuma',
  'consul',
  'aws-app-mesh',
];

export const proxyMissingCheck: ReadinessCheck = {
  id: 'MR-PROXY-MISSING',
  title: 'Every pod of an enrolled workload runs the proxy',
  severity: 'warning',
  category: 'adoption',
  meshes: SIDECAR_MESHES,
  reads: [
    'enrolment labels and annotations',
    'live pods: containers and initContainers',
  ],
  readsKinds: MESH_MEMBERSHIP_KINDS,
  why: 'Pods created before enrolment keep running without a proxy until restarted (IST0103, "data plane proxies are ready").',
  run(context) {
    const { workload, detection } = context;
    const mesh = detection.mesh;
    if (
      mesh === 'none' ||
      !SIDECAR_MESHES.includes(mesh) ||
      !detection.meshable
    ) {
      return [passed(context, 'Not enrolled in a sidecar mesh')];
    }
    const coverage = detection.coverage;
    if (!coverage) {
      return [
        notEvaluated(
          context,
          `${workloadLabel(workload)} is enrolled in ${
            MESH_DISPLAY_NAMES[mesh]
          } but its pods are not in the input`,
          'Include live Pods in the input to measure injection coverage.',
        ),
      ];
    }
    if (coverage.meshedPods >= coverage.totalPods) {
      return [
        passed(
          context,
          `All ${coverage.totalPods} pods run the ${MESH_DISPLAY_NAMES[mesh]} proxy`,
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        meshes: [mesh],
        message: `${coverage.totalPods - coverage.meshedPods} of ${
          coverage.totalPods
        } pods of ${workloadLabel(workload)} run without the ${
          MESH_DISPLAY_NAMES[mesh]
        } proxy`,
        remediation: `Restart the workload (kubectl rollout restart ${workload.kind.toLowerCase()}/${
          workload.name
        } -n ${workload.namespace}) so the injector adds the proxy.`,
      },
    ];
  },
};

export const proxyStaleCheck: ReadinessCheck = {
  id: 'MR-PROXY-STALE',
  title: 'Proxies match the control plane version',
  severity: 'warning',
  category: 'adoption',
  meshes: SIDECAR_MESHES,
  reads: [
    'istio-proxy image vs ConfigMap istio-sidecar-injector[-<rev>]',
    'annotations istio.io/rev, sidecar.istio.io/status, linkerd.io/proxy-version',
  ],
  // What `detectProxyFreshness` compares the proxies with, per mesh.
  readsKinds: MESH_MEMBERSHIP_KINDS,
  readsKindsIn: {
    'istio-sidecar': [KINDS.configMap],
    'istio-ambient': [KINDS.daemonSet, KINDS.deployment],
  },
  why: 'Proxies only upgrade when pods restart; after a control-plane upgrade old proxies miss fixes and may fall out of the supported version skew (IST0158).',
  run(context) {
    const { workload, detection } = context;
    const proxy = detection.proxy;
    if (!proxy || detection.mesh === 'none')
      return [passed(context, 'No mesh proxy')];
    if (proxy.stale === true) {
      return [
        {
          status: 'fail',
          object: workloadRef(workload),
          meshes: [detection.mesh],
          message: `${workloadLabel(workload)} runs a stale ${
            MESH_DISPLAY_NAMES[detection.mesh]
          } proxy: ${proxy.source}`,
          remediation: `Restart the workload (kubectl rollout restart ${workload.kind.toLowerCase()}/${
            workload.name
          } -n ${workload.namespace}) to pick up the current proxy.`,
        },
      ];
    }
    if (proxy.stale === 'unknown') {
      return [
        notEvaluated(
          context,
          `Proxy freshness of ${workloadLabel(workload)} is unknown: ${
            proxy.source
          }`,
          'Include the live Pods and the control plane (istiod, injector ConfigMaps, Linkerd control-plane pods) in the input.',
        ),
      ];
    }
    return [passed(context, proxy.source)];
  },
};

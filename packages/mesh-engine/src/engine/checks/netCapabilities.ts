import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { ControlPlaneFacts } from '../cluster/controlPlane';
import { KINDS } from '../model/kubeObject';
import { notEvaluated, passed } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

const PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';

/** Meshes whose init container needs NET_ADMIN/NET_RAW (or root) and the CNI plugin that avoids it. */
const CNI_BY_MESH: ReadonlyArray<{
  mesh: MeshId;
  cni: string;
  installed: (facts: ControlPlaneFacts) => boolean;
}> = [
  {
    mesh: 'istio-sidecar',
    cni: 'Istio CNI (DaemonSet istio-cni-node)',
    installed: facts => !!facts.istio.cni,
  },
  {
    mesh: 'linkerd',
    cni: 'Linkerd CNI (DaemonSet linkerd-cni)',
    installed: facts => !!facts.linkerd.cni,
  },
  {
    mesh: 'kuma',
    cni: 'Kuma CNI (DaemonSet kuma-cni)',
    installed: facts => !!facts.kuma.cni,
  },
  { mesh: 'consul', cni: 'consul-k8s CNI plugin', installed: () => false },
  {
    mesh: 'aws-app-mesh',
    cni: 'App Mesh CNI (annotation appmesh.k8s.aws/appmeshCNI)',
    installed: () => false,
  },
  { mesh: 'osm', cni: 'none (OSM has no CNI plugin)', installed: () => false },
];

export const netCapabilitiesCheck: ReadinessCheck = {
  id: 'MR-NET-CAPS',
  title: 'Traffic-capture init container is allowed to run',
  severity: 'error',
  category: 'readiness',
  meshes: CNI_BY_MESH.map(entry => entry.mesh),
  reads: [
    'Namespace label pod-security.kubernetes.io/enforce',
    'DaemonSets istio-cni-node, linkerd-cni, kuma-cni',
  ],
  readsKinds: [KINDS.namespace, KINDS.daemonSet],
  why: 'Sidecar meshes set up iptables from an init container that needs NET_ADMIN/NET_RAW or root; Pod Security "restricted" forbids that unless the mesh CNI plugin does the work instead.',
  run(context) {
    const { workload, controlPlane } = context;
    const namespaceObject = workload.namespaceObject;
    const level = namespaceObject?.metadata.labels?.[PSA_ENFORCE];
    if (!namespaceObject) {
      return [
        notEvaluated(
          context,
          `Namespace ${workload.namespace} is not in the input, so its Pod Security level is unknown`,
          'Include the Namespace object (and kube-system DaemonSets) in the input.',
        ),
      ];
    }
    if (level !== 'restricted') {
      return [
        passed(
          context,
          `Namespace ${workload.namespace} Pod Security level is ${
            level ?? 'unset (Kubernetes default: privileged)'
          }, which allows NET_ADMIN/NET_RAW`,
        ),
      ];
    }
    if (!controlPlane.daemonSetsKnown) {
      return [
        notEvaluated(
          context,
          `Namespace ${workload.namespace} enforces Pod Security "restricted", and the input does not show whether a mesh CNI plugin is installed`,
          'Include kube-system and mesh DaemonSets in the input, or check for the mesh CNI plugin by hand.',
          { kind: 'Namespace', name: workload.namespace },
        ),
      ];
    }
    const blocked = CNI_BY_MESH.filter(entry => !entry.installed(controlPlane));
    if (blocked.length === 0) {
      return [passed(context, 'Every mesh CNI plugin is installed')];
    }
    const finding: CheckFinding = {
      status: 'fail',
      object: { kind: 'Namespace', name: workload.namespace },
      field: `metadata.labels["${PSA_ENFORCE}"]`,
      meshes: blocked.map(entry => entry.mesh),
      message: `Namespace ${
        workload.namespace
      } enforces Pod Security "restricted", which forbids the NET_ADMIN/NET_RAW init container, and no CNI plugin is installed for ${blocked
        .map(entry => entry.mesh)
        .join(', ')}`,
      remediation: `Install the mesh CNI plugin (${blocked
        .map(entry => entry.cni)
        .join('; ')}) or relax the namespace to Pod Security "baseline".`,
      snippet: `metadata:\n  labels:\n    ${PSA_ENFORCE}: baseline`,
    };
    return [finding];
  },
};

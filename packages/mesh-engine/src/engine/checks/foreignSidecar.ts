import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  findMeshProxies,
  MESH_INIT_CONTAINERS,
} from '../detect/proxyContainers';
import { KINDS } from '../model/kubeObject';
import { allContainers } from '../model/podSpec';
import { workloadRef } from '../workloads/workload';
import { ALL_MESHES, orPass, workloadLabel } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

export const foreignSidecarCheck: ReadinessCheck = {
  id: 'MR-FOREIGN-SIDECAR',
  title: "No other mesh's proxy is present",
  severity: 'error',
  category: 'readiness',
  meshes: ALL_MESHES,
  reads: [
    'pod template and pods: containers[] and initContainers[] names and images',
  ],
  readsKinds: [KINDS.pod],
  why: "Two proxies in one pod fight over the same traffic; the old mesh's injection must be removed before moving to a new one.",
  run(context) {
    const { workload } = context;
    const specs = [
      {
        where: `the pod template of ${workloadLabel(workload)}`,
        spec: workload.template.spec,
      },
      ...workload.pods.map(pod => ({
        where: `Pod ${pod.name}`,
        spec: pod.view.spec,
      })),
    ];
    const present = new Map<MeshId, string>();
    for (const { where, spec } of specs) {
      for (const proxy of findMeshProxies(spec)) {
        if (!present.has(proxy.mesh))
          present.set(proxy.mesh, `${where} runs ${proxy.container.name}`);
      }
      for (const container of allContainers(spec)) {
        const mesh = MESH_INIT_CONTAINERS[container.name];
        if (mesh && !present.has(mesh))
          present.set(mesh, `${where} has init container ${container.name}`);
      }
    }
    const findings: CheckFinding[] = [...present].map(([mesh, where]) => ({
      status: 'fail',
      object: workloadRef(workload),
      // Foreign to every other target; Istio sidecar is foreign to ambient too (sidecar wins).
      meshes: ALL_MESHES.filter(target => target !== mesh),
      message: `${where}, the proxy of ${MESH_DISPLAY_NAMES[mesh]}: remove it before moving to another mesh`,
      remediation: `Disable ${MESH_DISPLAY_NAMES[mesh]} injection for the workload (or uninstall the manual injection) and restart it before enrolling it in the target mesh.`,
    }));
    return orPass(findings, context, 'No mesh proxy is present yet');
  },
};

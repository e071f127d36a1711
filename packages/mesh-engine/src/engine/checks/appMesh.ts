import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { workloadRef } from '../workloads/workload';
import { KINDS } from '../model/kubeObject';
import { MESH_MEMBERSHIP_KINDS, passed, workloadLabel } from './helpers';
import { meshesOf } from './enrolment';
import { ReadinessCheck } from './types';

export const appMeshVirtualNodeCheck: ReadinessCheck = {
  id: 'MR-APPMESH-VN',
  title: 'Exactly one App Mesh VirtualNode or VirtualGateway selects the pods',
  severity: 'error',
  category: 'readiness',
  meshes: ['aws-app-mesh'],
  reads: [
    'VirtualNode / VirtualGateway spec.podSelector',
    'pod template labels',
  ],
  readsKinds: MESH_MEMBERSHIP_KINDS,
  readsKindsIn: {
    'aws-app-mesh': [KINDS.appMeshVirtualNode, KINDS.appMeshVirtualGateway],
  },
  why: "App Mesh's injector rejects pods that match no VirtualNode or VirtualGateway, or both.",
  run(context) {
    const { workload, resources } = context;
    if (!meshesOf(context).includes('aws-app-mesh')) {
      return [passed(context, 'Not enrolled in App Mesh')];
    }
    const nodes = resources.appMesh.virtualNodes;
    const gateways = resources.appMesh.virtualGateways;
    if (nodes.length + gateways.length === 0) {
      return [
        {
          status: 'fail',
          object: workloadRef(workload),
          message: `No VirtualNode or VirtualGateway in namespace ${
            workload.namespace
          } selects the pods of ${workloadLabel(
            workload,
          )}; the App Mesh injector rejects them`,
          remediation:
            'Add a VirtualNode whose podSelector matches the pod template labels (or plan the migration off App Mesh, see MR-EOL-MESH).',
        },
      ];
    }
    if (nodes.length > 0 && gateways.length > 0) {
      return [
        {
          status: 'fail',
          object: workloadRef(workload),
          message: `VirtualNode ${nodes[0].metadata.name} and VirtualGateway ${
            gateways[0].metadata.name
          } both select the pods of ${workloadLabel(workload)}`,
          remediation:
            'Narrow the podSelectors so one object selects the pods.',
        },
      ];
    }
    const selector = nodes[0] ?? gateways[0];
    return [
      passed(
        context,
        `${selector.kind} ${selector.metadata.name} selects the pods`,
      ),
    ];
  },
};

const END_OF_LIFE: Partial<Record<MeshId, string>> = {
  'aws-app-mesh': 'AWS App Mesh was discontinued on 2026-09-30',
  osm: 'Open Service Mesh was archived in 2023 and gets no fixes',
};

export const endOfLifeMeshCheck: ReadinessCheck = {
  id: 'MR-EOL-MESH',
  title: 'Workload is not on a discontinued mesh',
  severity: 'error',
  category: 'adoption',
  meshes: ['aws-app-mesh', 'osm'],
  reads: ['App Mesh and OSM detection signatures'],
  readsKinds: MESH_MEMBERSHIP_KINDS,
  why: 'A discontinued mesh gets no security fixes or support; its workloads must migrate.',
  run(context) {
    const { workload } = context;
    const eol = meshesOf(context).filter(mesh => END_OF_LIFE[mesh]);
    if (eol.length === 0)
      return [passed(context, 'Not on a discontinued mesh')];
    return eol.map(mesh => ({
      status: 'fail' as const,
      object: workloadRef(workload),
      meshes: [mesh],
      message: `${workloadLabel(workload)} is on ${MESH_DISPLAY_NAMES[mesh]}: ${
        END_OF_LIFE[mesh]
      }`,
      remediation:
        'Plan a migration to a supported mesh (see the recommender and migration plan).',
    }));
  },
};

import { allUnknown, fact, supported } from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

export const VPC_LATTICE_ENTRY: MeshEntry = {
  id: 'vpc-lattice',
  name: 'Amazon VPC Lattice',
  kind: 'migration-target',
  origin: 'built-in',
  license: fact(
    'unknown',
    'AWS service; its licence is not recorded by the research.',
    S.awsAppMeshToLattice,
  ),
  cncfStatus: fact(
    'not-cncf',
    'An AWS service, not a CNCF project.',
    S.awsAppMeshToLattice,
  ),
  dataPlaneModel: fact(
    'unknown',
    'Not recorded by the research.',
    S.awsAppMeshToLattice,
  ),
  costModel: fact(
    'cloud-service',
    'AWS service; pricing is not recorded by the research.',
    S.awsAppMeshToLattice,
  ),
  lifecycle: {
    status: 'active',
    note: 'Named by AWS as the migration target for App Mesh workloads on EKS, and documented for ECS workloads too.',
    source: S.awsAppMeshToLattice,
    additionalSources: [S.awsEcsAppMeshToLattice],
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    ...allUnknown(
      'The research covers VPC Lattice only as an App Mesh migration target; not verified.',
      S.awsAppMeshToLattice,
    ),
    'platform-kubernetes': supported(
      'Amazon EKS through the AWS Gateway API Controller.',
      S.awsAppMeshToLattice,
    ),
    'platform-ecs': supported(
      'AWS documents moving ECS workloads from App Mesh to VPC Lattice.',
      S.awsEcsAppMeshToLattice,
    ),
    'gateway-api': supported(
      'Configured through Gateway API (GatewayClass controller application-networking.k8s.aws/gateway-api-controller).',
      S.awsAppMeshToLattice,
    ),
    'control-plane-managed': supported(
      'An AWS service that AWS names as its App Mesh successor.',
      S.awsAppMeshToLattice,
    ),
  },
  overhead: [],
};

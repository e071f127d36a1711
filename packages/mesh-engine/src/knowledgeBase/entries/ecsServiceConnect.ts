import {
  allUnknown,
  fact,
  ISSUE_12_CHECKED_ON,
  notSupported,
  partial,
  readOn,
  supported,
  unknown,
} from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const SECONDARY =
  'Per a secondary (sysdesign-wiki) summary of the AWS migration blog cited by the research.';

export const ECS_SERVICE_CONNECT_ENTRY: MeshEntry = {
  id: 'ecs-service-connect',
  name: 'Amazon ECS Service Connect',
  kind: 'migration-target',
  origin: 'built-in',
  license: fact(
    'unknown',
    'AWS service; its licence is not recorded by the research.',
    S.awsAppMeshToServiceConnect,
  ),
  cncfStatus: fact(
    'not-cncf',
    'An AWS service, not a CNCF project.',
    S.awsAppMeshToServiceConnect,
  ),
  dataPlaneModel: fact(
    'unknown',
    'Not recorded by the research.',
    S.awsAppMeshToServiceConnect,
  ),
  costModel: fact(
    'cloud-service',
    'AWS service; pricing is not recorded by the research.',
    S.awsAppMeshToServiceConnect,
  ),
  lifecycle: {
    status: 'active',
    note: 'Named by AWS as the migration target for App Mesh workloads on ECS. A service cannot be in an App Mesh mesh and a Service Connect namespace at once.',
    source: S.awsAppMeshToServiceConnect,
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    ...allUnknown(
      'The research covers Service Connect only as an App Mesh migration target; not verified.',
      S.awsAppMeshToServiceConnect,
    ),
    'platform-ecs': supported(
      'AWS’s named successor to App Mesh for ECS workloads.',
      S.awsAppMeshToServiceConnect,
    ),
    'platform-kubernetes': unknown(
      'Not covered; AWS points EKS workloads to VPC Lattice instead.',
      S.awsAppMeshToLattice,
    ),
    retries: readOn(
      supported(
        'Retries are built in (AWS migration blog); there is no fine-grained retry tuning as in App Mesh route retry policies.',
        S.awsAppMeshToServiceConnect,
      ),
      ISSUE_12_CHECKED_ON,
    ),
    'circuit-breaking': readOn(
      partial(
        'Outlier detection is built in (AWS migration blog), without fine-grained tuning; connection limits are not recorded.',
        S.awsAppMeshToServiceConnect,
      ),
      ISSUE_12_CHECKED_ON,
    ),
    'weighted-routing': notSupported(
      `No virtual-router version routing. ${SECONDARY} Migrations shift traffic outside the service (Route 53 weighted routing, CloudFront continuous deployment or ALB target groups).`,
      S.awsAppMeshToServiceConnect,
    ),
    'blue-green': unknown(
      'The migration itself is done blue/green outside the service (Route 53, CloudFront or ALB); in-service support is not recorded.',
      S.awsAppMeshToServiceConnect,
    ),
    'automatic-mtls': readOn(
      notSupported(
        'Service Connect encrypts traffic with TLS using certificates from AWS Private CA that ECS issues and rotates; that is TLS, not mutual TLS (no client certificates).',
        S.ecsServiceConnectTls,
      ),
      ISSUE_12_CHECKED_ON,
    ),
    'certificate-rotation': readOn(
      supported(
        'With Service Connect TLS pointed at an AWS Private CA, ECS generates, rotates and distributes the TLS certificates.',
        S.ecsServiceConnectTls,
      ),
      ISSUE_12_CHECKED_ON,
    ),
    'control-plane-managed': supported(
      'An AWS service that AWS names as its App Mesh successor.',
      S.awsAppMeshToServiceConnect,
    ),
  },
  overhead: [],
};

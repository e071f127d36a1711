import {
  fact,
  NOT_IN_RESEARCH,
  notSupported,
  partial,
  supported,
  unknown,
} from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const NO_KEY = 'The research matrix gives no source key for this cell.';

export const AWS_APP_MESH_ENTRY: MeshEntry = {
  id: 'aws-app-mesh',
  name: 'AWS App Mesh',
  kind: 'mesh',
  origin: 'built-in',
  license: fact(
    'Proprietary service; Kubernetes controller Apache-2.0',
    'App Mesh is a proprietary AWS service; only aws-app-mesh-controller-for-k8s is Apache-2.0.',
    S.appMeshUserGuide,
  ),
  cncfStatus: fact(
    'not-cncf',
    'Not a CNCF project (AWS service).',
    S.appMeshUserGuide,
  ),
  dataPlaneModel: fact(
    'sidecar',
    'An `envoy` sidecar (aws-appmesh-envoy image) injected by the controller, with a `proxyinit` init container.',
    S.appMeshEnvoyInjector,
  ),
  costModel: fact(
    'cloud-service',
    'AWS service; pricing is not recorded by the research.',
    S.appMeshUserGuide,
  ),
  lifecycle: {
    status: 'discontinued',
    since: '2026-09-30',
    announcedOn: '2024-09-24',
    note: 'AWS stopped onboarding new customers on 2024-09-24. After 2026-09-30 the App Mesh console and App Mesh resources can no longer be accessed. AWS points ECS workloads to ECS Service Connect and EKS workloads to VPC Lattice (ECS to VPC Lattice is documented too).',
    source: S.awsAppMeshToServiceConnect,
    additionalSources: [S.awsAppMeshToLattice, S.awsEcsAppMeshToLattice],
    checkedOn: '2026-11-22',
    successors: ['ecs-service-connect', 'vpc-lattice'],
  },
  capabilities: {
    'platform-kubernetes': supported(
      'Amazon EKS through the App Mesh controller.',
      S.appMeshCrds,
    ),
    'platform-vms': supported(`EC2 instances. ${NO_KEY}`, S.appMeshUserGuide),
    'platform-ecs': supported(`ECS and Fargate. ${NO_KEY}`, S.appMeshUserGuide),
    'platform-ec2': supported(`EC2 instances. ${NO_KEY}`, S.appMeshUserGuide),
    'platform-multi-cluster': supported(
      'Cross-account sharing via AWS RAM (from a secondary summary cited by the research).',
      S.appMeshUserGuide,
    ),
    'platform-multi-cloud': notSupported(
      `AWS only. ${NO_KEY}`,
      S.appMeshUserGuide,
    ),
    'load-balancing': unknown(
      'Research: Envoy default only, not configurable in the CRDs; marked "?" (not verified).',
      S.appMeshCrds,
    ),
    retries: supported('Route retryPolicy.', S.appMeshCrds),
    timeouts: supported(
      'Listener and route timeouts.',
      S.appMeshTimeoutWalkthrough,
    ),
    'circuit-breaking': supported(
      'connectionPool and outlierDetection.',
      S.appMeshCrds,
    ),
    'fault-injection': notSupported('Not in the CRDs.', S.appMeshCrds),
    mirroring: notSupported('No mirror field in the CRDs.', S.appMeshCrds),
    'rate-limiting': notSupported(
      'No rateLimit field in the CRDs.',
      S.appMeshCrds,
    ),
    'weighted-routing': supported(
      'VirtualRouter weightedTargets.',
      S.appMeshCrds,
    ),
    'blue-green': unknown(NOT_IN_RESEARCH, S.appMeshCrds),
    'gateway-api': notSupported(
      `Not supported (its successor VPC Lattice uses Gateway API). ${NO_KEY}`,
      S.appMeshCrds,
    ),
    'automatic-mtls': notSupported(
      'Not automatic: listener TLS mode (DISABLED / PERMISSIVE / STRICT) must be configured per virtual node.',
      S.appMeshCrds,
    ),
    'certificate-rotation': partial(
      'Through ACM Private CA or SDS.',
      S.appMeshCrds,
    ),
    'authorization-policy': unknown(
      'Research: partial, a backends allow-list only; marked "?" (not verified).',
      S.appMeshCrds,
    ),
    'jwt-authentication': notSupported(
      'No JWT fields in the CRDs.',
      S.appMeshCrds,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.appMeshUserGuide),
    metrics: supported(
      `Envoy stats and CloudWatch. ${NO_KEY}`,
      S.appMeshUserGuide,
    ),
    tracing: supported('X-Ray daemon sidecar.', S.appMeshCrds),
    'access-logs': supported('Envoy access logs.', S.appMeshCrds),
    dashboards: unknown(NOT_IN_RESEARCH, S.appMeshUserGuide),
    'service-map': unknown(NOT_IN_RESEARCH, S.appMeshUserGuide),
    'control-plane-self-hosted': notSupported(
      'Proprietary AWS service; only the Kubernetes controller runs in your cluster.',
      S.appMeshUserGuide,
    ),
    'control-plane-managed': supported(
      'The control plane is an AWS service.',
      S.appMeshUserGuide,
    ),
    'open-source-license': notSupported(
      'Proprietary AWS service; only the Kubernetes controller is Apache-2.0.',
      S.appMeshUserGuide,
    ),
  },
  overhead: [],
};

import {
  fact,
  ISSUE_12_CHECKED_ON,
  NOT_IN_RESEARCH,
  partial,
  supported,
  unknown,
} from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const NO_KEY = 'The research matrix gives no source key for this cell.';

export const KUMA_ENTRY: MeshEntry = {
  id: 'kuma',
  name: 'Kuma / Kong Mesh',
  kind: 'mesh',
  origin: 'built-in',
  license: fact(
    'Apache-2.0 (Kuma); commercial (Kong Mesh)',
    'Kuma is Apache-2.0; Kong Mesh is Kong’s commercial distribution.',
    S.kumaLicense,
  ),
  cncfStatus: fact('sandbox', 'Kuma is a CNCF Sandbox project.', S.kumaReadme),
  dataPlaneModel: fact(
    'native-sidecar',
    'kuma-sidecar per pod; Kuma 2.14 injects it only as a native sidecar.',
    S.kumaUpgrade,
  ),
  costModel: fact(
    'open-source-with-commercial-distributions',
    'Kuma is open source; Kong Mesh is the commercial distribution. The research records no pricing.',
    S.kumaLicense,
  ),
  lifecycle: {
    status: 'active',
    note: 'Active. The newest release tag in the kumahq/kuma snapshot read on 2026-12-02 (the repository as of 2026-08-21) is v2.14.3, created 2026-08-10; no source was found for a later release date. Kuma 3.0.0 on master removes the BUILTIN gateway, Mesh.mtls and north-south Gateway API support (UPGRADE.md); its release status is not verified.',
    source: S.kumaTag2143,
    additionalSources: [S.kumaUpgrade],
    latestRelease: { version: 'v2.14.3', releasedOn: '2026-08-10' },
    checkedOn: ISSUE_12_CHECKED_ON,
    successors: [],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes. ${NO_KEY}`,
      S.kumaReadme,
    ),
    'platform-vms': supported(
      `Universal mode for VMs and bare hosts. ${NO_KEY}`,
      S.kumaReadme,
    ),
    'platform-ecs': partial(
      'Kong Mesh (not Kuma) runs on Amazon ECS.',
      S.kongMeshEcs,
    ),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.kumaReadme,
    ),
    'platform-multi-cluster': supported(
      'Multi-zone deployments.',
      S.kumaReadme,
    ),
    'platform-multi-cloud': supported(`Supported. ${NO_KEY}`, S.kumaReadme),
    'load-balancing': supported(
      'RoundRobin, LeastRequest, RingHash, Random, Maglev (MeshLoadBalancingStrategy).',
      S.kumaLoadBalancing,
    ),
    retries: supported('MeshRetry.', S.kumaRetry),
    timeouts: supported('MeshTimeout.', S.kumaTimeout),
    'circuit-breaking': supported('MeshCircuitBreaker.', S.kumaCircuitBreaker),
    'fault-injection': supported('MeshFaultInjection.', S.kumaFaultInjection),
    mirroring: supported(
      'MeshHTTPRoute RequestMirror filter.',
      S.kumaHttpRoute,
    ),
    'rate-limiting': supported('MeshRateLimit.', S.kumaRateLimit),
    'weighted-routing': supported(
      'MeshHTTPRoute / MeshTCPRoute backend weights.',
      S.kumaHttpRoute,
    ),
    'blue-green': unknown(NOT_IN_RESEARCH, S.kumaHttpRoute),
    'gateway-api': supported(
      'GAMMA HTTPRoute; north-south Gateway API support is removed in Kuma 3.0.',
      S.kumaUpgrade,
    ),
    'automatic-mtls': partial(
      'Only once Mesh mTLS or a MeshIdentity is enabled (MeshTLS Strict / Permissive); Kuma 3.0 removes Mesh.mtls.',
      S.kumaTls,
    ),
    'certificate-rotation': unknown(
      'Plausible, marked "?" (not verified).',
      S.kumaTls,
    ),
    'authorization-policy': supported(
      'MeshTrafficPermission; MeshOPA in Kong Mesh.',
      S.kumaTrafficPermission,
    ),
    'jwt-authentication': partial(
      'No JWT policy found in Kuma; Kong Mesh can do it through MeshOPA.',
      S.kumaPolicies,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.kumaPolicies),
    metrics: supported('MeshMetric.', S.kumaMetric),
    tracing: supported('MeshTrace.', S.kumaTrace),
    'access-logs': supported('MeshAccessLog.', S.kumaAccessLog),
    dashboards: unknown(NOT_IN_RESEARCH, S.kumaReadme),
    'service-map': unknown(NOT_IN_RESEARCH, S.kumaReadme),
    'control-plane-self-hosted': unknown(NOT_IN_RESEARCH, S.kumaReadme),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.kumaReadme),
    'open-source-license': supported(
      `Kuma is Apache-2.0 (Kong Mesh is commercial). ${NO_KEY}`,
      S.kumaLicense,
    ),
  },
  overhead: [],
};

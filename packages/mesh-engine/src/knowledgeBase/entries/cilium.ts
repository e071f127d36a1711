import { measured, STUDIES } from '../benchmarks';
import {
  fact,
  ISSUE_12_CHECKED_ON,
  NOT_IN_RESEARCH,
  notSupported,
  partial,
  readOn,
  supported,
  unknown,
} from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const NO_KEY = 'The research matrix gives no source key for this cell.';

export const CILIUM_ENTRY: MeshEntry = {
  id: 'cilium',
  name: 'Cilium',
  kind: 'mesh',
  origin: 'built-in',
  license: readOn(
    fact(
      'Apache-2.0 (BPF programs GPL-2.0-only OR BSD-2-Clause)',
      'The repository is Apache-2.0 (LICENSE); the BPF programs under bpf/ are dual-licensed GPL-2.0-only or BSD-2-Clause (their SPDX headers).',
      S.ciliumLicense,
    ),
    ISSUE_12_CHECKED_ON,
  ),
  cncfStatus: fact(
    'graduated',
    'CNCF Graduated per the Istio ambient-vs-Cilium blog; the graduation date (2023-10) is not verified.',
    S.istioAmbientVsCilium,
  ),
  dataPlaneModel: fact(
    'per-node',
    'No per-pod sidecar: L7 goes through a per-node Envoy (cilium-envoy DaemonSet or embedded in the agent).',
    S.ciliumL7TrafficManagement,
  ),
  costModel: readOn(
    fact(
      'open-source',
      'Open source (Apache-2.0, BPF programs GPL-2.0-only OR BSD-2-Clause); commercial distributions and their pricing are not recorded.',
      S.ciliumLicense,
    ),
    ISSUE_12_CHECKED_ON,
  ),
  lifecycle: {
    status: 'active',
    note: 'The mesh is active. Its SPIRE-based Mutual Authentication feature is deprecated in Cilium 1.20 (July 2026) with removal planned for 1.21; ztunnel transparent encryption (Beta) replaces it.',
    source: S.ciliumMutualAuthDeprecation,
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes. ${NO_KEY}`,
      S.ciliumRepo,
    ),
    'platform-vms': unknown(
      'Research: not supported, marked "?" (not verified).',
      S.ciliumRepo,
    ),
    'platform-ecs': notSupported(`Not supported. ${NO_KEY}`, S.ciliumRepo),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.ciliumRepo,
    ),
    'platform-multi-cluster': supported(
      'ClusterMesh; not combinable with ztunnel encryption or mutual authentication.',
      S.ciliumZtunnel,
    ),
    'platform-multi-cloud': supported(`Supported. ${NO_KEY}`, S.ciliumRepo),
    'load-balancing': partial(
      'L7 round_robin / least_request / random via the service.cilium.io/lb-l7-algorithm annotation (Beta).',
      S.ciliumEnvoyLoadBalancing,
    ),
    retries: unknown(
      'Research: partial via CiliumEnvoyConfig or HTTPRoute, marked "?" (not verified).',
      S.ciliumServiceMeshDocs,
    ),
    timeouts: unknown(
      'Research: partial via CiliumEnvoyConfig or Gateway API, marked "?" (not verified).',
      S.ciliumServiceMeshDocs,
    ),
    'circuit-breaking': partial(
      'Via CiliumClusterwideEnvoyConfig.',
      S.ciliumEnvoyCircuitBreaker,
    ),
    'fault-injection': notSupported(
      'The Envoy fault filter is not in Cilium’s Envoy extension list.',
      S.ciliumServiceMeshDocs,
    ),
    mirroring: unknown('Marked "?" (not verified).', S.ciliumServiceMeshDocs),
    'rate-limiting': partial(
      'Envoy local_ratelimit filter via CiliumEnvoyConfig.',
      S.ciliumServiceMeshDocs,
    ),
    'weighted-routing': supported(
      'Gateway API traffic splitting and Envoy traffic shifting.',
      S.ciliumEnvoyTrafficShifting,
    ),
    'blue-green': unknown(NOT_IN_RESEARCH, S.ciliumEnvoyTrafficShifting),
    'gateway-api': supported(
      'Ingress and GAMMA producer routes.',
      S.ciliumGamma,
    ),
    'automatic-mtls': partial(
      'Beta only: ztunnel transparent encryption (namespace label io.cilium/mtls-enabled, TCP only), or SPIRE mutual authentication, which is deprecated in 1.20.',
      S.ciliumZtunnel,
    ),
    'certificate-rotation': unknown(
      'Marked "?" (not verified).',
      S.ciliumZtunnel,
    ),
    'authorization-policy': supported(
      `CiliumNetworkPolicy at L3–L7. ${NO_KEY}`,
      S.ciliumRepo,
    ),
    'jwt-authentication': partial(
      'Envoy jwt_authn filter via CiliumEnvoyConfig.',
      S.ciliumServiceMeshDocs,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.ciliumRepo),
    metrics: supported(`Hubble metrics. ${NO_KEY}`, S.ciliumRepo),
    tracing: unknown(
      'Research: partial, marked "?" (not verified).',
      S.ciliumRepo,
    ),
    'access-logs': supported(`Hubble flow logs. ${NO_KEY}`, S.ciliumRepo),
    dashboards: unknown(NOT_IN_RESEARCH, S.ciliumRepo),
    'service-map': unknown(NOT_IN_RESEARCH, S.ciliumRepo),
    'control-plane-self-hosted': unknown(NOT_IN_RESEARCH, S.ciliumRepo),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.ciliumRepo),
    'open-source-license': readOn(
      supported(
        'Apache-2.0; the BPF programs are GPL-2.0-only OR BSD-2-Clause (SPDX headers under bpf/), both OSI-approved.',
        S.ciliumBpfLicense,
      ),
      ISSUE_12_CHECKED_ON,
    ),
  },
  overhead: [
    measured(STUDIES.ambientVsCilium2024, {
      metric: 'mesh-cpu',
      value: -30,
      unit: 'percent',
      relativeTo: 'istio-ambient',
      component: 'whole mesh',
      load: 'cluster-wide load test',
      note: 'About 30% less CPU than Istio ambient.',
    }),
    measured(STUDIES.arxivMtls2024, {
      metric: 'added-latency',
      value: 99,
      unit: 'percent',
      component: 'Cilium data plane',
      load: 'mTLS test case',
    }),
  ],
};

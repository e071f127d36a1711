import { fact, NOT_IN_RESEARCH, partial, supported, unknown } from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const NO_KEY = 'The research matrix gives no source key for this cell.';

export const CONSUL_ENTRY: MeshEntry = {
  id: 'consul',
  name: 'Consul',
  kind: 'mesh',
  origin: 'built-in',
  license: fact(
    'BUSL-1.1 (Consul core); MPL-2.0 (consul-k8s)',
    'HashiCorp relicensed Consul core from MPL 2.0 to the Business Source License 1.1 in August 2023; consul-k8s still carries an MPL 2.0 LICENSE.',
    S.consulBsl,
  ),
  cncfStatus: fact('not-cncf', 'Not a CNCF project.', S.consulBsl),
  dataPlaneModel: fact(
    'sidecar',
    'consul-dataplane sidecar per pod; native sidecar only with the opt-in annotation consul.hashicorp.com/enable-consul-dataplane-as-sidecar.',
    S.consulDataplaneAnnotations,
  ),
  costModel: fact(
    'source-available-with-commercial-edition',
    'Source-available (BSL 1.1) with an Enterprise edition: fault injection and rate limits are Enterprise-only. The research records no pricing.',
    S.consulBsl,
  ),
  lifecycle: {
    status: 'active',
    note: 'Active; Consul core relicensed to BSL 1.1 in August 2023.',
    source: S.consulBsl,
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes (consul-k8s). ${NO_KEY}`,
      S.consulK8sApi,
    ),
    'platform-vms': supported(`VMs and Nomad. ${NO_KEY}`, S.consulK8sApi),
    'platform-ecs': unknown(
      'Plausibly via consul-ecs, marked "?" (not verified).',
      S.consulK8sApi,
    ),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.consulK8sApi,
    ),
    'platform-multi-cluster': supported(
      `Cluster peering and WAN federation. ${NO_KEY}`,
      S.consulMesh,
    ),
    'platform-multi-cloud': supported(`Supported. ${NO_KEY}`, S.consulMesh),
    'load-balancing': supported(
      'random, round_robin, least_request, ring_hash, maglev (ServiceResolver).',
      S.consulLoadBalancer,
    ),
    retries: supported(
      'ServiceRouter numRetries / retryOn.',
      S.consulServiceRouter,
    ),
    timeouts: supported('requestTimeout.', S.consulServiceRouter),
    'circuit-breaking': supported(
      'Upstream limits and passiveHealthCheck (ServiceDefaults).',
      S.consulServiceDefaults,
    ),
    'fault-injection': partial(
      'Enterprise only, Consul 1.18 and later (Envoy extension in service-defaults).',
      S.consulFaultInjection,
    ),
    mirroring: unknown(
      'Not found in the CRDs, but marked "?" (not verified).',
      S.consulK8sApi,
    ),
    'rate-limiting': partial(
      'ServiceDefaults RateLimits (Enterprise).',
      S.consulServiceDefaults,
    ),
    'weighted-routing': supported('ServiceSplitter.', S.consulServiceSplitter),
    'blue-green': unknown(NOT_IN_RESEARCH, S.consulServiceSplitter),
    'gateway-api': supported(
      'Consul API Gateway uses Gateway / HTTPRoute (seen in the HashiCups demo).',
      S.consulHashiCupsDemo,
    ),
    'automatic-mtls': supported(
      'Always mTLS between dataplanes; permissive mode must be opted into (Mesh allowEnablingPermissiveMutualTLS).',
      S.consulMesh,
    ),
    'certificate-rotation': unknown(
      'Plausibly via the built-in CA, marked "?" (not verified).',
      S.consulMesh,
    ),
    'authorization-policy': supported(
      'ServiceIntentions.',
      S.consulServiceIntentions,
    ),
    'jwt-authentication': supported(
      'Intentions with JWT, plus JWTProvider.',
      S.consulJwtProvider,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.consulK8sApi),
    metrics: supported(`Supported. ${NO_KEY}`, S.consulK8sApi),
    tracing: unknown('Plausible, marked "?" (not verified).', S.consulK8sApi),
    'access-logs': supported(
      '`consul-sidecar-access-log-*` settings.',
      S.consulK8sApi,
    ),
    dashboards: unknown(NOT_IN_RESEARCH, S.consulK8sApi),
    'service-map': unknown(NOT_IN_RESEARCH, S.consulK8sApi),
    'control-plane-self-hosted': unknown(NOT_IN_RESEARCH, S.consulK8sApi),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.consulK8sApi),
    'open-source-license': partial(
      'Consul core is BSL 1.1 (source-available, not OSI open source) since August 2023; consul-k8s is MPL-2.0.',
      S.consulBsl,
    ),
  },
  overhead: [],
};

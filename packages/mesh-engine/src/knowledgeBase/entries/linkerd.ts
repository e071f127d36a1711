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
const DOCS_ONLY = 'Absence inferred from the docs only.';
const BEL =
  'stable releases are Buoyant Enterprise for Linkerd (BEL), which needs a licence key and is free only for non-production use or companies under 50 employees; larger companies pay for production use';

export const LINKERD_ENTRY: MeshEntry = {
  id: 'linkerd',
  name: 'Linkerd',
  kind: 'mesh',
  origin: 'built-in',
  license: readOn(
    fact(
      'Apache-2.0 source and edge releases; stable releases under the Buoyant Enterprise for Linkerd licence',
      `The source code is Apache-2.0 and the open-source project publishes edge releases only. Since 2.15 ${BEL}.`,
      S.buoyantEnterpriseFaq,
    ),
    ISSUE_12_CHECKED_ON,
  ),
  cncfStatus: fact(
    'graduated',
    'Graduated on 2021-07-28.',
    S.linkerdGraduation,
  ),
  dataPlaneModel: fact(
    'native-sidecar',
    'linkerd2-proxy per pod; a native sidecar by default since 2.20 (edge 2026-05).',
    S.linkerdValues,
  ),
  costModel: readOn(
    fact(
      'open-source-with-commercial-distributions',
      `Free: the Apache-2.0 source and edge releases. Since 2.15 (2024-02-21) ${BEL}. Running stable Linkerd in production at a company of 50 or more employees therefore costs a BEL subscription (or building and supporting your own stable builds).`,
      S.buoyantLicensing,
    ),
    ISSUE_12_CHECKED_ON,
  ),
  lifecycle: {
    status: 'active',
    note: 'Active. Since 2.15 open-source stable artifacts are no longer produced (a distribution change, not a deprecation). SMI TrafficSplit and the linkerd-smi extension are deprecated in favour of HTTPRoute.',
    source: S.linkerd215,
    additionalSources: [S.linkerdTrafficSplit],
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes. ${NO_KEY}`,
      S.linkerdFeatures,
    ),
    'platform-vms': supported(
      'Mesh expansion for non-Kubernetes workloads (2.15+).',
      S.linkerdNonKubernetes,
    ),
    'platform-ecs': notSupported(`Not supported. ${NO_KEY}`, S.linkerdFeatures),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.linkerdNonKubernetes,
    ),
    'platform-multi-cluster': supported(
      'Multi-cluster, including federated services (2.17).',
      S.linkerdMulticluster,
    ),
    'platform-multi-cloud': supported(
      `Supported. ${NO_KEY}`,
      S.linkerdMulticluster,
    ),
    'load-balancing': supported(
      'EWMA load balancing, automatic and not selectable.',
      S.linkerdLoadBalancing,
    ),
    retries: supported(
      '`retry.linkerd.io/*` annotations on HTTPRoute or Service.',
      S.linkerdRetriesTimeouts,
    ),
    timeouts: supported(
      '`timeout.linkerd.io/*` annotations.',
      S.linkerdRetriesTimeouts,
    ),
    'circuit-breaking': supported(
      'Failure-accrual circuit breaking.',
      S.linkerdCircuitBreakers,
    ),
    'fault-injection': partial(
      'Through an HTTPRoute to an error backend.',
      S.linkerdFaultInjection,
    ),
    mirroring: notSupported(`Not documented. ${DOCS_ONLY}`, S.linkerdFeatures),
    'rate-limiting': supported(
      'HTTPLocalRateLimitPolicy (local rate limits) since 2.17.',
      S.linkerdRateLimiting,
    ),
    'weighted-routing': supported(
      'HTTPRoute backendRefs weights (SMI TrafficSplit is deprecated).',
      S.linkerdTrafficSplit,
    ),
    'blue-green': unknown(NOT_IN_RESEARCH, S.linkerdTrafficSplit),
    'gateway-api': supported(
      'HTTPRoute / GRPCRoute configure the mesh; Gateway API CRDs are required.',
      S.linkerdGatewayApi,
    ),
    'automatic-mtls': supported(
      'On by default for TCP between meshed pods; plaintext from non-meshed sources is accepted unless policy denies it.',
      S.linkerdAutomaticMtls,
    ),
    'certificate-rotation': supported(
      'Proxy certificates rotate every 24 h; trust anchor and issuer need manual or cert-manager rotation.',
      S.linkerdAutomaticMtls,
    ),
    'authorization-policy': supported(
      'Server, AuthorizationPolicy and HTTPRoute policy.',
      S.linkerdServerPolicy,
    ),
    'jwt-authentication': notSupported(
      `Not documented. ${DOCS_ONLY}`,
      S.linkerdFeatures,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.linkerdFeatures),
    metrics: supported(`Proxy metrics. ${NO_KEY}`, S.linkerdFeatures),
    tracing: partial(
      'Needs the application to propagate trace headers.',
      S.linkerdTracing,
    ),
    'access-logs': supported(
      '`config.linkerd.io/access-log`, off by default.',
      S.linkerdAccessLogging,
    ),
    dashboards: unknown(NOT_IN_RESEARCH, S.linkerdFeatures),
    'service-map': unknown(NOT_IN_RESEARCH, S.linkerdFeatures),
    'control-plane-self-hosted': supported(
      'The control plane ran in the benchmark’s own bare-metal cluster (365 MB control-plane memory in the 2021 Linkerd/Istio benchmark).',
      S.linkerdVsIstio2021,
    ),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.linkerdFeatures),
    'open-source-license': readOn(
      partial(
        `Edge releases (and the source) are Apache-2.0; ${BEL}.`,
        S.buoyantLicensing,
      ),
      ISSUE_12_CHECKED_ON,
    ),
  },
  overhead: [
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'latency-p50',
      value: 14,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '20 rps',
      note: '8 ms over the 6 ms baseline.',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'latency-p99',
      value: 57,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '20 rps',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'added-latency-max',
      value: 39,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '20 rps',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'added-latency-p50',
      value: 8,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '200 rps',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'added-latency-max',
      value: 90,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '200 rps',
      note: 'Approximate (~90 ms).',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'added-latency-p50',
      value: 6,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '2000 rps',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'added-latency-max',
      value: 42,
      unit: 'ms',
      component: 'linkerd2-proxy sidecars (Linkerd 2.11.1)',
      load: '2000 rps',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'proxy-memory',
      value: 26.3,
      unit: 'MB',
      component: 'linkerd2-proxy, maximum observed',
      load: '20 / 200 / 2000 rps runs',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'proxy-cpu',
      value: 36,
      unit: 'cpu-ms',
      component: 'linkerd2-proxy, maximum CPU time observed',
      load: '20 / 200 / 2000 rps runs',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'control-plane-memory',
      value: 365,
      unit: 'MB',
      component: 'Linkerd control plane',
      load: '20 / 200 / 2000 rps runs',
    }),
    measured(STUDIES.linkerdVsIstio2021, {
      metric: 'control-plane-cpu',
      value: 212,
      unit: 'cpu-ms',
      component: 'Linkerd control plane',
      load: '20 / 200 / 2000 rps runs',
    }),
    measured(STUDIES.arxivMtls2024, {
      metric: 'added-latency',
      value: 33,
      unit: 'percent',
      component: 'linkerd2-proxy sidecars',
      load: 'mTLS test case',
      note: 'An earlier thesis page by the same group confirms "just a 33% increase in latency".',
    }),
  ],
};

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

export const OSM_ENTRY: MeshEntry = {
  id: 'osm',
  name: 'Open Service Mesh',
  kind: 'mesh',
  origin: 'built-in',
  license: fact(
    'Apache-2.0',
    'The LICENSE file is Apache-2.0; the README badge says MIT (inconsistent).',
    S.osmRepo,
  ),
  cncfStatus: fact(
    'archived',
    'CNCF Sandbox project, archived in 2023 (cncf/toc#1044 merged; checklist cncf/toc#1104).',
    S.cncfTocOsmArchive,
  ),
  dataPlaneModel: fact(
    'sidecar',
    'An `envoy` sidecar with an `osm-init` init container.',
    S.osmConstants,
  ),
  costModel: fact(
    'open-source',
    'Open source (Apache-2.0 LICENSE file); archived.',
    S.osmRepo,
  ),
  lifecycle: {
    status: 'archived',
    since: '2023-06-30',
    note: 'Officially archived by the CNCF: "no more new development" (README banner added 2023-06-30). Microsoft archived OSM to work on Istio, and the AKS docs tell OSM add-on users to migrate to Istio. The AKS add-on retirement date is not verified.',
    source: S.osmArchiveReadme,
    additionalSources: [S.cncfTocOsmArchive, S.istioGraduation],
    checkedOn: '2026-11-22',
    successors: ['istio-sidecar', 'istio-ambient'],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes. ${NO_KEY}`,
      S.osmRepo,
    ),
    'platform-vms': notSupported(`Not supported. ${NO_KEY}`, S.osmRepo),
    'platform-ecs': notSupported(`Not supported. ${NO_KEY}`, S.osmRepo),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.osmRepo,
    ),
    'platform-multi-cluster': partial(
      'Multi-cluster services (MCS) CRDs.',
      S.osmCrds,
    ),
    'platform-multi-cloud': supported(`Supported. ${NO_KEY}`, S.osmRepo),
    'load-balancing': unknown('Marked "?" (not verified).', S.osmCrds),
    retries: supported('Retry policy CRD.', S.osmCrds),
    timeouts: unknown('Marked "?" (not verified).', S.osmCrds),
    'circuit-breaking': supported(
      'UpstreamTrafficSetting connectionSettings.',
      S.osmCrds,
    ),
    'fault-injection': notSupported('Not found in the CRDs.', S.osmCrds),
    mirroring: notSupported(`Not found. ${NO_KEY}`, S.osmCrds),
    'rate-limiting': supported('UpstreamTrafficSetting rateLimit.', S.osmCrds),
    'weighted-routing': supported('SMI TrafficSplit.', S.osmCrds),
    'blue-green': unknown(NOT_IN_RESEARCH, S.osmCrds),
    'gateway-api': notSupported(`Not supported. ${NO_KEY}`, S.osmCrds),
    'automatic-mtls': supported('mTLS between sidecars.', S.osmCrds),
    'certificate-rotation': unknown(
      'Plausible, marked "?" (not verified).',
      S.osmRepo,
    ),
    'authorization-policy': supported('SMI TrafficTarget.', S.osmCrds),
    'jwt-authentication': notSupported(`Not supported. ${NO_KEY}`, S.osmCrds),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.osmRepo),
    metrics: supported(`Supported. ${NO_KEY}`, S.osmRepo),
    tracing: unknown('Plausible, marked "?" (not verified).', S.osmRepo),
    'access-logs': unknown('Plausible, marked "?" (not verified).', S.osmRepo),
    dashboards: unknown(NOT_IN_RESEARCH, S.osmRepo),
    'service-map': unknown(NOT_IN_RESEARCH, S.osmRepo),
    'control-plane-self-hosted': unknown(NOT_IN_RESEARCH, S.osmRepo),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.osmRepo),
    'open-source-license': supported(
      'Apache-2.0 LICENSE file (the README badge says MIT).',
      S.osmRepo,
    ),
  },
  overhead: [],
};

import type { KnowledgeSource } from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * Public sources behind the built-in knowledge base, named after the source
 * keys of the Meshwise service-mesh research (2026-11-22). Keeping them in one
 * place keeps titles and URLs identical across entries.
 */

const istioApi = (path: string) =>
  `https://github.com/istio/api/blob/master/${path}`;
const istio = (path: string) =>
  `https://github.com/istio/istio/blob/master/${path}`;
const linkerdDocs = (page: string) => `https://linkerd.io/2-edge/${page}/`;
const consulK8sApi = (file: string) =>
  `https://github.com/hashicorp/consul-k8s/blob/main/control-plane/api/v1alpha1/${file}`;
const kumaPolicy = (policy: string) =>
  `https://github.com/kumahq/kuma/tree/master/pkg/plugins/policies/${policy}`;
const ciliumDoc = (path: string) =>
  `https://github.com/cilium/cilium/blob/main/Documentation/${path}`;

export const SOURCES = {
  // Istio
  istioRepo: {
    title: 'istio/istio repository',
    url: 'https://github.com/istio/istio',
  },
  istioLicense: { title: 'istio/istio LICENSE', url: istio('LICENSE') },
  istioDestinationRule: {
    title: 'istio/api networking/v1alpha3/destination_rule.proto',
    url: istioApi('networking/v1alpha3/destination_rule.proto'),
  },
  istioVirtualService: {
    title: 'istio/api networking/v1alpha3/virtual_service.proto',
    url: istioApi('networking/v1alpha3/virtual_service.proto'),
  },
  istioWorkloadEntry: {
    title: 'istio/api networking/v1alpha3/workload_entry.proto',
    url: istioApi('networking/v1alpha3/workload_entry.proto'),
  },
  istioPeerAuthentication: {
    title: 'istio/api security/v1beta1/peer_authentication.proto',
    url: istioApi('security/v1beta1/peer_authentication.proto'),
  },
  istioAuthorizationPolicy: {
    title: 'istio/api security/v1beta1/authorization_policy.proto',
    url: istioApi('security/v1beta1/authorization_policy.proto'),
  },
  istioTelemetry: {
    title: 'istio/api telemetry/v1alpha1/telemetry.proto',
    url: istioApi('telemetry/v1alpha1/telemetry.proto'),
  },
  istioAnalyzers: {
    title: 'istio/istio analyzers (pkg/config/analysis/analyzers/all.go)',
    url: istio('pkg/config/analysis/analyzers/all.go'),
  },
  istioPrecheck: {
    title: 'istio/istio istioctl precheck',
    url: istio('istioctl/pkg/precheck/precheck.go'),
  },
  istioSecurityConstants: {
    title: 'istio/istio security/pkg/cmd/constants.go',
    url: istio('security/pkg/cmd/constants.go'),
  },
  istioNativeSidecarNote: {
    title: 'Istio release note: native sidecars by default',
    url: istio('releasenotes/notes/native-sidecar-default.yaml'),
  },
  istioAmbientAddWorkloads: {
    title: 'Istio docs: Adding workloads to an ambient mesh',
    url: 'https://istio.io/latest/docs/ambient/usage/add-workloads/',
  },
  istioAmbientGa: {
    title: 'Istio blog: Istio ambient mode reaches GA (2024-11-07)',
    url: 'https://istio.io/latest/blog/2024/ambient-reaches-ga/',
  },
  istioGraduation: {
    title: 'Istio blog: Istio graduates within the CNCF (2023-07-12)',
    url: 'https://istio.io/latest/blog/2023/istio-graduates-within-cncf/',
  },
  istioRateLimit: {
    title: 'Istio docs: Enabling rate limits using Envoy',
    url: 'https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/',
  },
  istioPerf124: {
    title: 'Istio 1.24 docs: Performance and scalability',
    url: 'https://istio.io/v1.24/docs/ops/deployment/performance-and-scalability/',
  },
  istioPerf122: {
    title: 'Istio 1.22 docs: Performance and scalability',
    url: 'https://istio.io/v1.22/docs/ops/deployment/performance-and-scalability/',
  },
  istioPerf112: {
    title: 'Istio 1.12 docs: Performance and scalability',
    url: 'https://istio.io/v1.12/docs/ops/deployment/performance-and-scalability/',
  },
  istioPerf17: {
    title: 'Istio docs (1.7-era text): Performance and scalability',
    url: 'https://istio.io/v1.7/docs/ops/deployment/performance-and-scalability/',
  },
  istioAmbientVsCilium: {
    title: 'Istio blog: Scaling in the Clouds: Istio Ambient vs. Cilium',
    url: 'https://istio.io/latest/blog/2024/ambient-vs-cilium/',
  },
  cncfAmbientFaster: {
    title:
      'CNCF blog: Ambient mesh: can sidecar-less Istio make your application faster?',
    url: 'https://www.cncf.io/blog/2024/08/23/ambient-mesh-can-sidecar-less-istio-make-your-application-faster/',
  },
  arxivMtlsComparison: {
    title:
      'arXiv 2411.02267: Performance Comparison of Service Mesh Frameworks: the MTLS Test Case',
    url: 'https://arxiv.org/abs/2411.02267',
  },

  // Linkerd
  linkerdFeatures: {
    title: 'Linkerd docs: Features',
    url: linkerdDocs('features'),
  },
  linkerdLoadBalancing: {
    title: 'Linkerd docs: Load balancing',
    url: linkerdDocs('features/load-balancing'),
  },
  linkerdRetriesTimeouts: {
    title: 'Linkerd docs: Retries and timeouts',
    url: linkerdDocs('features/retries-and-timeouts'),
  },
  linkerdCircuitBreakers: {
    title: 'Linkerd docs: Circuit breakers',
    url: linkerdDocs('tasks/circuit-breakers'),
  },
  linkerdFaultInjection: {
    title: 'Linkerd docs: Fault injection',
    url: linkerdDocs('features/fault-injection'),
  },
  linkerdRateLimiting: {
    title: 'Linkerd docs: Rate limiting',
    url: linkerdDocs('features/rate-limiting'),
  },
  linkerdTrafficSplit: {
    title: 'Linkerd docs: Traffic split (canaries, blue/green deploys)',
    url: linkerdDocs('features/traffic-split'),
  },
  linkerdGatewayApi: {
    title: 'Linkerd docs: Gateway API',
    url: linkerdDocs('features/gateway-api'),
  },
  linkerdAutomaticMtls: {
    title: 'Linkerd docs: Automatic mTLS',
    url: linkerdDocs('features/automatic-mtls'),
  },
  linkerdServerPolicy: {
    title: 'Linkerd docs: Authorization policy',
    url: linkerdDocs('features/server-policy'),
  },
  linkerdMulticluster: {
    title: 'Linkerd docs: Multi-cluster communication',
    url: linkerdDocs('features/multicluster'),
  },
  linkerdNonKubernetes: {
    title: 'Linkerd docs: Non-Kubernetes workloads (mesh expansion)',
    url: linkerdDocs('features/non-kubernetes-workloads'),
  },
  linkerdAccessLogging: {
    title: 'Linkerd docs: HTTP access logging',
    url: linkerdDocs('features/access-logging'),
  },
  linkerdTracing: {
    title: 'Linkerd docs: Distributed tracing',
    url: linkerdDocs('features/distributed-tracing'),
  },
  linkerd215: {
    title: 'Linkerd blog: Announcing Linkerd 2.15 (2024-02-21)',
    url: 'https://linkerd.io/2024/02/21/announcing-linkerd-2.15/',
  },
  linkerd217: {
    title: 'Linkerd blog: Announcing Linkerd 2.17 (2024-12-05)',
    url: 'https://linkerd.io/2024/12/05/announcing-linkerd-2.17/',
  },
  linkerdGraduation: {
    title: 'Linkerd blog: Announcing CNCF graduation (2021-07-28)',
    url: 'https://linkerd.io/2021/07/28/announcing-cncf-graduation/',
  },
  linkerdValues: {
    title: 'linkerd2 charts/linkerd-control-plane/values.yaml',
    url: 'https://github.com/linkerd/linkerd2/blob/main/charts/linkerd-control-plane/values.yaml',
  },
  linkerdVsIstio2021: {
    title: 'Linkerd blog: Benchmarking Linkerd and Istio: 2021 Redux',
    url: 'https://linkerd.io/2021/11/29/linkerd-vs-istio-benchmarks-2021/',
  },
  linkerdVsAmbient2025: {
    title: 'Linkerd blog: Linkerd vs Ambient Mesh: 2025 Benchmarks',
    url: 'https://linkerd.io/2025/04/24/linkerd-vs-ambient-mesh-2025-benchmarks/',
  },

  // Consul
  consulK8sApi: {
    title: 'consul-k8s control-plane/api/v1alpha1 CRD types',
    url: 'https://github.com/hashicorp/consul-k8s/tree/main/control-plane/api/v1alpha1',
  },
  consulServiceDefaults: {
    title: 'consul-k8s servicedefaults_types.go',
    url: consulK8sApi('servicedefaults_types.go'),
  },
  consulServiceRouter: {
    title: 'consul-k8s servicerouter_types.go',
    url: consulK8sApi('servicerouter_types.go'),
  },
  consulServiceSplitter: {
    title: 'consul-k8s servicesplitter_types.go',
    url: consulK8sApi('servicesplitter_types.go'),
  },
  consulServiceIntentions: {
    title: 'consul-k8s serviceintentions_types.go',
    url: consulK8sApi('serviceintentions_types.go'),
  },
  consulJwtProvider: {
    title: 'consul-k8s jwtprovider_types.go',
    url: consulK8sApi('jwtprovider_types.go'),
  },
  consulMesh: {
    title: 'consul-k8s mesh_types.go',
    url: consulK8sApi('mesh_types.go'),
  },
  consulLoadBalancer: {
    title: 'Consul docs: Load balancing with Envoy',
    url: 'https://developer.hashicorp.com/consul/docs/discover/load-balancer/envoy',
  },
  consulFaultInjection: {
    title: 'Consul docs: Fault injection',
    url: 'https://developer.hashicorp.com/consul/docs/troubleshoot/fault-injection',
  },
  consulBsl: {
    title:
      'HashiCorp Discuss: HashiCorp projects changing license to Business Source License v1.1',
    url: 'https://discuss.hashicorp.com/t/hashicorp-projects-changing-license-to-business-source-license-v1-1/57106',
  },
  consulDataplaneAnnotations: {
    title: 'consul-k8s connect-inject constants/annotations_and_labels.go',
    url: 'https://github.com/hashicorp/consul-k8s/blob/main/control-plane/connect-inject/constants/annotations_and_labels.go',
  },
  consulHashiCupsDemo: {
    title:
      'hashicorp-education/learn-consul-get-started-kubernetes (API gateway demo)',
    url: 'https://github.com/hashicorp-education/learn-consul-get-started-kubernetes',
  },

  // Kuma / Kong Mesh
  kumaReadme: {
    title: 'kumahq/kuma README',
    url: 'https://github.com/kumahq/kuma/blob/master/README.md',
  },
  kumaLicense: {
    title: 'kumahq/kuma LICENSE',
    url: 'https://github.com/kumahq/kuma/blob/master/LICENSE',
  },
  kumaUpgrade: {
    title: 'kumahq/kuma UPGRADE.md',
    url: 'https://github.com/kumahq/kuma/blob/master/UPGRADE.md',
  },
  kumaPolicies: {
    title: 'kumahq/kuma pkg/plugins/policies',
    url: 'https://github.com/kumahq/kuma/tree/master/pkg/plugins/policies',
  },
  kumaLoadBalancing: {
    title: 'Kuma policy: MeshLoadBalancingStrategy',
    url: kumaPolicy('meshloadbalancingstrategy'),
  },
  kumaRetry: { title: 'Kuma policy: MeshRetry', url: kumaPolicy('meshretry') },
  kumaTimeout: {
    title: 'Kuma policy: MeshTimeout',
    url: kumaPolicy('meshtimeout'),
  },
  kumaCircuitBreaker: {
    title: 'Kuma policy: MeshCircuitBreaker',
    url: kumaPolicy('meshcircuitbreaker'),
  },
  kumaFaultInjection: {
    title: 'Kuma policy: MeshFaultInjection',
    url: kumaPolicy('meshfaultinjection'),
  },
  kumaHttpRoute: {
    title: 'Kuma policy: MeshHTTPRoute',
    url: kumaPolicy('meshhttproute'),
  },
  kumaRateLimit: {
    title: 'Kuma policy: MeshRateLimit',
    url: kumaPolicy('meshratelimit'),
  },
  kumaTls: { title: 'Kuma policy: MeshTLS', url: kumaPolicy('meshtls') },
  kumaTrafficPermission: {
    title: 'Kuma policy: MeshTrafficPermission',
    url: kumaPolicy('meshtrafficpermission'),
  },
  kumaMetric: {
    title: 'Kuma policy: MeshMetric',
    url: kumaPolicy('meshmetric'),
  },
  kumaTrace: { title: 'Kuma policy: MeshTrace', url: kumaPolicy('meshtrace') },
  kumaAccessLog: {
    title: 'Kuma policy: MeshAccessLog',
    url: kumaPolicy('meshaccesslog'),
  },
  kongMeshEcs: {
    title: 'Kong docs: Kong Mesh on Amazon ECS',
    url: 'https://developer.konghq.com/mesh/ecs',
  },

  // Cilium
  ciliumRepo: {
    title: 'cilium/cilium repository',
    url: 'https://github.com/cilium/cilium',
  },
  ciliumServiceMeshDocs: {
    title: 'cilium/cilium Documentation/network/servicemesh',
    url: 'https://github.com/cilium/cilium/tree/main/Documentation/network/servicemesh',
  },
  ciliumL7TrafficManagement: {
    title: 'Cilium docs: L7 traffic management',
    url: ciliumDoc('network/servicemesh/l7-traffic-management.rst'),
  },
  ciliumEnvoyLoadBalancing: {
    title: 'Cilium docs: Envoy load balancing',
    url: ciliumDoc('network/servicemesh/envoy-load-balancing.rst'),
  },
  ciliumEnvoyCircuitBreaker: {
    title: 'Cilium docs: Envoy circuit breaker',
    url: ciliumDoc('network/servicemesh/envoy-circuit-breaker.rst'),
  },
  ciliumEnvoyTrafficShifting: {
    title: 'Cilium docs: Envoy traffic shifting',
    url: ciliumDoc('network/servicemesh/envoy-traffic-shifting.rst'),
  },
  ciliumGamma: {
    title: 'Cilium docs: GAMMA (Gateway API for mesh)',
    url: ciliumDoc('network/servicemesh/gateway-api/gamma.rst'),
  },
  ciliumZtunnel: {
    title: 'Cilium docs: ztunnel transparent encryption',
    url: ciliumDoc('security/network/encryption-ztunnel.rst'),
  },
  ciliumMutualAuthDeprecation: {
    title: 'cilium/cilium#47132: deprecate mutual authentication (SPIRE)',
    url: 'https://github.com/cilium/cilium/issues/47132',
  },

  // AWS App Mesh and its successors
  appMeshCrds: {
    title: 'aws-app-mesh-controller-for-k8s CRDs (crds.yaml)',
    url: 'https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/master/config/helm/appmesh-controller/crds/crds.yaml',
  },
  appMeshEnvoyInjector: {
    title: 'aws-app-mesh-controller-for-k8s pkg/inject/envoy.go',
    url: 'https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/master/pkg/inject/envoy.go',
  },
  appMeshTimeoutWalkthrough: {
    title: 'aws-app-mesh-examples walkthrough howto-k8s-timeout-policy',
    url: 'https://github.com/aws/aws-app-mesh-examples/tree/main/walkthroughs/howto-k8s-timeout-policy',
  },
  appMeshUserGuide: {
    title: 'AWS App Mesh user guide',
    url: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/',
  },
  awsAppMeshToServiceConnect: {
    title:
      'AWS blog: Migrating from AWS App Mesh to Amazon ECS Service Connect',
    url: 'https://aws.amazon.com/blogs/containers/migrating-from-aws-app-mesh-to-amazon-ecs-service-connect',
  },
  awsAppMeshToLattice: {
    title: 'AWS blog: Migrating from AWS App Mesh to Amazon VPC Lattice',
    url: 'https://aws.amazon.com/blogs/containers/migrating-from-aws-app-mesh-to-amazon-vpc-lattice',
  },
  awsEcsAppMeshToLattice: {
    title:
      'AWS blog: Migrate Amazon ECS workloads from AWS App Mesh to Amazon VPC Lattice',
    url: 'https://aws.amazon.com/blogs/containers/migrate-amazon-ecs-workloads-from-aws-app-mesh-to-amazon-vpc-lattice',
  },

  // Open Service Mesh
  osmCrds: {
    title: 'openservicemesh/osm cmd/osm-bootstrap/crds',
    url: 'https://github.com/openservicemesh/osm/tree/main/cmd/osm-bootstrap/crds',
  },
  osmRepo: {
    title: 'openservicemesh/osm repository (archived)',
    url: 'https://github.com/openservicemesh/osm',
  },
  osmConstants: {
    title: 'openservicemesh/osm pkg/constants/constants.go',
    url: 'https://github.com/openservicemesh/osm/blob/main/pkg/constants/constants.go',
  },
  osmArchiveReadme: {
    title:
      'openservicemesh/osm#5344: Update readme with official CNCF archive status',
    url: 'https://github.com/openservicemesh/osm/pull/5344',
  },
  // Re-checked for issue 12 (2026-12-02)
  istioNativeSidecarDefault: {
    title:
      'istio/istio 1.27.0 pilot/pkg/features/pilot.go: ENABLE_NATIVE_SIDECARS defaults to "auto"',
    url: 'https://github.com/istio/istio/blob/1.27.0/pilot/pkg/features/pilot.go',
  },
  istioTag1303: {
    title: 'istio/istio tag 1.30.3 (created 2026-07-16)',
    url: 'https://github.com/istio/istio/releases/tag/1.30.3',
  },
  buoyantEnterpriseFaq: {
    title:
      'Buoyant Enterprise for Linkerd FAQ: licence key, stable vs edge releases',
    url: 'https://docs.buoyant.io/buoyant-enterprise-linkerd/latest/faq/',
  },
  buoyantLicensing: {
    title:
      'Buoyant: How Linkerd licensing actually works (Apache 2.0, edge releases, what BEL pays for)',
    url: 'https://www.buoyant.io/articles/how-linkerd-licensing-actually-works-apache-2-0-edge-releases-and-what-bel-pays-for',
  },
  kumaTag2143: {
    title: 'kumahq/kuma tag v2.14.3 (created 2026-08-10)',
    url: 'https://github.com/kumahq/kuma/releases/tag/v2.14.3',
  },
  ciliumLicense: {
    title: 'cilium/cilium LICENSE (Apache-2.0)',
    url: 'https://github.com/cilium/cilium/blob/main/LICENSE',
  },
  ciliumBpfLicense: {
    title:
      'cilium/cilium bpf/ sources: SPDX-License-Identifier (GPL-2.0-only OR BSD-2-Clause)',
    url: 'https://github.com/cilium/cilium/blob/main/bpf/lib/arp.h',
  },
  ecsServiceConnectTls: {
    title:
      'Amazon ECS developer guide: Encrypt Amazon ECS Service Connect traffic',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-tls.html',
  },

  cncfTocOsmArchive: {
    title: 'cncf/toc#1044: archive Open Service Mesh',
    url: 'https://github.com/cncf/toc/pull/1044',
  },
} satisfies Record<string, KnowledgeSource>;

import type { MeshCapability } from '../model/knowledgeBase';
import type { CapabilityArea } from './supportValues';
import { CAPABILITY_AREAS } from './supportValues';

/**
 * The rows of the comparison matrix. Ids are stable: they appear in
 * app-config overrides, recommendation requests and reason references.
 */
export const CAPABILITY_IDS = [
  // platform
  'platform-kubernetes',
  'platform-vms',
  'platform-ecs',
  'platform-ec2',
  'platform-multi-cluster',
  'platform-multi-cloud',
  // traffic
  'load-balancing',
  'retries',
  'timeouts',
  'circuit-breaking',
  'fault-injection',
  'mirroring',
  'rate-limiting',
  'weighted-routing',
  'blue-green',
  'gateway-api',
  // security
  'automatic-mtls',
  'certificate-rotation',
  'authorization-policy',
  'jwt-authentication',
  'cloud-iam',
  // observability
  'metrics',
  'tracing',
  'access-logs',
  'dashboards',
  'service-map',
  // operations
  'control-plane-self-hosted',
  'control-plane-managed',
  'open-source-license',
] as const;

export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export function isCapabilityId(value: unknown): value is CapabilityId {
  return (CAPABILITY_IDS as readonly unknown[]).includes(value);
}

export const CAPABILITY_AREA_LABELS: Record<CapabilityArea, string> = {
  platform: 'Platforms',
  traffic: 'Traffic management',
  security: 'Security',
  observability: 'Observability',
  operations: 'Operations, licence and cost',
};

export const CAPABILITIES: readonly MeshCapability[] = [
  {
    id: 'platform-kubernetes',
    area: 'platform',
    title: 'Kubernetes',
    description: 'Meshes workloads running on Kubernetes.',
  },
  {
    id: 'platform-vms',
    area: 'platform',
    title: 'VMs and non-Kubernetes hosts',
    description: 'Meshes workloads on virtual machines or bare hosts.',
  },
  {
    id: 'platform-ecs',
    area: 'platform',
    title: 'Amazon ECS',
    description: 'Meshes Amazon ECS tasks (EC2 or Fargate launch type).',
  },
  {
    id: 'platform-ec2',
    area: 'platform',
    title: 'Amazon EC2',
    description: 'Meshes workloads on Amazon EC2 instances.',
  },
  {
    id: 'platform-multi-cluster',
    area: 'platform',
    title: 'Multi-cluster',
    description: 'One mesh spanning several clusters or accounts.',
  },
  {
    id: 'platform-multi-cloud',
    area: 'platform',
    title: 'Multi-cloud',
    description: 'Runs on more than one cloud provider or on-premises.',
  },
  {
    id: 'load-balancing',
    area: 'traffic',
    title: 'Load-balancing algorithms',
    description: 'Choice of L7 load-balancing algorithm per service.',
  },
  {
    id: 'retries',
    area: 'traffic',
    title: 'Retries',
    description: 'Automatic request retries configured by the mesh.',
  },
  {
    id: 'timeouts',
    area: 'traffic',
    title: 'Timeouts',
    description: 'Request timeouts configured by the mesh.',
  },
  {
    id: 'circuit-breaking',
    area: 'traffic',
    title: 'Circuit breaking',
    description: 'Connection limits and outlier detection / failure accrual.',
  },
  {
    id: 'fault-injection',
    area: 'traffic',
    title: 'Fault injection',
    description: 'Injecting delays or errors to test resilience.',
  },
  {
    id: 'mirroring',
    area: 'traffic',
    title: 'Traffic mirroring',
    description: 'Copying live requests to another backend.',
  },
  {
    id: 'rate-limiting',
    area: 'traffic',
    title: 'Rate limiting',
    description: 'Local or global request rate limits.',
  },
  {
    id: 'weighted-routing',
    area: 'traffic',
    title: 'Weighted routing and canary',
    description: 'Splitting traffic between versions by weight.',
  },
  {
    id: 'blue-green',
    area: 'traffic',
    title: 'Blue/green switching',
    description: 'Switching all traffic between two versions in one step.',
  },
  {
    id: 'gateway-api',
    area: 'traffic',
    title: 'Gateway API',
    description:
      'Configured through Kubernetes Gateway API (ingress or GAMMA).',
  },
  {
    id: 'automatic-mtls',
    area: 'security',
    title: 'Automatic mTLS',
    description: 'Mutual TLS between workloads without per-service setup.',
  },
  {
    id: 'certificate-rotation',
    area: 'security',
    title: 'Certificate rotation',
    description: 'Workload certificates are issued and rotated by the mesh.',
  },
  {
    id: 'authorization-policy',
    area: 'security',
    title: 'Authorization policy',
    description: 'Service-to-service allow/deny rules.',
  },
  {
    id: 'jwt-authentication',
    area: 'security',
    title: 'JWT authentication',
    description: 'Validating end-user JWTs at the proxy.',
  },
  {
    id: 'cloud-iam',
    area: 'security',
    title: 'Cloud IAM integration',
    description: 'Workload identity tied to the cloud provider IAM.',
  },
  {
    id: 'metrics',
    area: 'observability',
    title: 'Metrics',
    description: 'Golden-signal metrics emitted by the data plane.',
  },
  {
    id: 'tracing',
    area: 'observability',
    title: 'Distributed tracing',
    description: 'Spans emitted by the proxies.',
  },
  {
    id: 'access-logs',
    area: 'observability',
    title: 'Access logs',
    description: 'Per-request access logs from the proxies.',
  },
  {
    id: 'dashboards',
    area: 'observability',
    title: 'Dashboards',
    description: 'Ready-made dashboards shipped or integrated by the project.',
  },
  {
    id: 'service-map',
    area: 'observability',
    title: 'Service map',
    description: 'A live graph of which services talk to which.',
  },
  {
    id: 'control-plane-self-hosted',
    area: 'operations',
    title: 'Self-hosted control plane',
    description: 'The control plane can be run by your own team.',
  },
  {
    id: 'control-plane-managed',
    area: 'operations',
    title: 'Managed control plane',
    description: 'A provider runs the control plane for you.',
  },
  {
    id: 'open-source-license',
    area: 'operations',
    title: 'Open-source licence',
    description: 'The software you run is under an OSI-approved licence.',
  },
];

export interface CapabilityGroup {
  area: CapabilityArea;
  label: string;
  capabilities: MeshCapability[];
}

/** Capabilities grouped by area, in catalogue order, for tables and forms. */
export function groupCapabilitiesByArea(
  capabilities: readonly MeshCapability[] = CAPABILITIES,
): CapabilityGroup[] {
  return CAPABILITY_AREAS.map(area => ({
    area,
    label: CAPABILITY_AREA_LABELS[area],
    capabilities: capabilities.filter(c => c.area === area),
  })).filter(group => group.capabilities.length > 0);
}

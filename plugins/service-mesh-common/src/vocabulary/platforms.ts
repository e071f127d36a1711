import type { CapabilityId } from './capabilities';

/**
 * Platforms a team can say it runs on. Each maps to the capability row that
 * tells whether an entry supports it.
 */
export const PLATFORM_IDS = [
  'kubernetes',
  'vms',
  'ecs',
  'ec2',
  'multi-cluster',
  'multi-cloud',
] as const;

export type MeshPlatform = (typeof PLATFORM_IDS)[number];

export interface MeshPlatformInfo {
  id: MeshPlatform;
  label: string;
  capabilityId: CapabilityId;
}

export const PLATFORMS: readonly MeshPlatformInfo[] = [
  {
    id: 'kubernetes',
    label: 'Kubernetes',
    capabilityId: 'platform-kubernetes',
  },
  { id: 'vms', label: 'VMs / bare hosts', capabilityId: 'platform-vms' },
  { id: 'ecs', label: 'Amazon ECS', capabilityId: 'platform-ecs' },
  { id: 'ec2', label: 'Amazon EC2', capabilityId: 'platform-ec2' },
  {
    id: 'multi-cluster',
    label: 'Several clusters',
    capabilityId: 'platform-multi-cluster',
  },
  {
    id: 'multi-cloud',
    label: 'Several clouds',
    capabilityId: 'platform-multi-cloud',
  },
];

export function platformCapability(platform: MeshPlatform): CapabilityId {
  return PLATFORMS.find(p => p.id === platform)!.capabilityId;
}

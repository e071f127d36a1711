/** The values and areas of the comparison matrix: ids only, no knowledge-base data. */
export const SUPPORT_VALUES = [
  'supported',
  'partial',
  'not-supported',
  'unknown',
] as const;

/** How well an entry covers a capability. `unknown` means "not verified". */
export type SupportValue = (typeof SUPPORT_VALUES)[number];

export const CAPABILITY_AREAS = [
  'platform',
  'traffic',
  'security',
  'observability',
  'operations',
] as const;

export type CapabilityArea = (typeof CAPABILITY_AREAS)[number];

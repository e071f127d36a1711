import type { RecommendationStanding } from '@meshwise/backstage-plugin-service-mesh-common';

export const STANDING_LABELS: Record<RecommendationStanding, string> = {
  qualified: 'Meets every must-have',
  'not-verified': 'Must-haves not verified',
  'fails-must-have': 'Fails a must-have',
  'outside-scope': 'Outside your platforms',
};

export function isQualifying(standing: RecommendationStanding): boolean {
  return standing === 'qualified' || standing === 'not-verified';
}

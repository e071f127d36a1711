/**
 * The criteria a recommendation is scored on. Each gets a score in [0, 1]
 * (or null when the request does not ask about it) and a weight.
 */
export const REQUIREMENT_CRITERION_IDS = [
  'platforms',
  'mustHave',
  'niceToHave',
  'controlPlane',
  'overhead',
  'openSource',
  'experience',
  'featureCoverage',
] as const;

export type RequirementCriterion = (typeof REQUIREMENT_CRITERION_IDS)[number];

export interface RequirementCriterionInfo {
  id: RequirementCriterion;
  label: string;
  description: string;
  defaultWeight: number;
}

export const REQUIREMENT_CRITERIA: readonly RequirementCriterionInfo[] = [
  {
    id: 'platforms',
    label: 'Platform fit',
    description: 'Supports every platform you run on.',
    defaultWeight: 3,
  },
  {
    id: 'mustHave',
    label: 'Must-have features',
    description: 'Supports every feature you cannot do without.',
    defaultWeight: 3,
  },
  {
    id: 'niceToHave',
    label: 'Nice-to-have features',
    description: 'Supports the features you would like to have.',
    defaultWeight: 2,
  },
  {
    id: 'controlPlane',
    label: 'Control-plane hosting',
    description:
      'Matches your preference for a managed or self-run control plane.',
    defaultWeight: 1,
  },
  {
    id: 'overhead',
    label: 'Low overhead',
    description:
      'Wins published head-to-head overhead comparisons (same study, same load).',
    defaultWeight: 1,
  },
  {
    id: 'openSource',
    label: 'Open-source licence',
    description: 'The software you run is under an OSI open-source licence.',
    defaultWeight: 1,
  },
  {
    id: 'experience',
    label: 'Team experience',
    description: 'Your team already runs this mesh (or a mode of it).',
    defaultWeight: 1,
  },
  {
    id: 'featureCoverage',
    label: 'Feature breadth',
    description:
      'Share of traffic, security and observability rows supported; applies to every request.',
    defaultWeight: 0.5,
  },
];

export const DEFAULT_CRITERION_WEIGHTS = Object.fromEntries(
  REQUIREMENT_CRITERIA.map(c => [c.id, c.defaultWeight]),
) as Record<RequirementCriterion, number>;

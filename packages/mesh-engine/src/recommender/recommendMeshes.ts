import { CAPABILITY_IDS } from '@meshwise/backstage-plugin-service-mesh-common';
import { MESH_KNOWLEDGE_BASE } from '../knowledgeBase/knowledgeBase';
import { PLATFORM_IDS } from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  MeshEntry,
  MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  DEFAULT_CRITERION_WEIGHTS,
  REQUIREMENT_CRITERION_IDS,
  type RequirementCriterion,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { evaluateEntry } from './evaluate';
import { compareCodeUnits } from './order';
import { compareOverhead } from './overhead';
import {
  meshRequirementsSchema,
  type MeshRequirements,
  type ResolvedMeshRequirements,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  RecommendationStanding,
  ExcludedEntry,
  MeshRecommendation,
  RankedEntry,
  RecommendationReason,
} from '@meshwise/backstage-plugin-service-mesh-common';

const STANDING_ORDER: readonly RecommendationStanding[] = [
  'qualified',
  'not-verified',
  'fails-must-have',
  'outside-scope',
];

const byId = (a: { id: string }, b: { id: string }) =>
  compareCodeUnits(a.id, b.id);

/** De-duplicates and sorts in catalogue order, so input order never matters. */
function inOrder<T extends string>(
  values: readonly T[],
  order: readonly T[],
): T[] {
  return order.filter(value => values.includes(value));
}

function normalize(input: MeshRequirements): ResolvedMeshRequirements {
  const parsed = meshRequirementsSchema.parse(input);
  const mustHave = inOrder(parsed.mustHave, CAPABILITY_IDS);
  return {
    ...parsed,
    platforms: inOrder(parsed.platforms, PLATFORM_IDS),
    mustHave,
    // A must-have is already counted; listing it twice would double its weight.
    niceToHave: inOrder(parsed.niceToHave, CAPABILITY_IDS).filter(
      id => !mustHave.includes(id),
    ),
    preferences: {
      ...parsed.preferences,
      experience: [...new Set(parsed.preferences.experience)].sort(),
    },
  };
}

function weightedTotal(
  scores: Record<RequirementCriterion, number | null>,
  weights: Record<RequirementCriterion, number>,
): number {
  let sum = 0;
  let weight = 0;
  for (const criterion of REQUIREMENT_CRITERION_IDS) {
    const score = scores[criterion];
    if (score !== null && weights[criterion] > 0) {
      sum += score * weights[criterion];
      weight += weights[criterion];
    }
  }
  return weight === 0 ? 0 : Math.round((1000 * sum) / weight) / 10;
}

function isRetired(entry: MeshEntry): boolean {
  return (
    entry.lifecycle.status === 'discontinued' ||
    entry.lifecycle.status === 'archived'
  );
}

function exclude(
  entry: MeshEntry,
  kb: MeshKnowledgeBase,
  ranked: readonly RankedEntry[],
): ExcludedEntry {
  const { lifecycle } = entry;
  const successors = lifecycle.successors.map(id => {
    const rank = ranked.find(r => r.id === id)?.rank;
    return {
      id,
      name: kb.entries.find(e => e.id === id)?.name ?? id,
      ...(rank !== undefined ? { rank } : {}),
    };
  });
  const reasons: RecommendationReason[] = [
    {
      text: `${entry.name} is ${lifecycle.status}${
        lifecycle.since ? ` since ${lifecycle.since}` : ''
      } and is never recommended: ${lifecycle.note}`,
      kind: 'negative',
      ref: { entryId: entry.id, field: 'lifecycle' },
    },
  ];
  if (successors.length > 0) {
    reasons.push({
      text: `Its successors: ${successors
        .map(s => (s.rank ? `${s.name} (ranked #${s.rank})` : s.name))
        .join(', ')}.`,
      kind: 'neutral',
      ref: { entryId: entry.id, field: 'lifecycle' },
    });
  }
  return {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    status: lifecycle.status as ExcludedEntry['status'],
    ...(lifecycle.since ? { since: lifecycle.since } : {}),
    successors,
    reasons,
  };
}

/**
 * Ranks every knowledge-base entry against a team's requirements.
 *
 * Entries are ordered by standing (qualified, not verified, failing a
 * must-have, outside scope), then by weighted total, then by id. Discontinued
 * and archived entries are never ranked: they are listed in `excluded` with
 * their successors. The function is pure and deterministic; invalid input
 * throws a ZodError (validate with `meshRequirementsSchema` first to return
 * a 400).
 */
export function recommendMeshes(
  input: MeshRequirements,
  kb: MeshKnowledgeBase = MESH_KNOWLEDGE_BASE,
): MeshRecommendation {
  const requirements = normalize(input);
  const weights = { ...DEFAULT_CRITERION_WEIGHTS };
  for (const criterion of REQUIREMENT_CRITERION_IDS) {
    weights[criterion] = requirements.weights[criterion] ?? weights[criterion];
  }
  const ctx = { kb, requirements, comparisons: compareOverhead(kb) };
  const entries = [...kb.entries].sort(byId);

  const ranked = entries
    .filter(entry => !isRetired(entry))
    .map(entry => {
      const evaluation = evaluateEntry(entry, ctx);
      return {
        rank: 0,
        id: entry.id,
        name: entry.name,
        kind: entry.kind,
        standing: evaluation.standing,
        total: weightedTotal(evaluation.scores, weights),
        scores: evaluation.scores,
        failedMustHaves: evaluation.failedMustHaves,
        unverifiedMustHaves: evaluation.unverifiedMustHaves,
        reasons: evaluation.reasons,
      };
    })
    .sort(
      (a, b) =>
        STANDING_ORDER.indexOf(a.standing) -
          STANDING_ORDER.indexOf(b.standing) ||
        b.total - a.total ||
        byId(a, b),
    )
    .map((entry, index) => ({ ...entry, rank: index + 1 }));

  const excluded = entries
    .filter(isRetired)
    .map(entry => exclude(entry, kb, ranked));

  return { requirements, weights, ranked, excluded };
}

import type { CapabilityId } from '../vocabulary/capabilities';
import type {
  LifecycleStatus,
  MeshEntryId,
  MeshEntryKind,
} from './knowledgeBase';
import type { RequirementCriterion } from '../vocabulary/criteria';
import type { ResolvedMeshRequirements } from './meshRequirements';

/** Where in the knowledge base a reason came from. */
export type RecommendationReasonRef =
  | { entryId: MeshEntryId; capabilityId: CapabilityId }
  | { entryId: MeshEntryId; field: 'lifecycle' | 'dataPlaneModel' }
  | { entryId: MeshEntryId; field: 'overhead'; measurementIndex: number };

export interface RecommendationReason {
  text: string;
  kind: 'positive' | 'negative' | 'neutral';
  /** The criterion the reason belongs to, if any. */
  criterion?: RequirementCriterion;
  ref?: RecommendationReasonRef;
}

/**
 * Ranking tiers, best first:
 * - `qualified`: every platform and must-have is supported (or partly);
 * - `not-verified`: none fails, but at least one is `unknown`;
 * - `fails-must-have`: at least one is `not-supported`;
 * - `outside-scope`: a migration target that serves none of your platforms.
 */
export type RecommendationStanding =
  | 'qualified'
  | 'not-verified'
  | 'fails-must-have'
  | 'outside-scope';

export interface RankedEntry {
  /** 1-based position in `ranked`. */
  rank: number;
  id: MeshEntryId;
  name: string;
  kind: MeshEntryKind;
  standing: RecommendationStanding;
  /** Weighted mean of the applicable criterion scores, 0–100, one decimal. */
  total: number;
  /** 0–1 per criterion; null when the request does not ask about it. */
  scores: Record<RequirementCriterion, number | null>;
  /** Platforms in use and must-haves the entry does not support. */
  failedMustHaves: CapabilityId[];
  /** Platforms in use and must-haves whose cell is `unknown`. */
  unverifiedMustHaves: CapabilityId[];
  reasons: RecommendationReason[];
}

export interface ExcludedEntry {
  id: MeshEntryId;
  name: string;
  kind: MeshEntryKind;
  status: Extract<LifecycleStatus, 'discontinued' | 'archived'>;
  since?: string;
  successors: Array<{ id: MeshEntryId; name: string; rank?: number }>;
  reasons: RecommendationReason[];
}

export interface MeshRecommendation {
  /** The request with defaults applied and lists de-duplicated and sorted. */
  requirements: ResolvedMeshRequirements;
  weights: Record<RequirementCriterion, number>;
  ranked: RankedEntry[];
  excluded: ExcludedEntry[];
}

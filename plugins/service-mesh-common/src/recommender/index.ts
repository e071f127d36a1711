// The criteria's ids and labels are exported from `vocabulary/`.
export type {
  RequirementCriterion,
  RequirementCriterionInfo,
} from './criteria';
export { meshRequirementsSchema } from './schema';
export type { MeshRequirements, ResolvedMeshRequirements } from './schema';
export { recommendMeshes } from './recommendMeshes';
export {
  OVERHEAD_METRIC_LABELS,
  compareOverhead,
  overheadStanding,
} from './overhead';
export type {
  LocatedOverheadMeasurement,
  OverheadComparison,
  OverheadStanding,
} from './overhead';
export type {
  RecommendationStanding,
  ExcludedEntry,
  MeshRecommendation,
  RankedEntry,
  RecommendationReason,
  RecommendationReasonRef,
} from './types';

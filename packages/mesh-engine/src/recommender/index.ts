// The requirements, the criteria and the recommendation's types are the
// contract, exported by the common package.
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

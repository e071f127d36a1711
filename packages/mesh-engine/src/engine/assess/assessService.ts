import { ClusterIndex } from '../cluster/clusterIndex';
import { Workload } from '../workloads/workload';
import { assessWorkload } from './assessWorkload';
import { summarizeService } from './summarizeService';
import { AssessServiceOptions, ServiceAssessment } from './types';

/**
 * Assesses the workloads of one service (typically a Backstage entity's
 * workloads from `selectWorkloads`): detection and checks per workload
 * (`assessWorkload`), then totals, deduplicated findings, per-mesh scores
 * and the stage (`summarizeService`). A caller that must not hold the
 * event loop for a large service calls the two steps itself.
 */
export function assessService(
  workloads: readonly Workload[],
  index: ClusterIndex,
  options: AssessServiceOptions = {},
): ServiceAssessment {
  return summarizeService(
    workloads.map(workload => assessWorkload(workload, index)),
    options,
  );
}

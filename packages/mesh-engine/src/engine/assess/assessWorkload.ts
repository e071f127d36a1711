import { MeshDetection } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { runReadinessChecks } from '../checks/runChecks';
import { CheckResult } from '../checks/types';
import { detectMesh } from '../detect/detectMesh';
import { Workload } from '../workloads/workload';

/** One workload, detected and checked: what `summarizeService` adds up. */
export interface AssessedWorkload {
  workload: Workload;
  detection: MeshDetection;
  results: CheckResult[];
}

/**
 * Detection and checks of one workload: the per-workload part of
 * `assessService`, so a caller can assess a large service a workload at a
 * time (and serve requests in between) and summarise once at the end.
 */
export function assessWorkload(
  workload: Workload,
  index: ClusterIndex,
): AssessedWorkload {
  const detection = detectMesh(workload, index);
  const results = runReadinessChecks(workload, detection, index);
  return { workload, detection, results };
}

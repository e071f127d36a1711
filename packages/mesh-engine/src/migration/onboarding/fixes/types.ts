import {
  AssessmentFinding,
  ReadinessTargetMesh,
} from '../../../engine/assess/types';
import { ClusterIndex } from '../../../engine/cluster/clusterIndex';
import { ServicePortView, ServiceView } from '../../../engine/model/service';
import { Workload } from '../../../engine/workloads/workload';
import { PatchSet } from '../patchSet';

/** What a fix function gets: the finding's objects, and where to put its patches. */
export interface FixContext {
  mesh: ReadinessTargetMesh;
  index: ClusterIndex;
  patches: PatchSet;
  /** The target mesh flags the finding (otherwise the fix is only recommended). */
  required: boolean;
  /** Prefix of patch descriptions: '' when required, 'recommended: ' otherwise. */
  label: string;
  workloadsOf(finding: AssessmentFinding): Workload[];
  serviceOf(finding: AssessmentFinding): ServiceView | undefined;
  portOf(
    finding: AssessmentFinding,
    service: ServiceView,
  ): ServicePortView | undefined;
  /** Records the finding as a manual action. */
  manual(finding: AssessmentFinding, prefix?: string): void;
  /** Records the check id as fixed, for the step's explanation. */
  fixed(checkId: string): void;
}

/** Fixes one finding: patches when the fix is mechanical, a manual action when not. */
export type FixFunction = (
  finding: AssessmentFinding,
  context: FixContext,
) => void;

import { ServiceAssessment } from './types';

/**
 * The kinds that could not be listed and that part of an assessment depends
 * on (a workload's mTLS, a check's result), so a caller holding an earlier
 * assessment made from a full read can keep it rather than move on the
 * unknown. Empty when everything it reads was listed.
 */
export function unreadableKindsOf(assessment: ServiceAssessment): string[] {
  return [
    ...new Set([
      ...assessment.workloads.flatMap(
        workload => workload.detection.mtls.unreadableKinds ?? [],
      ),
      ...assessment.findings.flatMap(finding => finding.unreadableKinds ?? []),
    ]),
  ].sort();
}

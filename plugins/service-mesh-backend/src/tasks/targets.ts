import {
  EntityAssessmentResponse,
  READINESS_TARGET_MESHES,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * Whether a service has reached a task's target: meshed or secured on the
 * target mesh; for the App Mesh exits (Gateway API, AWS successors), no
 * longer on App Mesh.
 */
export function hasReachedTarget(
  assessment: EntityAssessmentResponse,
  target: string,
): boolean {
  const onMesh =
    assessment.stage === 'meshed' || assessment.stage === 'secured';
  if ((READINESS_TARGET_MESHES as readonly string[]).includes(target)) {
    return onMesh && assessment.mesh === target;
  }
  return (
    assessment.configured &&
    assessment.assessment !== null &&
    assessment.assessment.coverage.totalWorkloads > 0 &&
    assessment.stage !== 'must-migrate' &&
    !assessment.assessment.meshes.includes('aws-app-mesh')
  );
}

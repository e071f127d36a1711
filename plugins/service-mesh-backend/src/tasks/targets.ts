import {
  EntityAssessmentResponse,
  MESH_DISPLAY_NAMES,
  MIGRATION_TARGETS,
  READINESS_TARGET_MESHES,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** What a migration task can move a service to. */
export const TASK_TARGETS = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'consul',
  'kuma',
  'cilium',
  'gateway-api',
  'ecs-service-connect',
  'vpc-lattice',
] as const;

export type TaskTarget = (typeof TASK_TARGETS)[number];

export function targetLabel(target: string): string {
  // gateway-api is a plan target, not a mesh: the plans' own label.
  const plan =
    target === 'gateway-api'
      ? MIGRATION_TARGETS.find(t => t.id === target)
      : undefined;
  return (
    plan?.label ??
    MESH_DISPLAY_NAMES[target as keyof typeof MESH_DISPLAY_NAMES] ??
    target
  );
}

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

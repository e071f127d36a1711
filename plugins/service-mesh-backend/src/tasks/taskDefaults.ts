import {
  EntityAssessmentResponse,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The default title of a migration task: the service by its display name
 * (title, else name, as the caller knows it), and the target by its label.
 */
export function defaultTaskTitle(serviceName: string, target: string): string {
  return `Move ${serviceName} to ${taskTargetLabel(target)}`;
}

/** Why a task was not filed: the service already has one for the target. */
export function alreadyActiveReason(target: string): string {
  return `It already has an open task for ${taskTargetLabel(target)}`;
}

/**
 * The default description of a migration task: where the service stands,
 * what blocks it, and where to find the generated plan.
 */
export function defaultTaskDescription(
  entityRef: string,
  target: string,
  assessment: EntityAssessmentResponse | undefined,
): string {
  const lines = [`Move ${entityRef} to ${taskTargetLabel(target)}.`, ''];
  if (!assessment) {
    lines.push('The service has not been assessed yet.');
    return lines.join('\n');
  }
  lines.push(
    `Current stage: **${assessment.stage}** (${assessment.stageReason}).`,
  );
  const findings = (assessment.assessment?.findings ?? []).filter(
    f =>
      f.status === 'fail' &&
      f.severity !== 'info' &&
      (!f.meshes || f.meshes.includes(target as never)),
  );
  if (findings.length > 0) {
    lines.push('', 'To fix first:');
    for (const finding of findings.slice(0, 20)) {
      lines.push(
        `- [${finding.severity}] ${finding.checkId}: ${finding.message}. Fix: ${finding.remediation}`,
      );
    }
  }
  lines.push(
    '',
    'The step-by-step plan and its manifests are on the Mesh tab of the service (Download plan).',
  );
  return lines.join('\n');
}

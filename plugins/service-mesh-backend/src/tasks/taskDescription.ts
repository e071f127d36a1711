import { EntityAssessmentResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { targetLabel } from './targets';

/**
 * The default description of a migration task: where the service stands,
 * what blocks it, and where to find the generated plan.
 */
export function defaultTaskDescription(
  entityRef: string,
  target: string,
  assessment: EntityAssessmentResponse | undefined,
): string {
  const lines = [`Move ${entityRef} to ${targetLabel(target)}.`, ''];
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

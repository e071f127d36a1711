import {
  MESH_DISPLAY_NAMES,
  ReadinessTargetMesh,
  ServiceAssessment,
  AssessmentFinding,
  CheckSeverity,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  buildClusterIndex,
  findReadinessCheck,
  listWorkloads,
  ManifestFile,
  parseManifests,
  ParseFinding,
  resultAppliesTo,
  resultSeverityFor,
} from '@meshwise/mesh-engine';

export interface WorkloadReport {
  id: string;
  assessment: ServiceAssessment;
  /** Failing findings that concern the target mesh, with their severity for it. */
  targetFindings: Array<AssessmentFinding & { targetSeverity: CheckSeverity }>;
  blocking: boolean;
}

export interface CheckReport {
  engineVersion: string;
  target: ReadinessTargetMesh;
  files: number;
  objects: number;
  parseFindings: ParseFinding[];
  workloads: WorkloadReport[];
  exitCode: 0 | 1;
}

const RANK: Record<CheckSeverity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Assesses every workload of a manifest set on its own (each as a
 * one-workload service). The exit code is 1 when any workload has a failing
 * readiness finding of severity `error` for the target mesh.
 */
export function buildCheckReport(
  files: readonly ManifestFile[],
  target: ReadinessTargetMesh,
): CheckReport {
  const { objects, findings } = parseManifests(files);
  const index = buildClusterIndex(objects);
  const workloads = listWorkloads(index).map(workload => {
    const assessment = assessService([workload], index, { targetMesh: target });
    const targetFindings = assessment.findings.flatMap(finding => {
      const check = findReadinessCheck(finding.checkId);
      if (!check || finding.status !== 'fail') return [];
      if (!resultAppliesTo(check, finding, target)) return [];
      return [
        {
          ...finding,
          targetSeverity: resultSeverityFor(check, finding, target),
        },
      ];
    });
    targetFindings.sort(
      (a, b) => RANK[b.targetSeverity] - RANK[a.targetSeverity],
    );
    const blocking =
      (assessment.scores.find(score => score.mesh === target)?.blocking ?? 0) >
      0;
    return { id: workload.id, assessment, targetFindings, blocking };
  });
  return {
    engineVersion: workloads[0]?.assessment.engineVersion ?? '',
    target,
    files: files.length,
    objects: index.objects.length,
    parseFindings: findings,
    workloads,
    exitCode: workloads.some(workload => workload.blocking) ? 1 : 0,
  };
}

const MARK: Record<CheckSeverity, string> = {
  error: 'x error  ',
  warning: '! warning',
  info: '- info   ',
};

/** Human-readable report, grouped by workload. */
export function formatCheckReport(
  report: CheckReport,
  directory: string,
): string {
  const lines: string[] = [];
  const targetName = MESH_DISPLAY_NAMES[report.target];
  lines.push(
    `meshwise-check ${report.engineVersion}: ${report.workloads.length} workloads, ${report.objects} objects from ${report.files} files in ${directory}; target ${targetName}`,
  );
  for (const finding of report.parseFindings) {
    lines.push(
      `  parse: ${finding.file} document ${finding.documentIndex}${
        finding.itemIndex === undefined ? '' : ` item ${finding.itemIndex}`
      }: ${finding.message}`,
    );
  }
  for (const workload of report.workloads) {
    const { assessment } = workload;
    const detection = assessment.workloads[0].detection;
    const score = assessment.scores.find(entry => entry.mesh === report.target);
    const mesh =
      detection.mesh === 'none'
        ? 'not meshed'
        : `${MESH_DISPLAY_NAMES[detection.mesh]} (${detection.state}, ${
            detection.dataPlaneMode
          })`;
    lines.push('');
    lines.push(
      `${workload.id}: ${mesh}; stage ${
        assessment.stage
      }; ${targetName} score ${score?.score ?? 0}, ${
        score?.blocking ?? 0
      } blocking, ${score?.warnings ?? 0} warnings`,
    );
    for (const conflict of detection.conflicts)
      lines.push(`  conflict: ${conflict.message}`);
    for (const finding of workload.targetFindings) {
      lines.push(
        `  ${MARK[finding.targetSeverity]} ${finding.checkId}: ${
          finding.message
        }`,
      );
      const where = `${finding.object.kind} ${
        finding.object.namespace ? `${finding.object.namespace}/` : ''
      }${finding.object.name}`;
      lines.push(
        `              at ${where}${finding.field ? ` ${finding.field}` : ''}`,
      );
      if (finding.remediation)
        lines.push(`              fix: ${finding.remediation}`);
    }
    const notEvaluated = assessment.workloads[0].notEvaluatedChecks;
    if (notEvaluated.length > 0)
      lines.push(
        `  not evaluated (needs cluster or runtime data): ${notEvaluated.join(
          ', ',
        )}`,
      );
  }
  const blocked = report.workloads.filter(workload => workload.blocking).length;
  lines.push('');
  lines.push(
    blocked > 0
      ? `${blocked} of ${report.workloads.length} workloads have blocking findings for ${targetName}.`
      : `No blocking findings for ${targetName}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON output: the report without the per-finding target severities duplicated. */
export function checkReportJson(
  report: CheckReport,
  directory: string,
): string {
  return `${JSON.stringify(
    {
      engineVersion: report.engineVersion,
      directory,
      target: report.target,
      exitCode: report.exitCode,
      parseFindings: report.parseFindings,
      workloads: report.workloads.map(workload => ({
        id: workload.id,
        blocking: workload.blocking,
        assessment: workload.assessment,
      })),
    },
    null,
    2,
  )}\n`;
}

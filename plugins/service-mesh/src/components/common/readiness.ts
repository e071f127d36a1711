import {
  AssessmentFinding,
  CheckSeverity,
  EntityAssessmentResponse,
  findReadinessCheck,
  MeshReadinessScore,
  READINESS_TARGET_MESHES,
  ReadinessCheck,
  ReadinessTargetMesh,
  resultAppliesTo,
  resultSeverityFor,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** A finding as it stands for one target mesh. */
export interface TargetFinding {
  finding: AssessmentFinding;
  /** Undefined when the catalogue of this UI build does not know the check. */
  check?: ReadinessCheck;
  /** The finding's severity for the target mesh. */
  severity: CheckSeverity;
}

export interface TargetReadiness {
  mesh: ReadinessTargetMesh;
  score?: MeshReadinessScore;
  /** Failing readiness findings for the mesh, by severity. */
  failing: Record<CheckSeverity, TargetFinding[]>;
  /** Readiness findings that could not be evaluated for the mesh. */
  notEvaluated: TargetFinding[];
  /** Readiness checks that apply to the mesh and pass on every workload. */
  passed: ReadinessCheck[];
}

export const SEVERITY_ORDER: readonly CheckSeverity[] = [
  'error',
  'warning',
  'info',
];

export function isTargetMesh(mesh: unknown): mesh is ReadinessTargetMesh {
  return (READINESS_TARGET_MESHES as readonly unknown[]).includes(mesh);
}

/** Readiness checks feed the score; unknown checks are shown as readiness too. */
function isReadiness(check: ReadinessCheck | undefined): boolean {
  return !check || check.category === 'readiness';
}

/**
 * The target mesh to show first, the one the response's `score` is for: the
 * mesh the service runs on, else the best-scoring target (ties go to the
 * higher recommendation, then to the catalogue order).
 */
export function defaultTargetMesh(
  response: Pick<
    EntityAssessmentResponse,
    'mesh' | 'recommendation' | 'targetMesh'
  > & {
    assessment: Pick<ServiceAssessment, 'scores'> | null;
  },
): ReadinessTargetMesh {
  if (isTargetMesh(response.mesh)) return response.mesh;
  // The mesh the organisation is adopting (serviceMesh.targetMesh).
  if (isTargetMesh(response.targetMesh)) return response.targetMesh;
  const rankOf = (mesh: string) =>
    response.recommendation.find(entry => entry.id === mesh)?.rank ??
    Number.MAX_SAFE_INTEGER;
  const best = (response.assessment?.scores ?? [])
    .filter(score => isTargetMesh(score.mesh))
    .map((score, order) => ({ score, order }))
    .sort(
      (a, b) =>
        b.score.score - a.score.score ||
        rankOf(a.score.mesh) - rankOf(b.score.mesh) ||
        a.order - b.order,
    )[0];
  return best?.score.mesh ?? READINESS_TARGET_MESHES[0];
}

/**
 * Re-scores an assessment for one target mesh in the browser, with the same
 * rules as the engine: findings that do not concern the mesh drop out, and
 * each keeps the severity its check gives it for that mesh.
 */
export function readinessFor(
  assessment: ServiceAssessment,
  mesh: ReadinessTargetMesh,
): TargetReadiness {
  const failing: TargetReadiness['failing'] = {
    error: [],
    warning: [],
    info: [],
  };
  const notEvaluated: TargetFinding[] = [];
  const notClean = new Set<string>();
  for (const finding of assessment.findings) {
    const check = findReadinessCheck(finding.checkId);
    if (!isReadiness(check)) continue;
    if (check && !resultAppliesTo(check, finding, mesh)) continue;
    const severity = check
      ? resultSeverityFor(check, finding, mesh)
      : finding.severity;
    notClean.add(finding.checkId);
    if (finding.status === 'fail') {
      failing[severity].push({ finding, check, severity });
    } else if (finding.status === 'not-evaluated') {
      notEvaluated.push({ finding, check, severity });
    }
  }
  const ran = new Set([
    ...assessment.passedChecks,
    ...assessment.findings.map(finding => finding.checkId),
  ]);
  const passed = [...ran]
    .map(id => findReadinessCheck(id))
    .filter(
      (check): check is ReadinessCheck =>
        !!check &&
        check.category === 'readiness' &&
        check.meshes.includes(mesh) &&
        !notClean.has(check.id),
    );
  return {
    mesh,
    score: assessment.scores.find(score => score.mesh === mesh),
    failing,
    notEvaluated,
    passed,
  };
}

/**
 * Adoption findings (enrolment, missing or stale proxies, mTLS, end of life)
 * are about the mesh the service runs on, whatever the target.
 */
export function adoptionFindings(
  assessment: ServiceAssessment,
): TargetFinding[] {
  return assessment.findings.flatMap(finding => {
    const check = findReadinessCheck(finding.checkId);
    if (isReadiness(check)) return [];
    return [{ finding, check, severity: finding.severity }];
  });
}

/** The blocking findings of the response's headline mesh, for the card. */
export function topBlockingFindings(
  response: EntityAssessmentResponse,
  limit = 3,
): TargetFinding[] {
  const { assessment } = response;
  if (!assessment) return [];
  const adoptionErrors = adoptionFindings(assessment).filter(
    entry => entry.finding.status === 'fail' && entry.severity === 'error',
  );
  const readiness = readinessFor(assessment, defaultTargetMesh(response))
    .failing.error;
  return [...adoptionErrors, ...readiness].slice(0, limit);
}

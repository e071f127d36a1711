import type {
  AssessmentFinding,
  CheckSeverity,
  CheckSummary,
  EntityAssessmentResponse,
  MeshReadinessScore,
  ReadinessTargetMesh,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The readiness the backend computed, shaped for the views. The browser
 * never re-scores: it reads `response.readiness` and `response.checks`, and
 * for an assessment stored before those existed it shows what the stored
 * scores give (score and counts, no finding lists).
 */

/** A finding as it stands for one target mesh. */
export interface TargetFinding {
  finding: AssessmentFinding;
  /** Undefined when the response does not describe the check. */
  check?: CheckSummary;
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
  passed: CheckSummary[];
  /** How many findings of each kind count for the mesh. */
  counts: Record<CheckSeverity | 'notEvaluated', number>;
  /**
   * False for an assessment stored before the backend sent readiness per
   * target: the counts come from the stored score, the lists are empty.
   */
  detailed: boolean;
}

/** The parts of a response readiness is read from. */
export type ReadinessSource = Pick<
  EntityAssessmentResponse,
  'assessment' | 'readiness' | 'checks'
>;

export const SEVERITY_ORDER: readonly CheckSeverity[] = [
  'error',
  'warning',
  'info',
];

/** The meshes a response has readiness for, in the backend's order. */
export function targetMeshes(
  response: Pick<EntityAssessmentResponse, 'assessment' | 'readiness'>,
): ReadinessTargetMesh[] {
  return (
    response.readiness?.map(target => target.mesh) ??
    response.assessment?.scores.map(score => score.mesh) ??
    []
  );
}

/**
 * The target mesh to show first, the one the response's `score` is for: the
 * mesh the service runs on, else the best-scoring target (ties go to the
 * higher recommendation, then to the backend's order).
 */
export function defaultTargetMesh(
  response: Pick<
    EntityAssessmentResponse,
    'mesh' | 'recommendation' | 'targetMesh' | 'readiness'
  > & {
    assessment: Pick<ServiceAssessment, 'scores'> | null;
  },
): ReadinessTargetMesh {
  const scores = response.readiness ?? response.assessment?.scores ?? [];
  const isTarget = (mesh: unknown): mesh is ReadinessTargetMesh =>
    scores.some(score => score.mesh === mesh);
  if (isTarget(response.mesh)) return response.mesh;
  // The mesh the organisation is adopting (serviceMesh.targetMesh).
  if (response.targetMesh) return response.targetMesh;
  const rankOf = (mesh: string) =>
    response.recommendation.find(entry => entry.id === mesh)?.rank ??
    Number.MAX_SAFE_INTEGER;
  const best = scores
    .map((score, order) => ({ score, order }))
    .sort(
      (a, b) =>
        b.score.score - a.score.score ||
        rankOf(a.score.mesh) - rankOf(b.score.mesh) ||
        a.order - b.order,
    )[0];
  return best?.score.mesh ?? 'istio-sidecar';
}

/** Findings of checks the response describes as adoption checks count for no target. */
function isReadiness(check: CheckSummary | undefined): boolean {
  return !check || check.category === 'readiness';
}

/** Readiness for one target mesh, as the backend computed it. */
export function readinessFor(
  response: ReadinessSource,
  mesh: ReadinessTargetMesh,
): TargetReadiness {
  const { assessment, checks = {} } = response;
  const failing: TargetReadiness['failing'] = {
    error: [],
    warning: [],
    info: [],
  };
  const notEvaluated: TargetFinding[] = [];
  const score = assessment?.scores.find(s => s.mesh === mesh);
  const target = response.readiness?.find(t => t.mesh === mesh);
  if (!assessment || !target) {
    return {
      mesh,
      score,
      failing,
      notEvaluated,
      passed: [],
      counts: {
        error: score?.blocking ?? 0,
        warning: score?.warnings ?? 0,
        info: 0,
        notEvaluated: score?.notEvaluated ?? 0,
      },
      detailed: false,
    };
  }
  for (const { index, severity } of target.findings) {
    const finding = assessment.findings[index];
    if (!finding) continue;
    const entry = { finding, check: checks[finding.checkId], severity };
    if (finding.status === 'fail') failing[severity].push(entry);
    else if (finding.status === 'not-evaluated') notEvaluated.push(entry);
  }
  return {
    mesh,
    score: score ?? target,
    failing,
    notEvaluated,
    passed: target.passedChecks.map(
      id => checks[id] ?? { id, title: id, why: '', category: 'readiness' },
    ),
    counts: {
      error: failing.error.length,
      warning: failing.warning.length,
      info: failing.info.length,
      notEvaluated: notEvaluated.length,
    },
    detailed: true,
  };
}

/**
 * Adoption findings (enrolment, missing or stale proxies, mTLS, end of life)
 * are about the mesh the service runs on, whatever the target. Only a
 * response that describes its checks can tell them apart.
 */
export function adoptionFindings(response: ReadinessSource): TargetFinding[] {
  const { assessment, checks } = response;
  if (!assessment || !checks) return [];
  return assessment.findings.flatMap(finding => {
    const check = checks[finding.checkId];
    if (isReadiness(check)) return [];
    return [{ finding, check, severity: finding.severity }];
  });
}

/** The blocking findings of the response's headline mesh, for the card. */
export function topBlockingFindings(
  response: EntityAssessmentResponse,
  limit = 3,
): TargetFinding[] {
  if (!response.assessment) return [];
  const adoptionErrors = adoptionFindings(response).filter(
    entry => entry.finding.status === 'fail' && entry.severity === 'error',
  );
  const readiness = readinessFor(response, defaultTargetMesh(response)).failing
    .error;
  return [...adoptionErrors, ...readiness].slice(0, limit);
}

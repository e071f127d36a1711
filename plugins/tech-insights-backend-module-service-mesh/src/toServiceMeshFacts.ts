import {
  EntityAssessmentResponse,
  MeshId,
  MeshKnowledgeBase,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  READINESS_FACTS,
  ServiceDataPlaneMode,
  ServiceMeshFacts,
} from './factSchema';

/**
 * Meshes that get no more fixes: discontinued (App Mesh) or archived (OSM),
 * as the knowledge base says after the organisation's overrides.
 */
export function discontinuedMeshes(
  knowledgeBase: MeshKnowledgeBase,
): ReadonlySet<string> {
  return new Set(
    knowledgeBase.entries
      .filter(entry =>
        ['discontinued', 'archived'].includes(entry.lifecycle.status),
      )
      .map(entry => entry.id),
  );
}

function dataPlaneModeOf(assessment: ServiceAssessment): ServiceDataPlaneMode {
  const modes = new Set(
    assessment.workloads
      .map(workload => workload.detection.dataPlaneMode)
      .filter(mode => mode !== 'none'),
  );
  if (modes.size > 1) return 'mixed';
  return modes.values().next().value ?? 'none';
}

/**
 * The facts of one service from its stored assessment, or undefined when
 * there is none (no Kubernetes annotation): nothing is published rather
 * than values nobody measured. A service whose annotation matched no
 * workload only has its stage (`not-assessed`), for the same reason.
 */
export function toServiceMeshFacts(
  response: EntityAssessmentResponse,
  discontinued: ReadonlySet<string>,
): ServiceMeshFacts | undefined {
  const { assessment } = response;
  if (!assessment) return undefined;
  const facts: ServiceMeshFacts = { adoptionStage: response.stage };
  if (assessment.coverage.totalWorkloads === 0) return facts;

  facts.mesh = response.mesh ?? 'none';
  facts.dataPlaneMode = dataPlaneModeOf(assessment);
  facts.mtlsMode = assessment.mtls.mode;
  facts.staleProxies = assessment.staleProxies;
  facts.blockingFindings = response.blockingCount;
  if (response.score !== null) facts.readinessScore = response.score;
  facts.onDiscontinuedMesh = assessment.meshes.some((mesh: MeshId) =>
    discontinued.has(mesh),
  );

  // `readiness` is absent on assessments stored before it existed; the
  // scores it extends carry the same score and ready flag.
  const readiness = response.readiness ?? assessment.scores;
  for (const target of readiness) {
    facts[READINESS_FACTS[target.mesh]] = target.score;
  }
  const forTarget = readiness.find(
    target => target.mesh === response.targetMesh,
  );
  if (response.targetMesh && forTarget) {
    facts.targetMesh = response.targetMesh;
    facts.targetMeshReadiness = forTarget.score;
    facts.readyForTargetMesh = forTarget.ready;
  }
  return facts;
}

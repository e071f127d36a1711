/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import {
  DataPlaneMode,
  EntityAssessmentResponse,
  MeshDetection,
  MeshId,
  READINESS_TARGET_MESHES,
  ServiceAssessment,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** One workload's detection; mTLS is read from the service's summary. */
export function detection(
  mesh: MeshId | 'none',
  dataPlaneMode: DataPlaneMode,
): MeshDetection {
  return {
    mesh,
    state: mesh === 'none' ? 'none' : 'meshed',
    dataPlaneMode,
    meshable: true,
    evidence: [],
    mtls: { mode: 'off', source: 'test' },
    conflicts: [],
    otherMeshes: [],
  };
}

/** Scores per target: `ready` where the score is 100. */
export function scores(score: (mesh: string) => number) {
  return READINESS_TARGET_MESHES.map(mesh => ({
    mesh,
    score: score(mesh),
    ready: score(mesh) === 100,
    blocking: score(mesh) === 100 ? 0 : 1,
    warnings: 0,
    notEvaluated: 0,
  }));
}

/** A service of Istio sidecars with strict mTLS and one stale proxy. */
export function assessment(
  overrides: Partial<ServiceAssessment> & {
    detections?: MeshDetection[];
  } = {},
): ServiceAssessment {
  const { detections = [detection('istio-sidecar', 'sidecar')], ...rest } =
    overrides;
  return {
    engineVersion: 'test',
    stage: 'secured',
    stageReason: 'test',
    meshes: ['istio-sidecar'],
    coverage: {
      totalWorkloads: detections.length,
      meshableWorkloads: detections.length,
      meshedWorkloads: detections.length,
      enrolledWorkloads: 0,
      meshedPods: 2,
      totalPods: 2,
    },
    mtls: { mode: 'strict', strictWorkloads: detections.length },
    staleProxies: 1,
    workloads: detections.map((d, i) => ({
      id: `Deployment/shop/w${i}`,
      workload: { kind: 'Deployment', namespace: 'shop', name: `w${i}` },
      detection: d,
      failedChecks: [],
      notEvaluatedChecks: [],
      passedChecks: [],
    })),
    findings: [],
    passedChecks: [],
    scores: scores(mesh => (mesh === 'istio-sidecar' ? 100 : 40)),
    ...rest,
  };
}

/** `GET /entities/:kind/:namespace/:name/assessment` of `component:default/cart`. */
export function assessmentResponse(
  overrides: Partial<EntityAssessmentResponse> = {},
): EntityAssessmentResponse {
  const base =
    overrides.assessment !== undefined ? overrides.assessment : assessment();
  return {
    entity: {
      entityRef: 'component:default/cart',
      kind: 'Component',
      namespace: 'default',
      name: 'cart',
    },
    configured: true,
    stage: 'secured',
    stageReason: 'test',
    targetMesh: 'istio-sidecar',
    mesh: 'istio-sidecar',
    score: 100,
    blockingCount: 0,
    assessment: base,
    readiness: base?.scores.map(score => ({
      ...score,
      findings: [],
      passedChecks: [],
    })),
    recommendation: [],
    clusters: [],
    assessedAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

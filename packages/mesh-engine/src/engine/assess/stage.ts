import {
  CheckResult,
  MESH_DISPLAY_NAMES,
  MeshDetection,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { findReadinessCheck } from '../checks/registry';
import { resultAppliesTo, resultSeverityFor } from '../checks/runChecks';
import { describeKinds } from '../detect/unreadableKinds';
import {
  AdoptionStage,
  MeshReadinessScore,
  ReadinessTargetMesh,
} from './types';

const DISCONTINUED = new Set(['aws-app-mesh', 'osm']);

/**
 * The adoption stage of a service, first rule that matches wins:
 *
 * 1. `not-assessed`: no workload was found for the service.
 * 2. `must-migrate`: any workload runs in, or is enrolled in, a discontinued
 *    mesh (App Mesh, OSM); this overrides everything below.
 * 3. `not-applicable`: every workload uses hostNetwork, so none can be meshed.
 * 4. `secured`: every meshable workload is meshed with full pod coverage and
 *    strict mTLS. When strictness could not be evaluated (a policy kind
 *    could not be listed) and no workload is known not to be strict, the
 *    stage is `not-assessed`, never `meshed`: the reason names the kind.
 * 5. `meshed`: every meshable workload is meshed with full pod coverage.
 * 6. `onboarding`: some workload is enrolled or (partly) meshed, but not all
 *    pods of all workloads run in the mesh yet.
 * 7. `ready` / `blocked`: nothing is enrolled; `ready` when there is no
 *    blocking finding for the target mesh (or, without a target, for at least
 *    one mesh), `blocked` otherwise. A blocking check that was not evaluated
 *    because a kind it reads could not be listed (`unreadableKinds` on a
 *    result of `findings`) may hide a blocker: a mesh is `ready` only when
 *    none is; when that leaves no mesh, the stage is `not-assessed` and the
 *    reason names the check and the kind, as for mTLS in rule 4.
 */
export function adoptionStage(
  detections: readonly MeshDetection[],
  scores: readonly MeshReadinessScore[],
  targetMesh?: ReadinessTargetMesh,
  findings: readonly CheckResult[] = [],
): { stage: AdoptionStage; reason: string } {
  if (detections.length === 0) {
    return { stage: 'not-assessed', reason: 'No workload matches the service' };
  }
  const discontinued = detections
    .flatMap(detection => [detection.mesh, ...detection.otherMeshes])
    .find(mesh => DISCONTINUED.has(mesh));
  if (discontinued && discontinued !== 'none') {
    return {
      stage: 'must-migrate',
      reason: `A workload is on ${MESH_DISPLAY_NAMES[discontinued]}, which is discontinued`,
    };
  }
  const meshable = detections.filter(detection => detection.meshable);
  if (meshable.length === 0) {
    return {
      stage: 'not-applicable',
      reason: 'Every workload uses hostNetwork and cannot be meshed',
    };
  }
  const fullyMeshed = (detection: MeshDetection) =>
    detection.state === 'meshed' &&
    (!detection.coverage ||
      detection.coverage.meshedPods >= detection.coverage.totalPods);
  if (meshable.every(fullyMeshed)) {
    const unread = meshable.find(detection => detection.mtls.unreadableKinds);
    const knownNotStrict = meshable.some(
      detection =>
        !detection.mtls.unreadableKinds && detection.mtls.mode !== 'strict',
    );
    // Secured or meshed hangs on a policy nobody could read: say so rather
    // than call a possibly secured service merely meshed.
    if (unread && !knownNotStrict) {
      return {
        stage: 'not-assessed',
        reason: `Every workload is meshed; whether mTLS is strict was not evaluated: ${unread.mtls.source.replace(
          /^not evaluated: /,
          '',
        )}`,
      };
    }
    return meshable.every(detection => detection.mtls.mode === 'strict')
      ? {
          stage: 'secured',
          reason: 'Every workload is meshed with strict mTLS',
        }
      : {
          stage: 'meshed',
          reason: 'Every workload is meshed; mTLS is not strict everywhere',
        };
  }
  const started = meshable.filter(
    detection => detection.state === 'meshed' || detection.state === 'enrolled',
  );
  if (started.length > 0) {
    return {
      stage: 'onboarding',
      reason: `${started.length} of ${meshable.length} workloads are enrolled or partly meshed; not every pod runs in the mesh yet`,
    };
  }
  const considered = targetMesh
    ? scores.filter(score => score.mesh === targetMesh)
    : scores;
  const ready = considered.filter(score => score.ready);
  // Once, not per mesh: a service of thousands of workloads has as many findings.
  const unevaluated = findings.filter(
    result =>
      result.status === 'not-evaluated' && result.unreadableKinds?.length,
  );
  const known = ready.filter(
    score => !unevaluatedBlocker(unevaluated, score.mesh),
  );
  if (known.length > 0) {
    return {
      stage: 'ready',
      reason: `No blocking finding for ${known
        .map(score => MESH_DISPLAY_NAMES[score.mesh])
        .join(', ')}`,
    };
  }
  if (ready.length > 0) {
    const unread = unevaluatedBlocker(unevaluated, ready[0].mesh)!;
    return {
      stage: 'not-assessed',
      reason: `No known blocking finding for ${ready
        .map(score => MESH_DISPLAY_NAMES[score.mesh])
        .join(', ')}, but ${unread.checkId} was not evaluated: ${describeKinds(
        unread.unreadableKinds ?? [],
      )} could not be listed`,
    };
  }
  return {
    stage: 'blocked',
    reason: targetMesh
      ? `Blocking findings for ${MESH_DISPLAY_NAMES[targetMesh]}`
      : 'Blocking findings for every target mesh',
  };
}

/**
 * A readiness result that would block `mesh` if it failed, left unevaluated
 * because a kind its check reads could not be listed.
 */
function unevaluatedBlocker(
  findings: readonly CheckResult[],
  mesh: ReadinessTargetMesh,
): CheckResult | undefined {
  return findings.find(result => {
    if (result.status !== 'not-evaluated' || !result.unreadableKinds?.length)
      return false;
    const check = findReadinessCheck(result.checkId);
    return (
      !!check &&
      check.category === 'readiness' &&
      resultAppliesTo(check, result, mesh) &&
      resultSeverityFor(check, result, mesh) === 'error'
    );
  });
}

import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { controlPlaneFacts } from '../cluster/controlPlane';
import {
  findMeshResources,
  waypointReferences,
} from '../workloads/meshResources';
import { Workload } from '../workloads/workload';
import { detectProxyFreshness } from './freshness';
import { detectMtls } from './mtls';
import { findMeshProxies } from './proxyContainers';
import {
  MESH_SIGNATURES,
  MeshIntent,
  MeshSignature,
  SignatureContext,
} from './signatures';
import {
  DataPlaneMode,
  DetectionConflict,
  DetectionEvidence,
  MeshDetection,
  MeshState,
} from '@meshwise/backstage-plugin-service-mesh-common';

interface MeshObservation {
  signature: MeshSignature;
  intent: MeshIntent;
  templateFact?: DetectionEvidence;
  /** Names of live pods that run in this mesh. */
  meshedPods: string[];
  podFacts: DetectionEvidence[];
}

/**
 * Says how one workload is meshed today. Facts (proxies on pods or template,
 * ambient redirection) beat intent (labels and annotations asking for a
 * mesh); among facts, the mesh running on the most pods wins; ties and
 * intents follow `MESH_SIGNATURES` order. Everything else seen becomes
 * evidence, `otherMeshes` and conflicts.
 */
export function detectMesh(
  workload: Workload,
  index: ClusterIndex,
): MeshDetection {
  const context: SignatureContext = {
    workload,
    index,
    namespaceLabels: workload.namespaceObject?.metadata.labels ?? {},
    namespaceAnnotations: workload.namespaceObject?.metadata.annotations ?? {},
    controlPlane: controlPlaneFacts(index),
  };
  const observations = MESH_SIGNATURES.map(signature =>
    observe(signature, context),
  );
  const withFacts = observations
    .filter(
      observation =>
        observation.templateFact || observation.meshedPods.length > 0,
    )
    .sort((a, b) => b.meshedPods.length - a.meshedPods.length);
  const enrolled = observations.filter(
    observation =>
      observation.intent.enrolled.length > 0 && !observation.intent.optedOut,
  );
  const primary = withFacts[0] ?? enrolled[0];
  const mesh = primary?.signature.mesh ?? 'none';

  let state: MeshState = 'none';
  if (withFacts.length > 0) state = 'meshed';
  else if (enrolled.length > 0) state = 'enrolled';
  else if (observations.some(observation => observation.intent.optedOut))
    state = 'opted-out';

  const resources = findMeshResources(workload, index);
  const evidence = observations.flatMap(observation => [
    ...observation.intent.enrolled,
    ...(observation.intent.optedOut ? [observation.intent.optedOut] : []),
    ...(observation.templateFact ? [observation.templateFact] : []),
    ...observation.podFacts,
  ]);
  if (workload.template.spec.hostNetwork) {
    evidence.push({
      kind: 'fact',
      source: `${workload.kind} ${workload.name} uses hostNetwork: meshes do not inject or capture it`,
    });
  }

  return {
    mesh,
    state,
    dataPlaneMode: dataPlaneModeOf(primary, state, workload),
    meshable: !workload.template.spec.hostNetwork,
    evidence,
    coverage:
      workload.pods.length > 0
        ? {
            meshedPods: primary?.meshedPods.length ?? 0,
            totalPods: workload.pods.length,
          }
        : undefined,
    mtls: detectMtls(mesh, workload, index, resources),
    proxy: detectProxyFreshness(mesh, workload, index, context.controlPlane),
    conflicts: findConflicts(observations, withFacts, enrolled, workload),
    otherMeshes: [
      ...new Set([...withFacts, ...enrolled].map(o => o.signature.mesh)),
    ].filter(other => other !== mesh),
  };
}

function observe(
  signature: MeshSignature,
  context: SignatureContext,
): MeshObservation {
  const { workload } = context;
  const podFacts: DetectionEvidence[] = [];
  const meshedPods: string[] = [];
  for (const pod of workload.pods) {
    const fact = signature.podFact(pod.view, pod.name, context);
    if (fact) {
      meshedPods.push(pod.name);
      // One example is enough evidence; the count goes into coverage.
      if (podFacts.length === 0) podFacts.push(fact);
    }
  }
  if (meshedPods.length > 1) {
    podFacts.push({
      kind: 'fact',
      mesh: signature.mesh,
      source: `${meshedPods.length} of ${workload.pods.length} pods of ${
        workload.kind
      } ${workload.name} run in ${MESH_DISPLAY_NAMES[signature.mesh]}`,
    });
  }
  // A bare Pod's template is the pod itself, already counted above; so is
  // that of a controller known only by its pods (template path ``).
  const templateFact =
    workload.template.path === ''
      ? undefined
      : signature.podFact(workload.template, undefined, context);
  return {
    signature,
    intent: signature.intent(context),
    templateFact,
    meshedPods,
    podFacts,
  };
}

function dataPlaneModeOf(
  primary: MeshObservation | undefined,
  state: MeshState,
  workload: Workload,
): DataPlaneMode {
  if (!primary || state === 'opted-out' || state === 'none') return 'none';
  const mesh = primary.signature.mesh;
  if (mesh === 'istio-ambient') return 'ambient';
  if (mesh === 'cilium') return 'node-proxy';
  const meshedPod = workload.pods.find(pod =>
    primary.meshedPods.includes(pod.name),
  );
  const spec = meshedPod?.view.spec ?? workload.template.spec;
  const proxy = findMeshProxies(spec).find(found => found.mesh === mesh);
  return proxy?.native ? 'native-sidecar' : 'sidecar';
}

const ISTIO_MODES: ReadonlySet<MeshId> = new Set([
  'istio-sidecar',
  'istio-ambient',
]);

function findConflicts(
  observations: MeshObservation[],
  withFacts: MeshObservation[],
  enrolled: MeshObservation[],
  workload: Workload,
): DetectionConflict[] {
  const conflicts: DetectionConflict[] = [];
  const name = (observation: MeshObservation) =>
    MESH_DISPLAY_NAMES[observation.signature.mesh];

  const sidecarPresent = withFacts.some(
    o => o.signature.mesh === 'istio-sidecar',
  );
  const sidecarWanted = enrolled.some(
    o => o.signature.mesh === 'istio-sidecar',
  );
  const ambientWanted = observations.some(
    o => o.signature.mesh === 'istio-ambient' && o.intent.enrolled.length > 0,
  );
  if ((sidecarPresent || sidecarWanted) && ambientWanted) {
    conflicts.push({
      kind: 'sidecar-and-ambient',
      message: `${workload.kind} ${workload.name} is ${
        sidecarPresent
          ? 'running an Istio sidecar'
          : 'enrolled for sidecar injection'
      } and also labelled for ambient; the sidecar wins, so ambient does not apply`,
    });
  }

  // Two different meshes (counting Istio's two modes as one) with proxies.
  const factMeshes = distinctMeshes(withFacts);
  if (factMeshes.length > 1) {
    const both = workload.pods.find(
      pod => withFacts.filter(o => o.meshedPods.includes(pod.name)).length > 1,
    );
    conflicts.push({
      kind: 'multiple-meshes',
      message: both
        ? `Pod ${both.name} carries proxies of ${withFacts
            .map(name)
            .join(' and ')}`
        : `${workload.kind} ${workload.name} runs proxies of ${withFacts
            .map(name)
            .join(' and ')}`,
    });
  }
  const intentMeshes = distinctMeshes(enrolled);
  if (intentMeshes.length > 1) {
    conflicts.push({
      kind: 'multiple-meshes',
      message: `${workload.kind} ${workload.name} is enrolled in ${enrolled
        .map(name)
        .join(' and ')}`,
    });
  }
  const running = withFacts[0];
  const asked = enrolled.find(
    o => running && !sameFamily(o.signature.mesh, running.signature.mesh),
  );
  if (running && asked) {
    conflicts.push({
      kind: 'intent-mismatch',
      message: `${workload.kind} ${workload.name} runs in ${name(
        running,
      )} but is enrolled in ${name(
        asked,
      )} (migration in progress or stale pods)`,
    });
  }

  const waypoints = waypointReferences(workload);
  const ambient =
    enrolled.some(o => o.signature.mesh === 'istio-ambient') ||
    withFacts.some(o => o.signature.mesh === 'istio-ambient');
  if (waypoints.length > 0 && !ambient) {
    conflicts.push({
      kind: 'waypoint-without-ambient',
      message: `${waypoints[0].source} names waypoint ${waypoints[0].name} but the workload is not in ambient mode (waypoints only serve ambient workloads)`,
    });
  }
  return conflicts;
}

function sameFamily(a: MeshId, b: MeshId): boolean {
  return a === b || (ISTIO_MODES.has(a) && ISTIO_MODES.has(b));
}

function distinctMeshes(observations: MeshObservation[]): MeshId[] {
  const families: MeshId[] = [];
  for (const observation of observations) {
    const mesh = observation.signature.mesh;
    if (!families.some(known => sameFamily(known, mesh))) families.push(mesh);
  }
  return families;
}

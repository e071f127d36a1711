import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  AdoptionStage,
  DataPlaneMode,
  DetectedMesh,
  MESH_DISPLAY_NAMES,
  MtlsMode,
  ReadinessTargetMesh,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The id of the fact retriever, of its fact rows, and its key under
 * `techInsights.factRetrievers` in app-config (Tech Insights schedules a
 * retriever only when that key names it).
 */
export const SERVICE_MESH_FACT_RETRIEVER_ID = 'serviceMeshFactRetriever';

/**
 * The fact holding the readiness score for each target mesh. Facts are
 * flat, so one fact per mesh; camelCase so a JSON rule names it as is.
 */
export const READINESS_FACTS = {
  'istio-sidecar': 'readinessIstioSidecar',
  'istio-ambient': 'readinessIstioAmbient',
  linkerd: 'readinessLinkerd',
  consul: 'readinessConsul',
  kuma: 'readinessKuma',
  cilium: 'readinessCilium',
} as const satisfies Record<ReadinessTargetMesh, string>;

export type ReadinessFactName = (typeof READINESS_FACTS)[ReadinessTargetMesh];

/** The service's data-plane mode: its workloads' one mode, or `mixed`. */
export type ServiceDataPlaneMode = DataPlaneMode | 'mixed';

/**
 * The facts published for one assessed service. Only `adoptionStage` is
 * always there: a service whose annotation matched no workload has nothing
 * else to say, and the target facts need `serviceMesh.targetMesh`.
 */
export type ServiceMeshFacts = {
  adoptionStage: AdoptionStage;
  mesh?: DetectedMesh;
  dataPlaneMode?: ServiceDataPlaneMode;
  mtlsMode?: MtlsMode;
  staleProxies?: number;
  blockingFindings?: number;
  readinessScore?: number;
  targetMesh?: ReadinessTargetMesh;
  targetMeshReadiness?: number;
  readyForTargetMesh?: boolean;
  onDiscontinuedMesh?: boolean;
} & Partial<Record<ReadinessFactName, number>>;

type FactDefinition = FactSchema[string];

function readinessFact(mesh: ReadinessTargetMesh): FactDefinition {
  return {
    type: 'integer',
    description: `Readiness for ${MESH_DISPLAY_NAMES[mesh]}, 0 to 100: the severity-weighted share of its readiness checks that pass`,
  };
}

/** The schema of every fact above: one entry per key, checked by the compiler. */
export const serviceMeshFactSchema: Record<
  keyof ServiceMeshFacts,
  FactDefinition
> = {
  adoptionStage: {
    type: 'string',
    description:
      'Adoption stage: not-applicable, not-assessed, blocked, ready, onboarding, meshed, secured or must-migrate',
  },
  mesh: {
    type: 'string',
    description: 'The mesh the service runs on (the first of several), or none',
  },
  dataPlaneMode: {
    type: 'string',
    description:
      "How its meshed workloads' traffic reaches the mesh: sidecar, native-sidecar, ambient, node-proxy, mixed (several), or none",
  },
  mtlsMode: {
    type: 'string',
    description:
      'The weakest mTLS mode among its meshed or enrolled workloads: strict, permissive, off (also when on no mesh) or unknown',
  },
  staleProxies: {
    type: 'integer',
    description: 'Workloads whose proxies are older than their control plane',
  },
  blockingFindings: {
    type: 'integer',
    description:
      'Blocking findings for the mesh the service runs on, else the target mesh, else its best target',
  },
  readinessScore: {
    type: 'integer',
    description:
      'Readiness 0 to 100 for the mesh the service runs on, else the target mesh, else its best target',
  },
  targetMesh: {
    type: 'string',
    description: "The organisation's target mesh (serviceMesh.targetMesh)",
  },
  targetMeshReadiness: {
    type: 'integer',
    description: 'Readiness 0 to 100 for the target mesh',
  },
  readyForTargetMesh: {
    type: 'boolean',
    description:
      'No blocking finding for the target mesh and at least one workload it can mesh',
  },
  onDiscontinuedMesh: {
    type: 'boolean',
    description:
      'A workload runs in, or is enrolled in, a mesh the knowledge base lists as discontinued or archived',
  },
  readinessIstioSidecar: readinessFact('istio-sidecar'),
  readinessIstioAmbient: readinessFact('istio-ambient'),
  readinessLinkerd: readinessFact('linkerd'),
  readinessConsul: readinessFact('consul'),
  readinessKuma: readinessFact('kuma'),
  readinessCilium: readinessFact('cilium'),
};

import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../../cluster/clusterIndex';
import { ControlPlaneFacts } from '../../cluster/controlPlane';
import { PodTemplateView } from '../../model/podSpec';
import { Workload } from '../../workloads/workload';
import { DetectionEvidence } from '@meshwise/backstage-plugin-service-mesh-common';

export interface SignatureContext {
  workload: Workload;
  index: ClusterIndex;
  namespaceLabels: Record<string, string>;
  namespaceAnnotations: Record<string, string>;
  controlPlane: ControlPlaneFacts;
}

/** What configuration asks for: enrolment evidence, or an explicit opt-out. */
export interface MeshIntent {
  enrolled: DetectionEvidence[];
  optedOut?: DetectionEvidence;
}

/** The detection signature of one mesh (research notes, section 2). */
export interface MeshSignature {
  mesh: MeshId;
  intent(context: SignatureContext): MeshIntent;
  /**
   * Evidence that a pod (or a template that already shows injection) runs
   * in the mesh. `podName` is undefined for the template.
   */
  podFact(
    pod: PodTemplateView,
    podName: string | undefined,
    context: SignatureContext,
  ): DetectionEvidence | undefined;
}

/** Builds evidence strings that name the object and the key. */
export function describe(context: SignatureContext) {
  const { workload } = context;
  return {
    namespaceLabel: (key: string) =>
      `Namespace ${workload.namespace} label ${key}=${context.namespaceLabels[key]}`,
    namespaceAnnotation: (key: string) =>
      `Namespace ${workload.namespace} annotation ${key}=${context.namespaceAnnotations[key]}`,
    templateLabel: (key: string) =>
      `${workload.kind} ${workload.name} pod template label ${key}=${workload.template.labels[key]}`,
    templateAnnotation: (key: string) =>
      `${workload.kind} ${workload.name} pod template annotation ${key}=${workload.template.annotations[key]}`,
    pod: (podName: string | undefined) =>
      podName
        ? `Pod ${podName}`
        : `${workload.kind} ${workload.name} pod template`,
  };
}

export function intent(
  kind: 'enrolled' | 'opted-out',
  mesh: MeshId,
  source: string,
): MeshIntent {
  const evidence: DetectionEvidence = { kind: 'intent', mesh, source };
  return kind === 'enrolled'
    ? { enrolled: [evidence] }
    : { enrolled: [], optedOut: evidence };
}

export const NO_INTENT: MeshIntent = { enrolled: [] };

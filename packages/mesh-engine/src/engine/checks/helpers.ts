import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { isMeshContainer } from '../detect/proxyContainers';
import { KINDS, KubeObjectRef, refOf } from '../model/kubeObject';
import { ContainerView, allContainers } from '../model/podSpec';
import { ServiceView } from '../model/service';
import { templateField, Workload, workloadRef } from '../workloads/workload';
import { CheckContext, CheckFinding } from './types';

export const ALL_MESHES: readonly MeshId[] = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'consul',
  'kuma',
  'cilium',
  'aws-app-mesh',
  'osm',
];

/**
 * What detection reads to say which meshes a workload is in or enrolled in
 * (`meshesOf`, `detection.mesh`): Namespace labels and annotations, proxies
 * on live pods, and Cilium's annotation on Services.
 */
export const MESH_MEMBERSHIP_KINDS: readonly string[] = [
  KINDS.namespace,
  KINDS.pod,
  KINDS.service,
];

export function passed(context: CheckContext, message: string): CheckFinding {
  return {
    status: 'pass',
    object: workloadRef(context.workload),
    message,
    remediation: '',
  };
}

export function notEvaluated(
  context: CheckContext,
  message: string,
  remediation: string,
  object: KubeObjectRef = workloadRef(context.workload),
): CheckFinding {
  return { status: 'not-evaluated', object, message, remediation };
}

/** `Deployment reviews-v1` */
export function workloadLabel(workload: Workload): string {
  return `${workload.kind} ${workload.name}`;
}

export function serviceRef(service: ServiceView): KubeObjectRef {
  return refOf(service.object);
}

/** The application's own containers: mesh proxies and mesh init containers removed. */
export function appContainers(workload: Workload): ContainerView[] {
  const spec = workload.template.spec;
  return allContainers(spec).filter(
    container => !isMeshContainer(container, spec),
  );
}

export function containerField(
  workload: Workload,
  container: ContainerView,
  rest: string,
): string {
  return templateField(
    workload,
    `spec.${container.path}${rest ? `.${rest}` : ''}`,
  );
}

/** Results are returned as a list; a check with nothing wrong returns one pass. */
export function orPass(
  findings: CheckFinding[],
  context: CheckContext,
  message: string,
): CheckFinding[] {
  return findings.length > 0 ? findings : [passed(context, message)];
}

export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join('\n');
}

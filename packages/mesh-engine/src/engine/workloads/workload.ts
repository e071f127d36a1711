import { LabelSelector } from '../cluster/labelSelector';
import { KubeObject, KubeObjectRef } from '../model/kubeObject';
import { PodTemplateView } from '../model/podSpec';
import { ServiceView } from '../model/service';

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
] as const;

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** A live pod that belongs to a workload. */
export interface WorkloadPod {
  object: KubeObject;
  name: string;
  /** The pod's own metadata and spec, read like a template (path ``). */
  view: PodTemplateView;
  phase?: string;
  podIP?: string;
}

/**
 * Something that runs pods and could join a mesh: a controller with a pod
 * template, or a bare Pod. Carries everything the detector and the checks
 * read about it, resolved once from the `ClusterIndex`.
 */
export interface Workload {
  /** `Kind/namespace/name`; unique within one index. */
  id: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  object: KubeObject;
  /** The workload object's own labels. */
  labels: Record<string, string>;
  /** The pod template (for a bare Pod: the pod itself). */
  template: PodTemplateView;
  /** `spec.selector` of the controller, when it has one. */
  selector?: LabelSelector;
  /** Live pods linked by ownerReferences or, failing that, by selector. */
  pods: WorkloadPod[];
  namespaceObject?: KubeObject;
  /** Services whose selector is a subset of the template labels. */
  services: ServiceView[];
  serviceAccount?: KubeObject;
}

export function workloadRef(workload: Workload): KubeObjectRef {
  return {
    kind: workload.kind,
    namespace: workload.namespace,
    name: workload.name,
  };
}

/** A field of the pod template as a JSON path on the workload object. */
export function templateField(workload: Workload, relative: string): string {
  return workload.template.path
    ? `${workload.template.path}.${relative}`
    : relative;
}

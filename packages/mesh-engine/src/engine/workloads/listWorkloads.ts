import { ClusterIndex, push } from '../cluster/clusterIndex';
import { memoInSteps, Steps } from '../cluster/steps';
import {
  isLabelSubset,
  LabelSelector,
  labelSelectorFromMap,
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../cluster/labelSelector';
import { asRecord, asString, asStringMap, getPath } from '../model/access';
import {
  controllerRef,
  KINDS,
  KubeObject,
  KubeOwnerReference,
} from '../model/kubeObject';
import { createPodTemplateReader, readPodTemplate } from '../model/podSpec';
import { readService, ServiceView } from '../model/service';
import { Workload, WorkloadKind, WorkloadPod } from './workload';

const TEMPLATE_PATHS: Record<Exclude<WorkloadKind, 'Pod'>, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  ReplicationController: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

const CONTROLLER_GROUP_KINDS: Record<Exclude<WorkloadKind, 'Pod'>, string> = {
  Deployment: KINDS.deployment,
  StatefulSet: KINDS.statefulSet,
  DaemonSet: KINDS.daemonSet,
  ReplicaSet: KINDS.replicaSet,
  ReplicationController: KINDS.replicationController,
  Job: KINDS.job,
  CronJob: KINDS.cronJob,
};

/** Pods that have finished no longer count as running workload pods. */
const FINISHED_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * Every workload in the index, built once per index and memoised.
 *
 * Ownership follows Kubernetes: a ReplicaSet owned by a Deployment and a Job
 * owned by a CronJob fold into their owner when the owner is in the input (if
 * the owner is missing they stand alone, so nothing silently disappears); a
 * Pod is a workload of its own only when no controller owns it and no
 * workload's selector would adopt it. Running pods whose controller is not in
 * the input (a list of pods only, a ReplicaSet left out) and that no
 * selector adopts stand for that controller: one workload per owner
 * reference, so the replicas of one absent ReplicaSet are one workload.
 */
export function listWorkloads(index: ClusterIndex): readonly Workload[] {
  return memoisedWorkloads(index).value();
}

/**
 * `listWorkloads` in steps (see `Steps`): one per controller or pod read,
 * so a server builds the workloads of a cluster of thousands of pods
 * between requests. Shares the memo of `listWorkloads`.
 */
export function listWorkloadsInSteps(
  index: ClusterIndex,
): Steps<readonly Workload[]> {
  return memoisedWorkloads(index).steps();
}

function memoisedWorkloads(index: ClusterIndex) {
  return memoInSteps(index, 'engine:workloads', () => buildWorkloads(index));
}

function* buildWorkloads(index: ClusterIndex): Steps<Workload[]> {
  const workloads: Workload[] = [];
  const byObject = new Map<KubeObject, Workload>();
  const servicesByNamespace = yield* indexServices(index);

  const add = (kind: WorkloadKind, object: KubeObject) => {
    const workload = createWorkload(kind, object, index, servicesByNamespace);
    workloads.push(workload);
    byObject.set(object, workload);
    return workload;
  };

  for (const kind of [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'CronJob',
    'ReplicationController',
  ] as const) {
    for (const object of index.list(CONTROLLER_GROUP_KINDS[kind])) {
      add(kind, object);
      yield;
    }
  }
  // Folded objects point at the workload that stands for them.
  const folded = new Map<KubeObject, Workload>();
  for (const [kind, ownerKind] of [
    ['ReplicaSet', 'Deployment'],
    ['Job', 'CronJob'],
  ] as const) {
    for (const object of index.list(CONTROLLER_GROUP_KINDS[kind])) {
      const owner = controllerOwner(object, ownerKind, index);
      const ownerWorkload = owner ? byObject.get(owner) : undefined;
      if (ownerWorkload) folded.set(object, ownerWorkload);
      else add(kind, object);
      yield;
    }
  }

  const workloadsByNamespace = new Map<string, Workload[]>();
  for (const workload of workloads)
    push(workloadsByNamespace, workload.namespace, workload);

  // Replicas sharing one spec object (see compactPod) share one view.
  const readPod = createPodTemplateReader();
  const standIns = new Map<string, Workload>();
  const standInFor = (pod: KubeObject): Workload => {
    const absent = controllerRef(pod)!;
    const key = `${absent.kind}/${pod.metadata.namespace}/${absent.name}`;
    let standIn = standIns.get(key);
    if (!standIn) {
      standIn = standInForAbsentOwner(absent, pod, index, servicesByNamespace);
      standIns.set(key, standIn);
      workloads.push(standIn);
    }
    return standIn;
  };
  for (const pod of index.list(KINDS.pod)) {
    const owner = resolvePodOwner(pod, index, byObject, folded);
    if (owner === 'unmodelled-controller') continue;
    const adopter =
      owner ??
      adoptBySelector(
        pod,
        workloadsByNamespace.get(pod.metadata.namespace ?? 'default'),
      );
    if (adopter) {
      const view = toWorkloadPod(pod, readPod);
      if (!FINISHED_PHASES.has(view.phase ?? '')) adopter.pods.push(view);
    } else if (!hasControllerOwner(pod)) {
      const workload = add('Pod', pod);
      workload.pods.push(toWorkloadPod(pod, readPod));
    } else {
      // Its controller is not in the input: the pod stands for it.
      const view = toWorkloadPod(pod, readPod);
      if (!FINISHED_PHASES.has(view.phase ?? ''))
        standInFor(pod).pods.push(view);
    }
    yield;
  }
  return workloads;
}

/**
 * The workload of a controller that is not in the input, known only by its
 * pods' owner reference. Its first pod stands for the template (path ``,
 * like a bare Pod: the fields are the pod's own); it has no selector.
 */
function standInForAbsentOwner(
  owner: KubeOwnerReference,
  pod: KubeObject,
  index: ClusterIndex,
  servicesByNamespace: Map<string, ServicePostings>,
): Workload {
  const fromPod = createWorkload('Pod', pod, index, servicesByNamespace);
  const kind = owner.kind as Exclude<WorkloadKind, 'Pod'>;
  return {
    ...fromPod,
    id: `${kind}/${fromPod.namespace}/${owner.name}`,
    kind,
    name: owner.name,
  };
}

function createWorkload(
  kind: WorkloadKind,
  object: KubeObject,
  index: ClusterIndex,
  servicesByNamespace: Map<string, ServicePostings>,
): Workload {
  const namespace = object.metadata.namespace ?? 'default';
  const templatePath = kind === 'Pod' ? '' : TEMPLATE_PATHS[kind];
  const template = readPodTemplate(
    kind === 'Pod' ? object : getPath(object, templatePath),
    templatePath,
  );
  return {
    id: `${kind}/${namespace}/${object.metadata.name}`,
    kind,
    namespace,
    name: object.metadata.name,
    object,
    labels: object.metadata.labels ?? {},
    template,
    selector: selectorOf(kind, object),
    pods: [],
    namespaceObject: index.get(KINDS.namespace, undefined, namespace),
    services: servicesSelecting(
      template.labels,
      servicesByNamespace.get(namespace),
    ),
    serviceAccount: index.get(
      KINDS.serviceAccount,
      namespace,
      template.spec.serviceAccountName,
    ),
  };
}

/**
 * `spec.selector` of a controller. A ReplicationController's is a plain map
 * (empty: the template labels, which `adoptBySelector` falls back to).
 */
function selectorOf(
  kind: WorkloadKind,
  object: KubeObject,
): LabelSelector | undefined {
  if (kind === 'ReplicationController') {
    const map = asStringMap(getPath(object, 'spec.selector'));
    return Object.keys(map).length > 0 ? labelSelectorFromMap(map) : undefined;
  }
  const value =
    kind === 'CronJob'
      ? getPath(object, 'spec.jobTemplate.spec.selector')
      : getPath(object, 'spec.selector');
  return asRecord(value) ? labelSelectorFromObject(value) : undefined;
}

function toWorkloadPod(
  pod: KubeObject,
  readPod: typeof readPodTemplate,
): WorkloadPod {
  return {
    object: pod,
    name: pod.metadata.name,
    view: readPod(pod, ''),
    phase: asString(getPath(pod, 'status.phase')),
    podIP: asString(getPath(pod, 'status.podIP')),
  };
}

function hasControllerOwner(object: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).length > 0;
}

function controllerOwner(
  object: KubeObject,
  ownerKind: WorkloadKind,
  index: ClusterIndex,
): KubeObject | undefined {
  const owner = controllerRef(object);
  if (!owner || owner.kind !== ownerKind || ownerKind === 'Pod')
    return undefined;
  return index.get(
    CONTROLLER_GROUP_KINDS[ownerKind],
    object.metadata.namespace,
    owner.name,
  );
}

/**
 * The workload a pod belongs to by ownerReferences: Pod → ReplicaSet →
 * Deployment, Pod → StatefulSet/DaemonSet, Pod → Job → CronJob. Returns
 * `undefined` when the owner is not in the input (the caller falls back to
 * selectors) and `'unmodelled-controller'` when a controller the engine does
 * not model owns it (static pods owned by a Node, custom controllers).
 */
function resolvePodOwner(
  pod: KubeObject,
  index: ClusterIndex,
  byObject: Map<KubeObject, Workload>,
  folded: Map<KubeObject, Workload>,
): Workload | 'unmodelled-controller' | undefined {
  const owner = controllerRef(pod);
  if (!owner) return undefined;
  if (!(owner.kind in CONTROLLER_GROUP_KINDS)) return 'unmodelled-controller';
  const ownerObject = index.get(
    CONTROLLER_GROUP_KINDS[owner.kind as keyof typeof CONTROLLER_GROUP_KINDS],
    pod.metadata.namespace,
    owner.name,
  );
  if (!ownerObject) return undefined;
  return byObject.get(ownerObject) ?? folded.get(ownerObject);
}

/** A ReplicaSet-style adoption: the first workload whose selector matches the pod. */
function adoptBySelector(
  pod: KubeObject,
  candidates: Workload[] | undefined,
): Workload | undefined {
  const labels = pod.metadata.labels ?? {};
  if (Object.keys(labels).length === 0) return undefined;
  return candidates?.find(workload => {
    if (workload.kind === 'Pod') return false;
    const selector: LabelSelector =
      workload.selector ?? labelSelectorFromMap(workload.template.labels);
    return (
      selector.requirements.length > 0 && matchesLabelSelector(selector, labels)
    );
  });
}

/**
 * Services of one namespace keyed by one pair of their selector, so that a
 * workload only tests the Services that could possibly select it.
 */
type ServicePostings = Map<string, ServiceView[]>;

function* indexServices(
  index: ClusterIndex,
): Steps<Map<string, ServicePostings>> {
  const result = new Map<string, ServicePostings>();
  for (const object of index.list(KINDS.service)) {
    yield;
    const service = readService(object);
    if (!service.selector) continue;
    const [firstKey] = Object.keys(service.selector).sort();
    let postings = result.get(service.namespace);
    if (!postings) {
      postings = new Map();
      result.set(service.namespace, postings);
    }
    push(postings, `${firstKey}=${service.selector[firstKey]}`, service);
  }
  return result;
}

function servicesSelecting(
  labels: Record<string, string>,
  postings: ServicePostings | undefined,
): ServiceView[] {
  if (!postings) return [];
  const selected: ServiceView[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const service of postings.get(`${key}=${value}`) ?? []) {
      if (service.selector && isLabelSubset(service.selector, labels)) {
        selected.push(service);
      }
    }
  }
  return selected.sort((a, b) => a.name.localeCompare(b.name));
}

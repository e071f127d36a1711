import { ReadinessTargetMesh } from '../engine/assess/types';
import { ClusterIndex } from '../engine/cluster/clusterIndex';
import { asStringMap, getPath } from '../engine/model/access';
import { KINDS, KubeObject } from '../engine/model/kubeObject';
import { listWorkloads } from '../engine/workloads/listWorkloads';
import { Workload } from '../engine/workloads/workload';
import {
  AppMeshObjects,
  appMeshObjectList,
  collectAppMesh,
  translateAppMesh,
} from './appMesh';
import { mergeServices } from './appMesh/readServices';
import {
  planEnrolment,
  planFixes,
  planHardening,
  restartCommands,
  verifyCommands,
} from './onboarding';
import { renderPlanYaml } from './render';
import {
  ManualAction,
  MIGRATION_TARGETS,
  MigrationManifest,
  MigrationPlan,
  MigrationPlanInput,
  MigrationStep,
  MigrationTarget,
} from './types';
import { kubectlResource, nestAt, templateMetadataPath } from './util';

const APP_MESH_PREFIX = 'appmesh.k8s.aws/';
const APP_MESH_INJECTOR_LABEL = 'appmesh.k8s.aws/sidecarInjectorWebhook';

type StepDraft = Omit<MigrationStep, 'order'>;

function targetLabel(target: MigrationTarget): string {
  return MIGRATION_TARGETS.find(t => t.id === target)?.label ?? target;
}

/** The service's name: given, else the shared `app` label, else the first Service or workload. */
function serviceName(input: MigrationPlanInput): string {
  if (input.service?.name) return input.service.name;
  const apps = new Set(
    input.workloads.map(
      w => w.template.labels.app ?? w.template.labels['app.kubernetes.io/name'],
    ),
  );
  if (apps.size === 1) {
    const [app] = [...apps];
    if (app) return app;
  }
  return (
    input.workloads[0]?.services[0]?.name ??
    input.workloads[0]?.name ??
    'service'
  );
}

function isLeavingAppMesh(
  input: MigrationPlanInput,
  objects: AppMeshObjects,
): boolean {
  return (
    input.assessment.meshes.includes('aws-app-mesh') ||
    input.assessment.workloads.some(w => w.detection.mesh === 'aws-app-mesh') ||
    objects.virtualNodes.length > 0
  );
}

/**
 * Builds the migration plan for one service: readiness fixes, enrolment,
 * translation of AWS App Mesh routing (for services leaving App Mesh),
 * hardening, verification and cleanup, in the order to apply them.
 * Pure: reads only its input.
 */
export function generateMigrationPlan(
  input: MigrationPlanInput,
): MigrationPlan {
  const { workloads, index, assessment, target } = input;
  const service = serviceName(input);
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const objects = collectAppMesh(workloads, index);
  const leaving = isLeavingAppMesh(input, objects);
  const mesh: ReadinessTargetMesh | undefined =
    target === 'gateway-api' ? undefined : target;
  const label = targetLabel(target);
  const steps: StepDraft[] = [];
  const manualActions: ManualAction[] = [];

  // workloads already on another mesh (other than App Mesh, which the plan leaves)
  for (const entry of assessment.workloads) {
    const current = entry.detection.mesh;
    if (current === 'none' || current === 'aws-app-mesh' || current === target)
      continue;
    if (
      entry.detection.state !== 'meshed' &&
      entry.detection.state !== 'enrolled'
    )
      continue;
    manualActions.push({
      what: `Take ${entry.id} out of ${current} before enrolling it in ${label}`,
      why: `The workload is ${entry.detection.state} in ${current}; this plan only automates leaving AWS App Mesh. Remove its ${current} labels or annotations and restart it as part of the enrolment.`,
      source: entry.detection.evidence[0]?.source ?? entry.id,
    });
  }

  // prepare
  steps.push(prepareStep(target, namespaces, leaving));

  // fix
  if (mesh) {
    const fixes = planFixes(assessment.findings, workloads, index, mesh, {
      leavingAppMesh: leaving,
    });
    manualActions.push(...fixes.manualActions);
    if (fixes.manifests.length > 0)
      steps.push({
        id: 'fix',
        kind: 'fix',
        title: `Fix what stands between ${service} and ${label}`,
        explanation: [
          `Patches for the findings of ${fixes.fixed.join(
            ', ',
          )} that have a mechanical fix; changes to pod templates roll the workloads out, so apply them before enrolment to restart only once.`,
          'Findings without a mechanical fix are listed as manual actions.',
        ].join(' '),
        manifests: fixes.manifests,
      });
  }

  // translate (App Mesh leavers)
  let strictTls = false;
  if (leaving) {
    const translation = translateAppMesh(objects, index, target, workloads);
    manualActions.push(...translation.manualActions);
    strictTls = translation.strictTls;
    if (translation.tlsClients.length > 0)
      manualActions.push({
        what: `Move ${translation.tlsClients.join(
          ', ',
        )} and the services they call over App Mesh TLS in the same window`,
        why: `These clients enforce App Mesh TLS with App Mesh certificates; a ${label} server cannot accept it, and an App Mesh server cannot accept the new mesh's mTLS.`,
        source: translation.tlsClients
          .map(c => `${c} spec.backendDefaults/backends clientPolicy.tls`)
          .join('; '),
      });
    if (translation.manifests.length > 0 || translation.notes.length > 0)
      steps.push({
        id: 'translate',
        kind: 'translate',
        title: `Translate ${service}'s App Mesh routing to ${label}`,
        explanation: [
          translateIntro(target, objects),
          ...translation.notes,
          'Every App Mesh field the translation could not carry is listed as a manual action.',
        ].join(' '),
        manifests: translation.manifests,
      });
    else if (target === 'consul')
      manualActions.push({
        what: `Write Consul config entries for ${service}'s App Mesh routes`,
        why: 'Meshwise does not generate Consul ServiceRouter/ServiceSplitter entries.',
        source: appMeshObjectList(objects).map(describe).join(', '),
      });
    const detach = detachStep(workloads, index, objects, mesh === undefined);
    manualActions.push(...detach.manualActions);
    steps.push(detach.step);
  }

  // enroll
  if (mesh) {
    const enrolment = planEnrolment(mesh, workloads, index, leaving);
    manualActions.push(...enrolment.manualActions);
    steps.push({
      id: 'enroll',
      kind: 'enroll',
      title: `Enrol ${service} in ${label}`,
      explanation: enrolment.explanation.join(' '),
      manifests: enrolment.manifests,
      commands: enrolment.commands,
    });
    const hardening = planHardening(mesh, workloads, index);
    manualActions.push(...hardening.manualActions);
    if (hardening.manifests.length > 0)
      steps.push({
        id: 'harden',
        kind: 'harden',
        title: `Require mTLS for ${service}`,
        explanation: [
          ...(strictTls
            ? [
                'App Mesh listeners required TLS (mode STRICT); this step carries that as the mesh’s strict mTLS.',
              ]
            : []),
          ...hardening.explanation,
        ].join(' '),
        manifests: hardening.manifests,
        commands:
          hardening.commands.length > 0 ? hardening.commands : undefined,
      });
  }

  // verify
  steps.push({
    id: 'verify',
    kind: 'verify',
    title: 'Verify',
    explanation: verifyExplanation(target, service, leaving),
    manifests: [],
    commands: verifyCommands(mesh ?? 'gateway-api', namespaces),
  });

  // cleanup (App Mesh objects, after traffic is verified)
  if (leaving) {
    const cleanup = deleteStep(objects);
    manualActions.push(...cleanup.manualActions);
    if (cleanup.step) steps.push(cleanup.step);
  }

  const ordered: MigrationStep[] = withoutDuplicateServices(steps).map(
    (step, i) => ({
      ...step,
      order: i + 1,
    }),
  );
  const plan = {
    target,
    service,
    steps: ordered,
    manualActions: dedupe(manualActions),
  };
  return { ...plan, yaml: renderPlanYaml(plan) };
}

/**
 * One object per apiVersion/kind/namespace/name: a Service both the fix
 * step and the translation create (Consul's headless Service and a Service
 * for Cloud Map pods) becomes one, ports merged, at its first place.
 */
function withoutDuplicateServices(steps: StepDraft[]): StepDraft[] {
  const first = new Map<string, MigrationManifest>();
  const deduped = steps.map(step => ({
    ...step,
    manifests: step.manifests.filter(manifest => {
      const object = manifest.object;
      if (!object || object.kind !== 'Service') return true;
      const key = `${object.apiVersion}/${object.metadata.namespace}/${object.metadata.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, manifest);
        return true;
      }
      earlier.object = mergeServices(earlier.object!, object);
      earlier.description = `${earlier.description} Also: ${manifest.description}`;
      return false;
    }),
  }));
  return deduped.filter(
    (step, i) =>
      step.manifests.length > 0 ||
      steps[i].manifests.length === 0 ||
      (step.commands?.length ?? 0) > 0,
  );
}

function describe(object: KubeObject): string {
  return `${object.kind} ${
    object.metadata.namespace ? `${object.metadata.namespace}/` : ''
  }${object.metadata.name}`;
}

function dedupe(actions: ManualAction[]): ManualAction[] {
  const seen = new Set<string>();
  return actions.filter(action => {
    const key = `${action.what}\u0000${action.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function prepareStep(
  target: MigrationTarget,
  namespaces: string[],
  leaving: boolean,
): StepDraft {
  const commands: Record<MigrationTarget, string[]> = {
    'istio-sidecar': ['istioctl x precheck', 'istioctl version'],
    'istio-ambient': [
      'istioctl x precheck',
      'kubectl get daemonset ztunnel -n istio-system',
    ],
    linkerd: ['linkerd check --pre', 'linkerd check'],
    consul: ['consul-k8s status'],
    kuma: ['kumactl version', 'kubectl get meshes.kuma.io'],
    cilium: [
      'cilium status',
      'kubectl get configmap cilium-config -n kube-system -o jsonpath={.data.enable-ztunnel}',
    ],
    'gateway-api': [
      'kubectl get crd httproutes.gateway.networking.k8s.io grpcroutes.gateway.networking.k8s.io',
      'kubectl get gatewayclass',
    ],
  };
  const usesGatewayApi =
    leaving && !['consul', 'istio-sidecar', 'istio-ambient'].includes(target);
  const extra =
    usesGatewayApi && target !== 'gateway-api'
      ? ['kubectl get crd httproutes.gateway.networking.k8s.io']
      : [];
  const text: Record<MigrationTarget, string> = {
    'istio-sidecar':
      'Install Istio (istiod, and the Istio CNI plugin where Pod Security forbids NET_ADMIN).',
    'istio-ambient':
      'Install Istio in ambient mode (istiod, istio-cni, ztunnel); L7 routing needs a waypoint (Gateway with gatewayClassName istio-waypoint) and the istio.io/use-waypoint label.',
    linkerd:
      'Install Linkerd (CRDs, control plane; linkerd-cni where Pod Security forbids NET_ADMIN) and the Gateway API CRDs it needs.',
    consul: 'Install Consul on Kubernetes with connectInject enabled.',
    kuma: 'Install Kuma (kuma-cp) and make sure the mesh has mTLS identities.',
    cilium:
      'Install or upgrade Cilium with encryption.type=ztunnel (and Gateway API support for routes).',
    'gateway-api':
      'Install the Gateway API CRDs (standard channel) and the AWS Gateway API Controller for Amazon VPC Lattice (controllerName application-networking.k8s.aws/gateway-api-controller) with its GatewayClass amazon-vpc-lattice, and associate the clients’ VPCs with the service network.',
  };
  return {
    id: 'prepare',
    kind: 'prepare',
    title: `Prepare ${targetLabel(target)}`,
    explanation: `${text[target]} Nothing in ${namespaces.join(
      ', ',
    )} changes in this step.`,
    manifests: [],
    commands: [...commands[target], ...extra],
  };
}

function translateIntro(
  target: MigrationTarget,
  objects: AppMeshObjects,
): string {
  const names = appMeshObjectList(objects).map(describe).join(', ');
  switch (target) {
    case 'istio-sidecar':
    case 'istio-ambient':
      return `Istio VirtualServices and DestinationRules equivalent to ${names}. They do nothing until the pods have Istio proxies, so apply them before enrolment.${
        target === 'istio-ambient'
          ? ' In ambient mode L7 routing needs a waypoint for the destination Service.'
          : ''
      } The App Mesh and Istio VirtualService kinds share a name: use virtualservices.networking.istio.io / virtualservices.appmesh.k8s.aws with kubectl.`;
    case 'gateway-api':
      return `Gateway API routes equivalent to ${names} for Amazon VPC Lattice: the AWS Gateway API Controller (application-networking.k8s.aws/gateway-api-controller) turns a Gateway of GatewayClass amazon-vpc-lattice into a Lattice service network and each HTTPRoute attached to it into a Lattice service. Each manifest says which Gateway API channel it needs.`;
    default:
      return `Gateway API routes (GAMMA, parentRef kind Service) equivalent to ${names}; ${targetLabel(
        target,
      )} applies them to traffic between meshed pods.`;
  }
}

function verifyExplanation(
  target: MigrationTarget,
  service: string,
  leaving: boolean,
): string {
  const parts: string[] = [];
  if (target === 'gateway-api') {
    parts.push(
      'Check that each route is Accepted with ResolvedRefs on its parent, and that traffic follows the weights (e.g. per-backend request counts).',
    );
  } else {
    if (target === 'linkerd')
      parts.push(
        '`linkerd check --proxy` must pass for the namespace, and every pod must show a linkerd-proxy.',
      );
    else if (target.startsWith('istio'))
      parts.push(
        '`istioctl analyze` must report no errors for the namespace, and every pod must be in the mesh.',
      );
    else parts.push('Every pod must run with the mesh data plane.');
    parts.push(
      `In Meshwise, ${service} should reach the stage meshed after enrolment and secured after hardening.`,
    );
  }
  if (leaving)
    parts.push(
      'Compare the traffic split, retries and error rates with what App Mesh showed before deleting any App Mesh object.',
    );
  return parts.join(' ');
}

function detachStep(
  workloads: readonly Workload[],
  index: ClusterIndex,
  objects: AppMeshObjects,
  restartHere: boolean,
): { step: StepDraft; manualActions: ManualAction[] } {
  const manifests: MigrationManifest[] = [];
  const manualActions: ManualAction[] = [];
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const meshSelectorKeys = new Set(
    objects.meshes.flatMap(mesh =>
      Object.keys(
        asStringMap(getPath(mesh, 'spec.namespaceSelector.matchLabels')),
      ),
    ),
  );
  for (const ns of namespaces) {
    const object = index.get(KINDS.namespace, undefined, ns);
    const labels = object?.metadata.labels ?? {};
    const annotations = object?.metadata.annotations ?? {};
    const removeLabels: Record<string, null> = {};
    for (const key of Object.keys(labels))
      if (key.startsWith(APP_MESH_PREFIX) || meshSelectorKeys.has(key))
        removeLabels[key] = null;
    if (!object) {
      removeLabels[APP_MESH_INJECTOR_LABEL] = null;
      removeLabels.mesh = null;
    }
    if (meshSelectorKeys.size === 0 && labels.mesh !== undefined)
      removeLabels.mesh = null;
    const removeAnnotations: Record<string, null> = {};
    for (const key of Object.keys(annotations))
      if (key.startsWith(APP_MESH_PREFIX)) removeAnnotations[key] = null;
    const metadata: Record<string, unknown> = { labels: removeLabels };
    if (Object.keys(removeAnnotations).length > 0)
      metadata.annotations = removeAnnotations;
    manifests.push({
      description: `Namespace ${ns}: remove the App Mesh injector label and the Mesh selector label (${Object.keys(
        removeLabels,
      ).join(', ')}) so new pods get no App Mesh envoy`,
      patch: {
        target: { kind: 'Namespace', name: ns },
        type: 'json-merge',
        body: { metadata },
      },
    });
    const others = listWorkloads(index).filter(
      w =>
        w.namespace === ns &&
        !workloads.some(mine => mine.id === w.id) &&
        ['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind),
    );
    if (others.length > 0)
      manualActions.push({
        what: `Migrate the other App Mesh workloads of namespace ${ns} (${others
          .map(w => w.name)
          .join(
            ', ',
          )}) in the same window, or, to move only this service now, keep the namespace labels and annotate this service's pod templates with appmesh.k8s.aws/sidecarInjectorWebhook: disabled instead`,
        why: 'The App Mesh injector label is namespace-wide: once it is gone, those workloads lose their App Mesh envoy (and its routing) at their next restart.',
        source: `Namespace ${ns} label ${APP_MESH_INJECTOR_LABEL}`,
      });
  }
  for (const workload of workloads) {
    const removeAnnotations: Record<string, null> = {};
    const removeLabels: Record<string, null> = {};
    for (const key of Object.keys(workload.template.annotations))
      if (key.startsWith(APP_MESH_PREFIX)) removeAnnotations[key] = null;
    for (const key of Object.keys(workload.template.labels))
      if (key.startsWith(APP_MESH_PREFIX)) removeLabels[key] = null;
    const secretMounts =
      workload.template.annotations['appmesh.k8s.aws/secretMounts'];
    if (secretMounts)
      manualActions.push({
        what: `Delete the certificate Secrets mounted for App Mesh TLS (${secretMounts
          .split(',')
          .map(entry => entry.split(':')[0])
          .join(', ')}) once traffic moved`,
        why: 'The new mesh issues its own workload certificates; the App Mesh certificates are no longer used.',
        source: `${workload.kind} ${workload.namespace}/${
          workload.name
        } ${templateMetadataPath(
          workload,
        )}.annotations["appmesh.k8s.aws/secretMounts"]`,
      });
    const metadata: Record<string, unknown> = {};
    if (Object.keys(removeAnnotations).length > 0)
      metadata.annotations = removeAnnotations;
    if (Object.keys(removeLabels).length > 0) metadata.labels = removeLabels;
    if (Object.keys(metadata).length === 0) continue;
    manifests.push({
      description: `${workload.kind} ${
        workload.name
      }: remove the App Mesh pod ${Object.keys(metadata).join(' and ')} (${[
        ...Object.keys(removeAnnotations),
        ...Object.keys(removeLabels),
      ].join(', ')})`,
      patch: {
        target: {
          kind: workload.kind,
          namespace: workload.namespace,
          name: workload.name,
        },
        type: 'json-merge',
        body: nestAt(templateMetadataPath(workload), metadata),
      },
    });
  }
  const step: StepDraft = {
    id: 'cleanup-injection',
    kind: 'cleanup',
    title: 'Detach from App Mesh injection',
    explanation: [
      'Remove the App Mesh labels and annotations (json-merge patches; null deletes a key) before the pods restart, so they come back without the App Mesh envoy and proxyinit and cannot end up with two proxies.',
      restartHere
        ? 'Then restart the workloads: the pods come back without a proxy, and the routes apply through the Gateway API implementation (with a GAMMA mesh, enrol the namespace in it before this restart; see that mesh’s plan).'
        : 'The restart happens in the enrolment step.',
      'The App Mesh objects stay until the last step, so you can roll back by restoring the labels.',
    ].join(' '),
    manifests,
  };
  if (restartHere) step.commands = restartCommands(workloads).commands;
  return { step, manualActions };
}

function deleteStep(objects: AppMeshObjects): {
  step?: StepDraft;
  manualActions: ManualAction[];
} {
  const list = appMeshObjectList(objects);
  const manualActions: ManualAction[] = objects.meshes.map(mesh => ({
    what: `Delete Mesh ${
      mesh.metadata.name
    } once no namespace uses it (kubectl delete ${kubectlResource(mesh)} ${
      mesh.metadata.name
    })`,
    why: 'The Mesh is cluster-scoped and shared by every namespace its namespaceSelector matches; its finalizer waits for all members.',
    source: `Mesh ${mesh.metadata.name} spec.namespaceSelector`,
  }));
  if (list.length === 0) return { manualActions };
  const commands = list.map(
    object =>
      `kubectl delete ${kubectlResource(object)} ${object.metadata.name}${
        object.metadata.namespace ? ` -n ${object.metadata.namespace}` : ''
      }`,
  );
  return {
    step: {
      id: 'cleanup-appmesh',
      kind: 'cleanup',
      title: 'Delete the App Mesh objects',
      explanation:
        'Only after the verify step shows traffic flowing through the new setup: deleting these also removes them from AWS App Mesh (the controller’s finalizers). Routes and gateways first, nodes last.',
      manifests: [],
      commands,
    },
    manualActions,
  };
}

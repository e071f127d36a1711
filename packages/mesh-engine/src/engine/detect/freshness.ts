import { DetectedMesh } from '@meshwise/backstage-plugin-service-mesh-common';
import { ClusterIndex } from '../cluster/clusterIndex';
import { ControlPlaneFacts } from '../cluster/controlPlane';
import { imageTag, parseImage } from '../cluster/images';
import { KINDS } from '../model/kubeObject';
import { PodTemplateView } from '../model/podSpec';
import { Workload } from '../workloads/workload';
import { findMeshProxies, FoundProxy } from './proxyContainers';
import { describeKinds, unreadableAmong } from './unreadableKinds';
import { ProxyFreshness } from '@meshwise/backstage-plugin-service-mesh-common';

interface ProxiedPod {
  name: string;
  view: PodTemplateView;
  proxy: FoundProxy;
}

/**
 * Is the workload's proxy older than its control plane? Section 2.9 of the
 * research notes: Istio compares the `istio-proxy` image with the injector
 * ConfigMap of the pod's revision (IST0158) and the actual revision with the
 * namespace's; Linkerd compares `linkerd.io/proxy-version` with the control
 * plane's pods; ambient compares ztunnel with istiod. Other meshes have no
 * upstream checker, so the answer is `unknown`. What the comparison needs
 * but could not be listed also makes it `unknown`, naming the kind.
 */
export function detectProxyFreshness(
  mesh: DetectedMesh,
  workload: Workload,
  index: ClusterIndex,
  controlPlane: ControlPlaneFacts,
): ProxyFreshness | undefined {
  if (mesh === 'none') return undefined;
  if (mesh === 'cilium') {
    return { stale: false, source: 'Cilium has no per-pod proxy to restart' };
  }
  if (mesh === 'istio-ambient') {
    const { ztunnelVersion, istiodVersion } = controlPlane.istio;
    const unread = unreadableAmong(index, [KINDS.daemonSet, KINDS.deployment]);
    if (unread.length > 0) {
      return {
        proxyVersion: ztunnelVersion,
        controlPlaneVersion: istiodVersion,
        stale: 'unknown',
        source: `not evaluated: ${describeKinds(
          unread,
        )} could not be listed, so the ztunnel and istiod versions are unknown`,
      };
    }
    if (!ztunnelVersion || !istiodVersion) {
      return {
        proxyVersion: ztunnelVersion,
        controlPlaneVersion: istiodVersion,
        stale: 'unknown',
        source: 'ztunnel DaemonSet or istiod Deployment not in the input',
      };
    }
    return {
      proxyVersion: ztunnelVersion,
      controlPlaneVersion: istiodVersion,
      stale: ztunnelVersion !== istiodVersion,
      source: `ztunnel image tag ${ztunnelVersion} vs istiod ${istiodVersion}`,
    };
  }
  const pods = proxiedPods(mesh, workload);
  if (pods.length === 0) {
    return {
      stale: 'unknown',
      source: 'no injected pod of this workload is in the input',
    };
  }
  const proxyVersion = imageTag(pods[0].proxy.container.image);
  switch (mesh) {
    case 'istio-sidecar':
      return istioFreshness(pods, workload, index, controlPlane);
    case 'linkerd':
      return linkerdFreshness(pods, controlPlane);
    default:
      return {
        proxyVersion,
        stale: 'unknown',
        source:
          'no upstream staleness check for this mesh; compare the sidecar image with the control plane configuration',
      };
  }
}

function proxiedPods(mesh: DetectedMesh, workload: Workload): ProxiedPod[] {
  const candidates =
    workload.pods.length > 0
      ? workload.pods.map(pod => ({ name: pod.name, view: pod.view }))
      : [
          {
            name: `${workload.kind} ${workload.name} template`,
            view: workload.template,
          },
        ];
  return candidates.flatMap(candidate => {
    const proxy = findMeshProxies(candidate.view.spec).find(
      found => found.mesh === mesh,
    );
    return proxy ? [{ ...candidate, proxy }] : [];
  });
}

/** Variant suffixes IST0158 accepts on the expected tag. */
function normaliseIstioImage(image: string): string {
  const { repository, tag } = parseImage(image);
  return `${repository}:${(tag ?? '').replace(/-(distroless|debug)$/, '')}`;
}

function actualIstioRevision(view: PodTemplateView): string | undefined {
  const fromAnnotation = view.annotations['istio.io/rev'];
  if (fromAnnotation) return fromAnnotation;
  try {
    const status = JSON.parse(
      view.annotations['sidecar.istio.io/status'] ?? '{}',
    );
    return typeof status.revision === 'string' ? status.revision : undefined;
  } catch {
    return undefined;
  }
}

function istioFreshness(
  pods: ProxiedPod[],
  workload: Workload,
  index: ClusterIndex,
  controlPlane: ControlPlaneFacts,
): ProxyFreshness {
  const desired = workload.namespaceObject?.metadata.labels?.['istio.io/rev'];
  const proxyVersion = imageTag(pods[0].proxy.container.image);
  for (const pod of pods) {
    const actual = actualIstioRevision(pod.view);
    if (desired && actual && actual !== desired) {
      return {
        proxyVersion,
        stale: true,
        source: `${pod.name} runs revision ${actual}; Namespace ${workload.namespace} asks for istio.io/rev=${desired}`,
      };
    }
  }
  const checked = pods.filter(
    pod => !pod.view.annotations['sidecar.istio.io/proxyImage'],
  );
  const revision = desired ?? actualIstioRevision(pods[0].view) ?? 'default';
  const injector = controlPlane.istio.injectors.find(
    candidate => candidate.revision === revision,
  );
  const controlPlaneVersion = injector?.tag ?? controlPlane.istio.istiodVersion;
  if (!index.isReadable(KINDS.configMap)) {
    return {
      proxyVersion,
      controlPlaneVersion,
      stale: 'unknown',
      source: `not evaluated: ${describeKinds([
        KINDS.configMap,
      ])} could not be listed, so the proxy image ConfigMap istio-sidecar-injector injects for revision ${revision} is unknown`,
    };
  }
  if (!injector?.expectedProxyImage) {
    return {
      proxyVersion,
      controlPlaneVersion,
      stale: 'unknown',
      source: `ConfigMap istio-sidecar-injector for revision ${revision} not in the input (or has no global.hub/tag)`,
    };
  }
  const expected = normaliseIstioImage(injector.expectedProxyImage);
  const stalePod = checked.find(
    pod => normaliseIstioImage(pod.proxy.container.image) !== expected,
  );
  return {
    proxyVersion,
    controlPlaneVersion,
    stale: stalePod !== undefined,
    source: stalePod
      ? `${stalePod.name} runs ${stalePod.proxy.container.image}; ConfigMap ${injector.configMap.metadata.name} injects ${injector.expectedProxyImage}`
      : `istio-proxy image matches ConfigMap ${injector.configMap.metadata.name} (${injector.expectedProxyImage})`,
  };
}

function linkerdFreshness(
  pods: ProxiedPod[],
  controlPlane: ControlPlaneFacts,
): ProxyFreshness {
  const versionOf = (pod: ProxiedPod) =>
    pod.view.annotations['linkerd.io/proxy-version'] ??
    imageTag(pod.proxy.container.image);
  const proxyVersion = versionOf(pods[0]);
  const controlPlaneVersion = controlPlane.linkerd.controlPlaneProxyVersion;
  if (!controlPlaneVersion) {
    return {
      proxyVersion,
      stale: 'unknown',
      source:
        'no Linkerd control-plane pod with linkerd.io/proxy-version in the input',
    };
  }
  const stalePod = pods.find(pod => versionOf(pod) !== controlPlaneVersion);
  return {
    proxyVersion,
    controlPlaneVersion,
    stale: stalePod !== undefined,
    source: stalePod
      ? `${stalePod.name} runs proxy ${versionOf(
          stalePod,
        )}; control plane runs ${controlPlaneVersion}`
      : `linkerd.io/proxy-version matches the control plane (${controlPlaneVersion})`,
  };
}

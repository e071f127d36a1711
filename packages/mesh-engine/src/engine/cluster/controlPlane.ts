import { parse as parseYaml } from 'yaml';
import {
  asRecord,
  asScalarString,
  asString,
  asStringArray,
  asStringMap,
  getPath,
} from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { readPodTemplate } from '../model/podSpec';
import { ClusterIndex } from './clusterIndex';
import { imageTag } from './images';

/** What an `istio-sidecar-injector[-<rev>]` ConfigMap says about one revision. */
export interface IstioInjectorRevision {
  revision: string;
  configMap: KubeObject;
  /** `<global.hub>/<global.proxy.image>:<global.tag>`, the image IST0158 expects. */
  expectedProxyImage?: string;
  tag?: string;
}

/**
 * Cluster-wide facts about installed meshes, read once per index. Only
 * objects are read; nothing here contacts a cluster.
 */
export interface ControlPlaneFacts {
  istio: {
    injectors: IstioInjectorRevision[];
    istiod: KubeObject[];
    istiodVersion?: string;
    ztunnel?: KubeObject;
    ztunnelVersion?: string;
    cni?: KubeObject;
    /** Mesh-wide policies live here (Istio's default root namespace). */
    rootNamespace: string;
  };
  linkerd: {
    config?: KubeObject;
    cni?: KubeObject;
    /** `linkerd.io/proxy-version` of the control plane's own pods. */
    controlPlaneProxyVersion?: string;
    clusterNetworks?: string[];
    defaultInboundPolicy?: string;
  };
  kuma: { cni?: KubeObject };
  cilium: {
    agent?: KubeObject;
    config?: KubeObject;
    /** `cilium-config` has `enable-ztunnel: "true"`. */
    ztunnelEncryption: boolean;
  };
  /**
   * True when the input shows kube-system's DaemonSets, so the absence of a
   * mesh CNI DaemonSet means it is not installed rather than not exported.
   */
  daemonSetsKnown: boolean;
}

export function controlPlaneFacts(index: ClusterIndex): ControlPlaneFacts {
  return index.memo('engine:control-plane', () => readControlPlane(index));
}

function readControlPlane(index: ClusterIndex): ControlPlaneFacts {
  const daemonSet = (name: string) =>
    index.list(KINDS.daemonSet).find(object => object.metadata.name === name);
  const configMap = (name: string) =>
    index.list(KINDS.configMap).find(object => object.metadata.name === name);

  const istiod = index
    .list(KINDS.deployment)
    .filter(object => /^istiod(-|$)/.test(object.metadata.name));
  const ztunnel = daemonSet('ztunnel');
  const linkerdConfig = configMap('linkerd-config');
  const linkerdValues = readEmbeddedYaml(linkerdConfig, 'values');
  const ciliumConfig = configMap('cilium-config');

  return {
    istio: {
      injectors: index
        .list(KINDS.configMap)
        .filter(object =>
          /^istio-sidecar-injector(-|$)/.test(object.metadata.name),
        )
        .map(readIstioInjector),
      istiod,
      istiodVersion: firstImageTag(istiod[0]),
      ztunnel,
      ztunnelVersion: firstImageTag(ztunnel),
      cni: daemonSet('istio-cni-node'),
      rootNamespace: 'istio-system',
    },
    linkerd: {
      config: linkerdConfig,
      cni: daemonSet('linkerd-cni'),
      controlPlaneProxyVersion: linkerdControlPlaneProxyVersion(index),
      clusterNetworks: readClusterNetworks(
        getPath(linkerdValues, 'clusterNetworks'),
      ),
      defaultInboundPolicy: asString(
        getPath(linkerdValues, 'proxy.defaultInboundPolicy'),
      ),
    },
    kuma: { cni: daemonSet('kuma-cni') },
    cilium: {
      agent: daemonSet('cilium'),
      config: ciliumConfig,
      ztunnelEncryption:
        asStringMap(ciliumConfig?.data)['enable-ztunnel'] === 'true',
    },
    daemonSetsKnown: index.list(KINDS.daemonSet, 'kube-system').length > 0,
  };
}

function readIstioInjector(configMap: KubeObject): IstioInjectorRevision {
  const name = configMap.metadata.name;
  const revision =
    name === 'istio-sidecar-injector'
      ? 'default'
      : name.slice('istio-sidecar-injector-'.length);
  // `values` is a JSON document rendered by the Helm chart.
  const values = parseJsonOrYaml(asStringMap(configMap.data).values);
  const hub = asString(getPath(values, 'global.hub'));
  const tag = asScalarString(getPath(values, 'global.tag'));
  const proxyImage =
    asString(getPath(values, 'global.proxy.image')) ?? 'proxyv2';
  return {
    revision: asString(getPath(values, 'revision')) || revision,
    configMap,
    expectedProxyImage: hub && tag ? `${hub}/${proxyImage}:${tag}` : undefined,
    tag,
  };
}

/** The control plane's pods are the ones living in the namespace their label names. */
function linkerdControlPlaneProxyVersion(
  index: ClusterIndex,
): string | undefined {
  for (const pod of index.list(KINDS.pod)) {
    const controlPlaneNamespace =
      pod.metadata.labels?.['linkerd.io/control-plane-ns'];
    if (
      controlPlaneNamespace &&
      pod.metadata.namespace === controlPlaneNamespace
    ) {
      const version = pod.metadata.annotations?.['linkerd.io/proxy-version'];
      if (version) return version;
    }
  }
  return undefined;
}

function readClusterNetworks(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map(cidr => cidr.trim())
      .filter(Boolean);
  }
  const list = asStringArray(value);
  return list.length > 0 ? list : undefined;
}

function readEmbeddedYaml(
  configMap: KubeObject | undefined,
  key: string,
): unknown {
  return parseJsonOrYaml(asStringMap(configMap?.data)[key]);
}

function parseJsonOrYaml(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return asRecord(parseYaml(text));
  } catch {
    return undefined;
  }
}

function firstImageTag(object: KubeObject | undefined): string | undefined {
  if (!object) return undefined;
  const template = readPodTemplate(
    getPath(object, 'spec.template'),
    'spec.template',
  );
  const image = template.spec.containers[0]?.image;
  return image ? imageTag(image) : undefined;
}

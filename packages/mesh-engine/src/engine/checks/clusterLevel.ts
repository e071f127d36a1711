import { asRecords, asString, asStringArray, getPath } from '../model/access';
import { KINDS, KubeObjectRef, refOf } from '../model/kubeObject';
import { isWithinNetworks } from '../cluster/cidr';
import { notEvaluated } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

export const bindAddressCheck: ReadinessCheck = {
  id: 'MR-BIND-ADDRESS',
  title: 'Application listens on all interfaces',
  severity: 'error',
  category: 'readiness',
  meshes: ['istio-sidecar'],
  reads: ['listening sockets of the running application (runtime only)'],
  readsKinds: [],
  why: 'The sidecar forwards inbound traffic to the pod IP or localhost depending on mode; an application bound to only one of them is unreachable (IST0143).',
  run(context) {
    return [
      notEvaluated(
        context,
        'Needs runtime data: which addresses the application listens on is not visible in Kubernetes objects',
        'Check with `ss -ltn` (or netstat) inside the pod that the app binds 0.0.0.0 or ::, not 127.0.0.1 or the pod IP only.',
      ),
    ];
  },
};

/** Linkerd chart default `clusterNetworks`. */
export const LINKERD_DEFAULT_CLUSTER_NETWORKS = [
  '10.0.0.0/8',
  '100.64.0.0/10',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fd00::/8',
];

export const clusterNetworksCheck: ReadinessCheck = {
  id: 'MR-CLUSTER-NETWORKS',
  title: "Pod and Service addresses are inside Linkerd's clusterNetworks",
  severity: 'warning',
  category: 'readiness',
  meshes: ['linkerd'],
  reads: [
    'Node spec.podCIDR(s)',
    'Pod status.podIP',
    'Service spec.clusterIP',
    'ConfigMap linkerd-config clusterNetworks',
  ],
  readsKinds: [KINDS.node, KINDS.pod, KINDS.service, KINDS.configMap],
  why: 'Linkerd treats traffic to addresses outside clusterNetworks as leaving the cluster: no identity, no mTLS, no routing.',
  run(context) {
    const { workload, index, controlPlane } = context;
    const networks =
      controlPlane.linkerd.clusterNetworks ?? LINKERD_DEFAULT_CLUSTER_NETWORKS;
    const source = controlPlane.linkerd.clusterNetworks
      ? 'linkerd-config clusterNetworks'
      : 'the Linkerd default clusterNetworks';
    const addresses: Array<{
      value: string;
      object: KubeObjectRef;
      field: string;
      what: string;
    }> = [];
    for (const node of index.list(KINDS.node)) {
      const cidrs = new Set([
        ...asStringArray(getPath(node, 'spec.podCIDRs')),
        ...(asString(getPath(node, 'spec.podCIDR'))
          ? [asString(getPath(node, 'spec.podCIDR')) as string]
          : []),
      ]);
      for (const cidr of cidrs) {
        addresses.push({
          value: cidr,
          object: refOf(node),
          field: 'spec.podCIDRs',
          what: `Node ${node.metadata.name} pod CIDR`,
        });
      }
    }
    for (const pod of workload.pods) {
      if (pod.podIP) {
        addresses.push({
          value: pod.podIP,
          object: refOf(pod.object),
          field: 'status.podIP',
          what: `Pod ${pod.name} IP`,
        });
      }
    }
    for (const service of workload.services) {
      const clusterIP = asString(getPath(service.object, 'spec.clusterIP'));
      if (clusterIP && clusterIP !== 'None') {
        addresses.push({
          value: clusterIP,
          object: refOf(service.object),
          field: 'spec.clusterIP',
          what: `Service ${service.name} cluster IP`,
        });
      }
    }
    if (addresses.length === 0) {
      return [
        notEvaluated(
          context,
          'The input has no pod CIDRs (Node objects), pod IPs or Service cluster IPs to compare with clusterNetworks',
          'Include Nodes and live Pods/Services in the input, or compare your cluster CIDRs with clusterNetworks by hand.',
          { kind: 'ConfigMap', namespace: 'linkerd', name: 'linkerd-config' },
        ),
      ];
    }
    const findings: CheckFinding[] = addresses
      .filter(address => !isWithinNetworks(address.value, networks))
      .map(address => ({
        status: 'fail',
        object: address.object,
        field: address.field,
        message: `${address.what} ${
          address.value
        } is outside ${source} (${networks.join(', ')})`,
        remediation:
          'Add the cluster pod and service CIDRs to clusterNetworks (Helm value clusterNetworks).',
      }));
    return findings.length > 0
      ? findings
      : [
          {
            status: 'pass',
            object: {
              kind: 'ConfigMap',
              namespace: 'linkerd',
              name: 'linkerd-config',
            },
            message: `All ${addresses.length} known addresses are inside ${source}`,
            remediation: '',
          },
        ];
  },
};

const GATEWAY_API_CRDS = [
  'gatewayclasses.gateway.networking.k8s.io',
  'gateways.gateway.networking.k8s.io',
  'httproutes.gateway.networking.k8s.io',
];

export const gatewayApiCrdsCheck: ReadinessCheck = {
  id: 'MR-GATEWAY-API-CRDS',
  title: 'Gateway API CRDs are installed at a supported version',
  severity: 'error',
  category: 'readiness',
  meshes: ['linkerd', 'istio-sidecar', 'cilium', 'kuma'],
  reads: [
    'CustomResourceDefinitions *.gateway.networking.k8s.io: spec.versions[].served',
  ],
  readsKinds: [KINDS.customResourceDefinition],
  why: "Linkerd's pre-install check treats missing Gateway API CRDs as fatal; Istio flags CRDs that do not serve v1beta1 (IST0156) or v1 (IST0172).",
  run(context) {
    const { index } = context;
    const crdRef = (name: string): KubeObjectRef => ({
      kind: 'CustomResourceDefinition',
      name,
    });
    if (!index.hasKind(KINDS.customResourceDefinition)) {
      return [
        notEvaluated(
          context,
          'The input has no CustomResourceDefinitions, so Gateway API CRD versions are unknown',
          'Include CustomResourceDefinitions in the input (or run linkerd check --pre / istioctl x precheck).',
          crdRef('gateways.gateway.networking.k8s.io'),
        ),
      ];
    }
    const findings: CheckFinding[] = [];
    for (const name of GATEWAY_API_CRDS) {
      const crd = index.get(KINDS.customResourceDefinition, undefined, name);
      if (!crd) {
        findings.push({
          status: 'fail',
          meshes: ['linkerd'],
          object: crdRef(name),
          message: `CustomResourceDefinition ${name} is not installed; Linkerd requires the Gateway API CRDs`,
          remediation:
            'Install the Gateway API standard channel CRDs (or let the Linkerd chart install them).',
        });
        continue;
      }
      const served = asRecords(getPath(crd, 'spec.versions'))
        .filter(version => version.served === true)
        .map(version => asString(version.name));
      if (!served.includes('v1beta1')) {
        findings.push({
          status: 'fail',
          meshes: ['istio-sidecar'],
          object: crdRef(name),
          field: 'spec.versions',
          message: `CustomResourceDefinition ${name} does not serve v1beta1 (serves ${
            served.join(', ') || 'nothing'
          }) (IST0156)`,
          remediation:
            'Upgrade the Gateway API CRDs to a release Istio supports.',
        });
      } else if (!served.includes('v1')) {
        findings.push({
          status: 'fail',
          severity: 'warning',
          meshes: ['istio-sidecar'],
          object: crdRef(name),
          field: 'spec.versions',
          message: `CustomResourceDefinition ${name} does not serve v1 (IST0172); future Istio releases will require it`,
          remediation: 'Upgrade the Gateway API CRDs to v1.',
        });
      }
    }
    return findings.length > 0
      ? findings
      : [
          {
            status: 'pass',
            object: crdRef('gateways.gateway.networking.k8s.io'),
            message: 'Gateway API CRDs serve v1',
            remediation: '',
          },
        ];
  },
};

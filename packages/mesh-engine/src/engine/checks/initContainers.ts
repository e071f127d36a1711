import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { ContainerView } from '../model/podSpec';
import { workloadRef } from '../workloads/workload';
import {
  appContainers,
  containerField,
  MESH_MEMBERSHIP_KINDS,
  orPass,
  workloadLabel,
} from './helpers';
import { CheckContext, CheckFinding, ReadinessCheck } from './types';

const NETWORK_HINT =
  /\b(wget|curl|nc|netcat|nslookup|dig|psql|mysql|redis-cli|mongo|grpcurl)\b|https?:\/\/|\w+:\d{2,5}\b/;

/** A guess for the message only: the check fails for any app init container. */
function networkHint(container: ContainerView): string | undefined {
  const text = [
    ...container.command,
    ...container.args,
    ...container.env.map(v => v.value ?? ''),
  ].join(' ');
  const match = NETWORK_HINT.exec(text);
  return match ? match[0] : undefined;
}

/**
 * Meshes for which an init container's traffic is still safe: native sidecar
 * mode, running the init container as the proxy UID, or excluding its
 * outbound traffic from capture.
 */
function safeMeshes(
  context: CheckContext,
  container: ContainerView,
): Set<MeshId> {
  const { workload, detection } = context;
  const annotations = workload.template.annotations;
  const safe = new Set<MeshId>();
  if (detection.dataPlaneMode === 'native-sidecar' && detection.mesh !== 'none')
    safe.add(detection.mesh);
  if (
    annotations['sidecar.istio.io/nativeSidecar'] === 'true' ||
    container.runAsUser === 1337 ||
    annotations['traffic.sidecar.istio.io/excludeOutboundIPRanges'] ||
    annotations['traffic.sidecar.istio.io/excludeOutboundPorts']
  ) {
    safe.add('istio-sidecar');
  }
  if (
    container.runAsUser === 2102 ||
    annotations['config.linkerd.io/skip-outbound-ports']
  ) {
    safe.add('linkerd');
  }
  if (
    annotations['consul.hashicorp.com/enable-consul-dataplane-as-sidecar'] ===
    'true'
  ) {
    safe.add('consul');
  }
  return safe;
}

const AFFECTED: readonly MeshId[] = [
  'istio-sidecar',
  'linkerd',
  'consul',
  'kuma',
];

export const initNetworkCheck: ReadinessCheck = {
  id: 'MR-INIT-NETWORK',
  title: 'Init containers do not depend on the network before the proxy starts',
  severity: 'warning',
  category: 'readiness',
  meshes: AFFECTED,
  reads: [
    'pod template spec.initContainers',
    'annotation sidecar.istio.io/nativeSidecar',
    'traffic.sidecar.istio.io/excludeOutbound*',
    'config.linkerd.io/skip-outbound-ports',
    'consul.hashicorp.com/enable-consul-dataplane-as-sidecar',
  ],
  // Native sidecar mode comes from the detection.
  readsKinds: MESH_MEMBERSHIP_KINDS,
  why: 'With classic sidecars, init containers run before the proxy while iptables already redirects their traffic, so network calls fail or hang.',
  run(context) {
    const { workload } = context;
    const findings: CheckFinding[] = [];
    for (const container of appContainers(workload)) {
      if (container.placement !== 'init') continue;
      const safe = safeMeshes(context, container);
      const meshes = AFFECTED.filter(mesh => !safe.has(mesh));
      if (meshes.length === 0) continue;
      const hint = networkHint(container);
      findings.push({
        status: 'fail',
        object: workloadRef(workload),
        field: containerField(workload, container, ''),
        meshes,
        message: `Init container ${container.name} of ${workloadLabel(
          workload,
        )} ${
          hint ? `calls the network (${hint})` : 'runs'
        } before a classic sidecar proxy starts; its traffic is captured by iptables and fails`,
        remediation:
          'Use native sidecars (Istio 1.27+ default, Linkerd 2.20+ default, Kuma 2.14+, Consul annotation enable-consul-dataplane-as-sidecar), run the init container as the proxy UID (1337 Istio, 2102 Linkerd), or exclude its destinations from capture.',
        snippet:
          'metadata:\n  annotations:\n    sidecar.istio.io/nativeSidecar: "true"\n    # or: traffic.sidecar.istio.io/excludeOutboundPorts: "80"',
      });
    }
    return orPass(
      findings,
      context,
      'No application init container runs before the proxy',
    );
  },
};

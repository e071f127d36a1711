import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { workloadRef } from '../workloads/workload';
import { notEvaluated, passed, workloadLabel } from './helpers';
import { ALL_MESHES } from './helpers';
import { ReadinessCheck } from './types';

const STRICT_SNIPPETS: Partial<Record<MeshId, (namespace: string) => string>> =
  {
    'istio-sidecar': istioStrict,
    'istio-ambient': istioStrict,
    linkerd: () =>
      'metadata:\n  annotations:\n    config.linkerd.io/default-inbound-policy: all-authenticated',
    kuma: namespace =>
      [
        'apiVersion: kuma.io/v1alpha1',
        'kind: MeshTLS',
        'metadata:',
        '  name: strict',
        `  namespace: ${namespace}`,
        'spec:',
        '  rules:',
        '  - default:',
        '      mode: Strict',
      ].join('\n'),
    consul: () => 'spec:\n  mutualTLSMode: strict   # ServiceDefaults',
    'aws-app-mesh': () =>
      'spec:\n  listeners:\n  - tls:\n      mode: STRICT   # VirtualNode',
  };

function istioStrict(namespace: string): string {
  return [
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata:',
    '  name: default',
    `  namespace: ${namespace}`,
    'spec:',
    '  mtls:',
    '    mode: STRICT',
  ].join('\n');
}

export const mtlsNotStrictCheck: ReadinessCheck = {
  id: 'MR-MTLS-NOT-STRICT',
  title: 'Mesh traffic is strict mTLS',
  severity: 'info',
  category: 'adoption',
  meshes: ALL_MESHES,
  reads: [
    'Istio PeerAuthentication',
    'Linkerd config.linkerd.io/default-inbound-policy',
    'Kuma MeshTLS / Mesh.spec.mtls',
    'Consul ServiceDefaults / ProxyDefaults mutualTLSMode',
    'App Mesh VirtualNode listeners[].tls.mode',
    'Cilium namespace label io.cilium/mtls-enabled',
  ],
  why: 'Until mTLS is strict the workload still accepts plaintext; this tracks where that is so, it does not block.',
  run(context) {
    const { workload, detection } = context;
    if (detection.mesh === 'none')
      return [passed(context, 'Not in a mesh yet; mTLS is tracked once it is')];
    if (detection.mtls.mode === 'strict')
      return [passed(context, detection.mtls.source)];
    if (detection.mtls.unreadableKinds)
      return [
        notEvaluated(
          context,
          `mTLS for ${workloadLabel(workload)} is ${detection.mtls.source}`,
          'Grant the Meshwise service account `list` on the kind named, cluster-wide.',
        ),
      ];
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        meshes: [detection.mesh],
        message: `mTLS for ${workloadLabel(workload)} in ${
          MESH_DISPLAY_NAMES[detection.mesh]
        } is ${detection.mtls.mode}: ${detection.mtls.source}`,
        remediation:
          'Once every client is meshed, require mTLS for the workload or namespace.',
        snippet: STRICT_SNIPPETS[detection.mesh]?.(workload.namespace),
      },
    ];
  },
};

import {
  MESH_DISPLAY_NAMES,
  MeshId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { MTLS_POLICY_KINDS } from '../detect/mtls';
import { grantListRemediation } from '../detect/unreadableKinds';
import { workloadRef } from '../workloads/workload';
import {
  ALL_MESHES,
  MESH_MEMBERSHIP_KINDS,
  notEvaluated,
  passed,
  workloadLabel,
} from './helpers';
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
  // The policy kinds of the workload's mesh; Linkerd's and Cilium's
  // ConfigMaps may not be needed (an annotation or label decides first), so
  // the detection reports them in `mtls.unreadableKinds` instead.
  readsKinds: MESH_MEMBERSHIP_KINDS,
  readsKindsIn: MTLS_POLICY_KINDS,
  why: 'Until mTLS is strict the workload still accepts plaintext; this tracks where that is so, it does not block.',
  run(context) {
    const { workload, detection } = context;
    if (detection.mesh === 'none')
      return [passed(context, 'Not in a mesh yet; mTLS is tracked once it is')];
    if (detection.mtls.mode === 'strict')
      return [passed(context, detection.mtls.source)];
    if (detection.mtls.unreadableKinds)
      return [
        {
          ...notEvaluated(
            context,
            `mTLS for ${workloadLabel(workload)} is ${detection.mtls.source}`,
            grantListRemediation(detection.mtls.unreadableKinds),
          ),
          unreadableKinds: detection.mtls.unreadableKinds,
        },
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

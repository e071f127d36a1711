import { nestAt, templateMetadataPath } from '../../util';
import { initNetworkFix } from '../fixes/sidecarStartup';
import { FixFunction } from '../fixes/types';
import {
  namespaceLabels,
  OnboardingPlaybook,
  PlaybookContext,
  PlaybookSteps,
  sidecarRestartExplanation,
} from '../playbook';
import { namespacePatch, workloadTarget } from '../targets';
import { istioRevision } from './istioRevision';

/** Istio in both data-plane modes: they differ in enrolment and verification, and share hardening. */

const PROBE_OPT_OUT = 'sidecar.istio.io/rewriteAppHTTPProbers';

/** MR-HTTP-PROBES: Istio rewrites HTTP probes unless a pod opts out; remove the opt-out. */
const probeRewriteFix: FixFunction = (finding, context) => {
  const optedOut = context
    .workloadsOf(finding)
    .filter(w => w.template.annotations[PROBE_OPT_OUT] === 'false');
  if (optedOut.length === 0) {
    context.manual(finding);
    return;
  }
  for (const workload of optedOut)
    context.patches.add(
      workloadTarget(workload),
      'json-merge',
      nestAt(`${templateMetadataPath(workload)}.annotations`, {
        [PROBE_OPT_OUT]: null,
      }),
      'remove the probe-rewrite opt-out so Istio rewrites HTTP probes',
    );
  context.fixed(finding.checkId);
};

/** PeerAuthentication STRICT per namespace. */
function hardenIstio({ namespaces }: PlaybookContext): PlaybookSteps {
  return {
    manifests: namespaces.map(ns => ({
      description: `PeerAuthentication default in ${ns}: STRICT mTLS, pods in ${ns} accept only mesh (mTLS) traffic`,
      object: {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: ns },
        spec: { mtls: { mode: 'STRICT' } },
      },
    })),
    explanation: [
      'Apply once every client of the service is in the mesh: clients outside it (including App Mesh clients still running Envoy) are refused. Kubelet HTTP probes keep working because Istio rewrites them.',
    ],
  };
}

export const istioSidecarPlaybook: OnboardingPlaybook = {
  mesh: 'istio-sidecar',
  enrol: ({ namespaces, index }) => ({
    manifests: namespaces.map(ns => {
      const labels = namespaceLabels(index, ns);
      const revision = istioRevision(index, ns);
      const set: Record<string, string | null> = revision
        ? { 'istio.io/rev': revision }
        : { 'istio-injection': 'enabled' };
      if (revision && labels['istio-injection'] !== undefined)
        set['istio-injection'] = null;
      if (labels['istio.io/dataplane-mode'] !== undefined)
        set['istio.io/dataplane-mode'] = null;
      return {
        description: revision
          ? `Namespace ${ns}: label istio.io/rev=${revision} (the cluster runs revisioned Istio control planes)`
          : `Namespace ${ns}: label istio-injection=enabled so the Istio webhook injects istio-proxy into new pods`,
        patch: namespacePatch(ns, { labels: set }),
      };
    }),
  }),
  restartsToEnrol: true,
  restartExplanation: sidecarRestartExplanation,
  enrolsNamespaces: true,
  harden: hardenIstio,
  verify: ns => [
    `istioctl analyze -n ${ns}`,
    `istioctl proxy-status`,
    `kubectl get pods -n ${ns} -o custom-columns=NAME:.metadata.name,CONTAINERS:.spec.containers[*].name,INIT:.spec.initContainers[*].name`,
  ],
  fixes: {
    'MR-HTTP-PROBES': probeRewriteFix,
    'MR-INIT-NETWORK': initNetworkFix(() => ({
      value: { 'sidecar.istio.io/nativeSidecar': 'true' },
      description:
        'start istio-proxy as a native sidecar, before the init containers (Istio 1.27+ default; Kubernetes 1.29+)',
    })),
  },
};

export const istioAmbientPlaybook: OnboardingPlaybook = {
  mesh: 'istio-ambient',
  enrol: ({ namespaces, index }) => ({
    manifests: namespaces.map(ns => {
      const labels = namespaceLabels(index, ns);
      const set: Record<string, string | null> = {
        'istio.io/dataplane-mode': 'ambient',
      };
      if (labels['istio-injection'] !== undefined)
        set['istio-injection'] = null;
      if (labels['istio.io/rev'] !== undefined) set['istio.io/rev'] = null;
      return {
        description: `Namespace ${ns}: label istio.io/dataplane-mode=ambient so ztunnel captures its pods (no sidecar, no restart needed)`,
        patch: namespacePatch(ns, { labels: set }),
      };
    }),
  }),
  restartsToEnrol: false,
  restartExplanation: leavingAppMesh =>
    leavingAppMesh
      ? 'Ambient needs no restart to capture pods; the restart below only removes the App Mesh envoy sidecar.'
      : 'Ambient captures running pods without a restart.',
  enrolsNamespaces: true,
  harden: hardenIstio,
  verify: ns => [
    `istioctl analyze -n ${ns}`,
    `istioctl ztunnel-config workloads | grep ${ns}`,
  ],
  fixes: { 'MR-HTTP-PROBES': probeRewriteFix },
};

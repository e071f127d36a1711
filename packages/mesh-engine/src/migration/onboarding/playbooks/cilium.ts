import { controlPlaneFacts } from '../../../engine/cluster/controlPlane';
import { ManualAction } from '../../types';
import {
  OnboardingPlaybook,
  PlaybookContext,
  PlaybookSteps,
  sidecarRestartExplanation,
} from '../playbook';
import { namespacePatch } from '../targets';

/** Cilium: ztunnel transparent encryption per namespace; it has no strict mode to harden with. */

const ZTUNNEL_CAVEAT =
  'Caveat: Cilium ztunnel encryption is Beta, TCP only, namespace-level only and incompatible with ClusterMesh; it needs Cilium installed with encryption.type=ztunnel (cilium-config enable-ztunnel: "true").';

function enrolCilium({ namespaces, index }: PlaybookContext): PlaybookSteps {
  const facts = controlPlaneFacts(index).cilium;
  const manualActions: ManualAction[] = [];
  for (const ns of namespaces)
    if (!facts.ztunnelEncryption)
      manualActions.push({
        what: 'Enable Cilium ztunnel encryption (Helm encryption.type=ztunnel) before labelling the namespace',
        why: facts.config
          ? 'cilium-config does not set enable-ztunnel: "true", so the namespace label has no effect.'
          : 'The input has no cilium-config ConfigMap, so Meshwise cannot tell whether ztunnel encryption is on.',
        source: `Namespace ${ns} label io.cilium/mtls-enabled`,
      });
  return {
    manifests: namespaces.map(ns => ({
      description: `Namespace ${ns}: label io.cilium/mtls-enabled=true (Cilium ztunnel transparent encryption)`,
      patch: namespacePatch(ns, {
        labels: { 'io.cilium/mtls-enabled': 'true' },
      }),
    })),
    // One caveat per namespace, as the enrolment step has always said it.
    explanation: namespaces.map(() => ZTUNNEL_CAVEAT),
    manualActions,
  };
}

export const ciliumPlaybook: OnboardingPlaybook = {
  mesh: 'cilium',
  enrol: enrolCilium,
  restartsToEnrol: true,
  restartExplanation: sidecarRestartExplanation,
  enrolsNamespaces: true,
  harden: ({ namespaces }) => ({
    manualActions: [
      {
        what: 'Decide how to refuse plaintext for the service (CiliumNetworkPolicy)',
        why: 'Cilium ztunnel encryption has no strict mode: it encrypts traffic between enrolled pods but does not reject plaintext from pods outside enrolled namespaces.',
        source: `Namespace ${namespaces.join(
          ', ',
        )} label io.cilium/mtls-enabled`,
      },
    ],
  }),
  verify: ns => ['cilium status', `kubectl get namespace ${ns} --show-labels`],
};

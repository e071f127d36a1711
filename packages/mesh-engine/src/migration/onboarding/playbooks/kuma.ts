import { getPath } from '../../../engine/model/access';
import { KINDS } from '../../../engine/model/kubeObject';
import { kumaMeshName } from '../../../engine/workloads/meshResources';
import { ManualAction, MigrationManifest } from '../../types';
import { portProtocolFix } from '../fixes/ports';
import {
  namespaceLabels,
  OnboardingPlaybook,
  PlaybookContext,
  PlaybookSteps,
  sidecarRestartExplanation,
} from '../playbook';
import { namespacePatch } from '../targets';

/** Kuma: injection by namespace label, strict mTLS with MeshTLS in the workloads' mesh. */

function hardenKuma({
  namespaces,
  workloads,
  index,
}: PlaybookContext): PlaybookSteps {
  const manifests: MigrationManifest[] = [];
  const manualActions: ManualAction[] = [];
  for (const ns of namespaces) {
    const first = workloads.find(w => w.namespace === ns);
    const meshName = first ? kumaMeshName(first) : 'default';
    manifests.push({
      description: `MeshTLS strict in ${ns}: Kuma data planes in ${ns} accept only mTLS (mesh ${meshName})`,
      object: {
        apiVersion: 'kuma.io/v1alpha1',
        kind: 'MeshTLS',
        metadata: {
          name: 'strict',
          namespace: ns,
          labels: { 'kuma.io/mesh': meshName },
        },
        spec: { rules: [{ default: { mode: 'Strict' } }] },
      },
    });
    const meshObject = index.get(KINDS.kumaMesh, undefined, meshName);
    if (!meshObject || !getPath(meshObject, 'spec.mtls.enabledBackend'))
      manualActions.push({
        what: `Make sure mesh ${meshName} has mTLS identities (Mesh spec.mtls backend or a MeshIdentity)`,
        why: 'MeshTLS only sets the mode; without an identity provider there are no certificates to require.',
        source: `Mesh ${meshName}`,
      });
  }
  return {
    manifests,
    explanation: ['Apply once every client is in the mesh.'],
    manualActions,
  };
}

export const kumaPlaybook: OnboardingPlaybook = {
  mesh: 'kuma',
  enrol: ({ namespaces, index }) => ({
    manifests: namespaces.map(ns => ({
      description: `Namespace ${ns}: label kuma.io/sidecar-injection=enabled (Kuma reads it as a label; mesh ${
        namespaceLabels(index, ns)['kuma.io/mesh'] ?? 'default'
      })`,
      patch: namespacePatch(ns, {
        labels: { 'kuma.io/sidecar-injection': 'enabled' },
      }),
    })),
  }),
  restartsToEnrol: true,
  restartExplanation: sidecarRestartExplanation,
  enrolsNamespaces: true,
  harden: hardenKuma,
  verify: ns => [
    `kumactl inspect dataplanes --mesh default`,
    `kubectl get pods -n ${ns} -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.annotations.kuma\\.io/sidecar-injected}{"\\n"}{end}'`,
  ],
  // Kuma treats an undeclared port as TCP: an unknown protocol is worth asking about.
  fixes: { 'MR-PORT-PROTOCOL': portProtocolFix({ unknownIsManual: true }) },
};

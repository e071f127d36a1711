import { KINDS } from '../../../engine/model/kubeObject';
import { consulServiceName } from '../../../engine/workloads/meshResources';
import { MigrationManifest } from '../../types';
import { nestAt, templateMetadataPath } from '../../util';
import { initNetworkFix } from '../fixes/sidecarStartup';
import {
  OnboardingPlaybook,
  PlaybookContext,
  PlaybookSteps,
  sidecarRestartExplanation,
} from '../playbook';
import { workloadTarget } from '../targets';

/** Consul: enrols pods (not namespaces) by annotation; strict mTLS per service in ServiceDefaults. */

function hardenConsul({ workloads, index }: PlaybookContext): PlaybookSteps {
  const manifests: MigrationManifest[] = [];
  const seen = new Set<string>();
  for (const workload of workloads) {
    const name = consulServiceName(workload);
    if (seen.has(name)) continue;
    seen.add(name);
    const existing = index.get(
      KINDS.consulServiceDefaults,
      workload.namespace,
      name,
    );
    manifests.push(
      existing
        ? {
            description: `ServiceDefaults ${name}: mutualTLSMode strict (the existing entry keeps its other settings)`,
            patch: {
              target: {
                apiVersion: existing.apiVersion,
                kind: 'ServiceDefaults',
                namespace: workload.namespace,
                name,
              },
              type: 'json-merge',
              body: { spec: { mutualTLSMode: 'strict' } },
            },
          }
        : {
            description: `ServiceDefaults ${name}: mutualTLSMode strict`,
            object: {
              apiVersion: 'consul.hashicorp.com/v1alpha1',
              kind: 'ServiceDefaults',
              metadata: { name, namespace: workload.namespace },
              spec: { mutualTLSMode: 'strict' },
            },
          },
    );
  }
  return {
    manifests,
    explanation: [
      'strict is Consul’s default; setting it explicitly stops a permissive mode (Mesh allowEnablingPermissiveMutualTLS) from applying to the service. Pair it with ServiceIntentions to decide who may call.',
    ],
  };
}

export const consulPlaybook: OnboardingPlaybook = {
  mesh: 'consul',
  enrol: ({ workloads }) => ({
    manifests: workloads.map(workload => ({
      description: `${workload.kind} ${workload.name}: pod annotation consul.hashicorp.com/connect-inject="true" (Consul enrols pods, not namespaces)`,
      patch: {
        target: workloadTarget(workload),
        type: 'json-merge',
        body: nestAt(`${templateMetadataPath(workload)}.annotations`, {
          'consul.hashicorp.com/connect-inject': 'true',
        }),
      },
    })),
  }),
  restartsToEnrol: true,
  restartExplanation: sidecarRestartExplanation,
  enrolsNamespaces: false,
  harden: hardenConsul,
  verify: ns => [
    `kubectl get pods -n ${ns} -l consul.hashicorp.com/connect-inject-status=injected`,
    'consul catalog services',
  ],
  fixes: {
    'MR-INIT-NETWORK': initNetworkFix(() => ({
      value: {
        'consul.hashicorp.com/enable-consul-dataplane-as-sidecar': 'true',
      },
      description:
        'run consul-dataplane as a native sidecar so init containers have a proxy',
    })),
  },
};

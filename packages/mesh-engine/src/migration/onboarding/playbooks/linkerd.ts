import { resolveContainerPort } from '../../../engine/model/podSpec';
import { nestAt, templateMetadataPath } from '../../util';
import { serverFirstFix, ServerFirstMarker } from '../fixes/ports';
import { initNetworkFix } from '../fixes/sidecarStartup';
import {
  OnboardingPlaybook,
  PlaybookContext,
  PlaybookSteps,
  sidecarRestartExplanation,
} from '../playbook';
import { restartCommands } from '../restartCommands';
import { namespacePatch, workloadTarget } from '../targets';

/** Linkerd: enrolment and policy by namespace annotation; server-first ports marked opaque. */

const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

/** The ports an opaque-ports annotation lists, plus one. */
function withPort(annotation: string | undefined, port: number): string {
  const ports = new Set((annotation ?? '').split(',').filter(Boolean));
  ports.add(String(port));
  return [...ports].join(',');
}

/** MR-SERVER-FIRST: mark the port opaque on the Service and on the pods (they must agree). */
const markOpaque: ServerFirstMarker = (finding, service, port, context) => {
  context.patches.add(
    { kind: 'Service', namespace: service.namespace, name: service.name },
    'json-merge',
    {
      metadata: {
        annotations: {
          [OPAQUE_PORTS]: withPort(
            service.annotations[OPAQUE_PORTS],
            port.port,
          ),
        },
      },
    },
    `mark port ${port.port} opaque for Linkerd (server-first protocol)`,
  );
  for (const workload of context.workloadsOf(finding)) {
    const target =
      resolveContainerPort(workload.template.spec, port.targetPort) ??
      port.port;
    context.patches.add(
      workloadTarget(workload),
      'json-merge',
      nestAt(`${templateMetadataPath(workload)}.annotations`, {
        [OPAQUE_PORTS]: withPort(
          workload.template.annotations[OPAQUE_PORTS],
          target,
        ),
      }),
      `mark target port ${target} opaque on the pods too (Services and pods must agree)`,
    );
  }
};

/** Namespaces accept only authenticated (meshed) clients; proxies read it at start. */
function hardenLinkerd({
  namespaces,
  workloads,
}: PlaybookContext): PlaybookSteps {
  return {
    manifests: namespaces.map(ns => ({
      description: `Namespace ${ns}: annotation config.linkerd.io/default-inbound-policy=all-authenticated`,
      patch: namespacePatch(ns, {
        annotations: {
          'config.linkerd.io/default-inbound-policy': 'all-authenticated',
        },
      }),
    })),
    explanation: [
      'all-authenticated means the proxies accept only connections from meshed clients with a valid mTLS identity (from any cluster sharing the trust anchor); plaintext from unmeshed clients is refused. Linkerd keeps authorizing kubelet probes on their probe paths. The proxies read the policy when they start, so restart the workloads after annotating.',
    ],
    commands: restartCommands(workloads).commands,
  };
}

export const linkerdPlaybook: OnboardingPlaybook = {
  mesh: 'linkerd',
  enrol: ({ namespaces }) => ({
    manifests: namespaces.map(ns => ({
      description: `Namespace ${ns}: annotation linkerd.io/inject=enabled so the Linkerd injector adds linkerd-proxy to new pods`,
      patch: namespacePatch(ns, {
        annotations: { 'linkerd.io/inject': 'enabled' },
      }),
    })),
  }),
  restartsToEnrol: true,
  restartExplanation: sidecarRestartExplanation,
  enrolsNamespaces: true,
  harden: hardenLinkerd,
  verify: ns => [
    `linkerd check --proxy -n ${ns}`,
    `linkerd viz stat deploy -n ${ns}`,
  ],
  fixes: {
    'MR-SERVER-FIRST': serverFirstFix(markOpaque),
    'MR-INIT-NETWORK': initNetworkFix(message => {
      const port = /:(\d{2,5})\b/.exec(message)?.[1];
      return port
        ? {
            value: { 'config.linkerd.io/skip-outbound-ports': port },
            description: `let the init container reach port ${port} without the proxy (skip-outbound-ports)`,
          }
        : undefined;
    }),
  },
};

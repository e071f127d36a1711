import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { templateField, workloadRef } from '../workloads/workload';
import {
  appContainers,
  containerField,
  orPass,
  workloadLabel,
} from './helpers';
import { CheckContext, CheckFinding, ReadinessCheck } from './types';

interface UidUse {
  uid: number;
  field: string;
  who: string;
}

/** Where the pod or an application container sets `runAsUser`. */
function uidUses(context: CheckContext): UidUse[] {
  const { workload } = context;
  const uses: UidUse[] = [];
  const podUid = workload.template.spec.runAsUser;
  if (podUid !== undefined) {
    uses.push({
      uid: podUid,
      field: templateField(workload, 'spec.securityContext.runAsUser'),
      who: `pod securityContext of ${workloadLabel(workload)}`,
    });
  }
  for (const container of appContainers(workload)) {
    if (container.ownRunAsUser === undefined) continue;
    uses.push({
      uid: container.ownRunAsUser,
      field: containerField(workload, container, 'securityContext.runAsUser'),
      who: `container ${container.name} of ${workloadLabel(workload)}`,
    });
  }
  return uses;
}

const uidSnippet = (uid: number) =>
  `securityContext:\n  runAsUser: ${uid === 1000 ? 1001 : 1000}`;

export const uid1337Check: ReadinessCheck = {
  id: 'MR-UID-1337',
  title: 'Application does not run as UID 1337',
  severity: 'error',
  category: 'readiness',
  meshes: ['istio-sidecar', 'aws-app-mesh'],
  reads: [
    'pod template spec.securityContext.runAsUser',
    'pod template spec.{containers,initContainers}[].securityContext.runAsUser',
  ],
  readsKinds: [],
  why: 'Istio and App Mesh proxies run as UID 1337 and iptables lets that UID bypass capture, so an app running as 1337 escapes the mesh (IST0144).',
  run(context) {
    const findings: CheckFinding[] = uidUses(context)
      .filter(use => use.uid === 1337)
      .map(use => ({
        status: 'fail',
        object: workloadRef(context.workload),
        field: use.field,
        message: `The ${use.who} runs as UID 1337, the proxy's UID: its traffic bypasses the sidecar`,
        remediation: 'Run the application as any UID other than 1337.',
        snippet: uidSnippet(1337),
      }));
    return orPass(
      findings,
      context,
      'No application container runs as UID 1337',
    );
  },
};

/** Proxy and init UIDs of the other meshes (research notes, MR-UID-OTHER-PROXY). */
const PROXY_UIDS: ReadonlyArray<{ uid: number; mesh: MeshId; what: string }> = [
  {
    uid: 2102,
    mesh: 'linkerd',
    what: "Linkerd's proxy UID (its traffic skips iptables and stays unmeshed)",
  },
  {
    uid: 5995,
    mesh: 'consul',
    what: "Consul's consul-dataplane UID (the injector rejects the pod)",
  },
  {
    uid: 5996,
    mesh: 'consul',
    what: "Consul's init container UID (the injector rejects the pod)",
  },
  {
    uid: 5678,
    mesh: 'kuma',
    what: "Kuma's kuma-sidecar UID (its traffic bypasses capture)",
  },
  {
    uid: 1500,
    mesh: 'osm',
    what: "OSM's Envoy UID (its traffic bypasses capture)",
  },
];

export const uidOtherProxyCheck: ReadinessCheck = {
  id: 'MR-UID-OTHER-PROXY',
  title: "Application UID differs from the mesh proxy's UID",
  severity: 'error',
  severityFor: { linkerd: 'warning', kuma: 'warning', osm: 'warning' },
  category: 'readiness',
  meshes: ['linkerd', 'consul', 'kuma', 'osm'],
  reads: uid1337Check.reads,
  readsKinds: [],
  why: "A process running as the proxy's UID is not redirected through the proxy; Consul's webhook refuses such pods outright.",
  run(context) {
    const findings: CheckFinding[] = [];
    for (const use of uidUses(context)) {
      for (const proxy of PROXY_UIDS.filter(
        candidate => candidate.uid === use.uid,
      )) {
        findings.push({
          status: 'fail',
          severity: proxy.mesh === 'consul' ? 'error' : 'warning',
          meshes: [proxy.mesh],
          object: workloadRef(context.workload),
          field: use.field,
          message: `The ${use.who} runs as UID ${use.uid}, ${proxy.what}`,
          remediation:
            'Run the application under a UID that no mesh proxy uses.',
          snippet: uidSnippet(use.uid),
        });
      }
    }
    return orPass(
      findings,
      context,
      'No application container uses a mesh proxy UID',
    );
  },
};

import { NodeModel, Site } from '../model';
import { EmitOutput, RouteFeature, SupportTable } from './types';

export function carry(site: Site, note?: string): void {
  site.ledger.carry(site.path, note);
}

export function manual(site: Site, what: string, why: string): void {
  site.ledger.manual(site.path, what, why);
}

/** A manual action whose why is the emitter's support-table line for the feature. */
export function unsupported(
  site: Site,
  support: SupportTable,
  feature: RouteFeature,
  what: string,
): void {
  manual(site, `${what} not carried`, support[feature].why);
}

export function noteOnce(out: EmitOutput, note: string): void {
  if (!out.notes.includes(note)) out.notes.push(note);
}

const CERTIFICATE_SOURCES: Record<string, string> = {
  file: 'file-based certs',
  sds: 'SDS/SPIRE certs',
  acm: 'ACM certificate',
};

export interface NodeTraits {
  label: string;
  /** The target gives workloads mutual TLS of its own (STRICT carries to the harden step). */
  meshMtls: boolean;
  /** Why listener TLS is not carried, when `meshMtls` is false. */
  noMtlsWhy?: string;
  /** How to keep only some clients (from TLS validation SANs). */
  authorization: string;
}

/** VirtualNode parts every target treats alike: health checks, TLS, server-side timeouts, backends. */
export function emitNodeCommon(
  node: NodeModel,
  traits: NodeTraits,
  out: EmitOutput,
): void {
  for (const listener of node.listeners) {
    if (listener.healthCheck) {
      const { protocol, path, intervalMillis } = listener.healthCheck.value;
      const hasReadiness = node.workload?.template.spec.containers.some(c =>
        c.probes.some(probe => probe.kind === 'readinessProbe'),
      );
      manual(
        listener.healthCheck.site,
        `(${protocol}${path ? ` ${path}` : ''} every ${
          intervalMillis ?? '?'
        }ms) not carried: ${traits.label} has no active health checks`,
        hasReadiness
          ? 'Kubernetes readiness probes decide which pods get traffic; the pods already have a readinessProbe, check it covers the same endpoint.'
          : `Kubernetes readiness probes decide which pods get traffic; add a readinessProbe${
              path ? ` (httpGet ${path})` : ''
            } to the pod template.`,
      );
    }
    const tls = listener.tls;
    if (tls?.mode) {
      if (traits.meshMtls) {
        if (tls.mode.value === 'STRICT') out.strictTls = true;
        carry(tls.mode.site, 'mesh mTLS (harden step)');
      } else
        manual(
          tls.mode.site,
          `(${tls.mode.value}) not carried: ${traits.label} does not provide workload mTLS by itself`,
          traits.noMtlsWhy ?? 'Use the mesh’s mTLS.',
        );
    }
    if (tls?.certificate)
      manual(
        tls.certificate.site,
        `(${
          CERTIFICATE_SOURCES[tls.certificate.value] ?? tls.certificate.value
        }) not carried: configure mTLS via the mesh`,
        traits.meshMtls
          ? `${traits.label} issues and rotates workload certificates itself; remove the mounted certificates (appmesh.k8s.aws/secretMounts) and their Secrets once traffic moved.`
          : 'Routes carry no workload certificates.',
      );
    if (tls?.validation) {
      const sans = tls.validation.value;
      manual(
        tls.validation.site,
        `${
          sans.length > 0 ? `(accepts clients ${sans.join(', ')}) ` : ''
        }not carried: the mesh validates peers against its own CA`,
        sans.length > 0
          ? `To keep only these clients, ${traits.authorization}`
          : 'The mesh trust domain replaces the App Mesh trust bundle.',
      );
    }
    for (const { field, duration } of listener.timeouts) {
      if (duration.site.ledger.isAccounted(duration.site.path)) continue;
      manual(
        duration.site,
        `(${duration.text}) not carried: a server-side ${
          field === 'idle' ? 'idle' : 'request'
        } timeout has no ${traits.label} equivalent`,
        field === 'idle'
          ? 'Set connection idle timeouts in the mesh (Istio: DestinationRule connectionPool idleTimeout) if you relied on it.'
          : 'Route timeouts apply on the client side; the VirtualRouter route timeout is carried where set. Put the timeout on the route if clients should enforce it.',
      );
    }
  }
  if (node.backends)
    manual(
      node.backends.site,
      `(${node.backends.value.join(', ')}) not carried: ${
        traits.label
      } needs no backend list`,
      'App Mesh only routed to declared backends; the new setup lets the workload call any Service. If the list was an allow-list, enforce it with authorization policies on the servers.',
    );
  if (node.backendGroups)
    manual(
      node.backendGroups,
      'not carried: no backend list is needed',
      'See spec.backends.',
    );
  for (const policy of node.clientPolicies)
    manual(
      policy.site,
      `(client TLS to ${policy.backend}${
        policy.certificate
          ? `, ${
              CERTIFICATE_SOURCES[policy.certificate] ?? policy.certificate
            } client certificate`
          : ''
      }) not carried: configure mTLS via the mesh`,
      `The mesh originates mTLS between meshed workloads itself. ${
        policy.enforce
          ? `While this client still runs on App Mesh it originates TLS with App Mesh certificates, which a ${traits.label} server cannot accept: move this workload and its TLS backends in the same window.`
          : ''
      }`.trim(),
    );
}

/** The Mesh's DROP_ALL egress filter: every target needs it set by hand. */
export function emitMeshEgress(egress: Site | undefined, advice: string): void {
  if (!egress) return;
  manual(
    egress,
    '(DROP_ALL) not carried: outbound traffic to unknown hosts is allowed by default',
    advice,
  );
}

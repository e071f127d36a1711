import { asRecord } from '../engine/model/access';
import { KubeObject } from '../engine/model/kubeObject';
import { ManualAction } from './types';
import { describeObject } from './util';

/**
 * The fields of each App Mesh kind (appmesh.k8s.aws/v1beta2, from the
 * controller's `apis/appmesh/v1beta2/*_types.go`), as normalised paths
 * (`[]` for list indices; a trailing `.*` covers any key below).
 */
const TLS_VALIDATION = [
  'validation.trust.acm.certificateAuthorityARNs',
  'validation.trust.file.certificateChain',
  'validation.trust.sds.secretName',
  'validation.subjectAlternativeNames.match.exact',
];
const TLS_CERTIFICATE = [
  'certificate.acm.certificateARN',
  'certificate.file.certificateChain',
  'certificate.file.privateKey',
  'certificate.sds.secretName',
];
const CLIENT_POLICY = [
  'clientPolicy.tls.enforce',
  'clientPolicy.tls.ports',
  ...TLS_CERTIFICATE.map(p => `clientPolicy.tls.${p}`),
  ...TLS_VALIDATION.map(p => `clientPolicy.tls.${p}`),
];
const HEADER_MATCH = [
  'name',
  'invert',
  'match.exact',
  'match.prefix',
  'match.suffix',
  'match.regex',
  'match.range.start',
  'match.range.end',
];
const DURATION = ['unit', 'value'];
const TIMEOUT = [
  ...DURATION.map(d => `perRequest.${d}`),
  ...DURATION.map(d => `idle.${d}`),
];
const WEIGHTED_TARGETS = [
  'virtualNodeRef.name',
  'virtualNodeRef.namespace',
  'virtualNodeARN',
  'weight',
  'port',
].map(p => `action.weightedTargets[].${p}`);
const RETRY = [
  'httpRetryEvents',
  'tcpRetryEvents',
  'grpcRetryEvents',
  'maxRetries',
  ...DURATION.map(d => `perRetryTimeout.${d}`),
].map(p => `retryPolicy.${p}`);
const HTTP_MATCH = [
  'prefix',
  'path.exact',
  'path.regex',
  'method',
  'scheme',
  'port',
  'queryParameters[].name',
  'queryParameters[].match.exact',
  ...HEADER_MATCH.map(p => `headers[].${p}`),
].map(p => `match.${p}`);
const ACCESS_LOG = [
  'logging.accessLog.file.path',
  'logging.accessLog.file.format.text',
  'logging.accessLog.file.format.json[].key',
  'logging.accessLog.file.format.json[].value',
];
const MESH_REF = ['meshRef.name', 'meshRef.uid', 'awsName'];
const selectorFields = (field: string) => [`${field}.*`];
const HEALTH_CHECK = [
  'healthyThreshold',
  'intervalMillis',
  'path',
  'port',
  'protocol',
  'timeoutMillis',
  'unhealthyThreshold',
].map(p => `healthCheck.${p}`);
const CONNECTION_POOL = [
  'tcp.maxConnections',
  'http.maxConnections',
  'http.maxPendingRequests',
  'http2.maxRequests',
  'grpc.maxRequests',
].map(p => `connectionPool.${p}`);

function prefixed(prefix: string, paths: string[]): string[] {
  return paths.map(path => `${prefix}.${path}`);
}

export const APP_MESH_FIELDS: Record<string, readonly string[]> = {
  VirtualNode: prefixed('spec', [
    ...MESH_REF,
    ...selectorFields('podSelector'),
    ...prefixed('listeners[]', [
      'portMapping.port',
      'portMapping.protocol',
      ...HEALTH_CHECK,
      'outlierDetection.maxServerErrors',
      'outlierDetection.maxEjectionPercent',
      ...DURATION.map(d => `outlierDetection.interval.${d}`),
      ...DURATION.map(d => `outlierDetection.baseEjectionDuration.${d}`),
      ...CONNECTION_POOL,
      'tls.mode',
      ...TLS_CERTIFICATE.map(p => `tls.${p}`),
      ...TLS_VALIDATION.map(p => `tls.${p}`),
      ...DURATION.map(d => `timeout.tcp.idle.${d}`),
      ...TIMEOUT.map(p => `timeout.http.${p}`),
      ...TIMEOUT.map(p => `timeout.http2.${p}`),
      ...TIMEOUT.map(p => `timeout.grpc.${p}`),
    ]),
    'serviceDiscovery.dns.hostname',
    'serviceDiscovery.dns.responseType',
    'serviceDiscovery.dns.ipPreference',
    'serviceDiscovery.awsCloudMap.namespaceName',
    'serviceDiscovery.awsCloudMap.serviceName',
    'serviceDiscovery.awsCloudMap.ipPreference',
    'serviceDiscovery.awsCloudMap.attributes[].key',
    'serviceDiscovery.awsCloudMap.attributes[].value',
    'backends[].virtualService.virtualServiceRef.name',
    'backends[].virtualService.virtualServiceRef.namespace',
    'backends[].virtualService.virtualServiceARN',
    ...prefixed('backends[].virtualService', CLIENT_POLICY),
    'backendGroups[].name',
    'backendGroups[].namespace',
    ...prefixed('backendDefaults', CLIENT_POLICY),
    ...ACCESS_LOG,
  ]),
  VirtualRouter: prefixed('spec', [
    ...MESH_REF,
    'listeners[].portMapping.port',
    'listeners[].portMapping.protocol',
    'routes[].name',
    'routes[].priority',
    ...prefixed('routes[].httpRoute', [
      ...HTTP_MATCH,
      ...WEIGHTED_TARGETS,
      ...RETRY,
      ...prefixed('timeout', TIMEOUT),
    ]),
    ...prefixed('routes[].http2Route', [
      ...HTTP_MATCH,
      ...WEIGHTED_TARGETS,
      ...RETRY,
      ...prefixed('timeout', TIMEOUT),
    ]),
    ...prefixed('routes[].grpcRoute', [
      'match.serviceName',
      'match.methodName',
      'match.port',
      ...HEADER_MATCH.map(p => `match.metadata[].${p}`),
      ...WEIGHTED_TARGETS,
      ...RETRY,
      ...prefixed('timeout', TIMEOUT),
    ]),
    ...prefixed('routes[].tcpRoute', [
      'match.port',
      ...WEIGHTED_TARGETS,
      ...DURATION.map(d => `timeout.idle.${d}`),
    ]),
  ]),
  VirtualService: prefixed('spec', [
    ...MESH_REF,
    'provider.virtualNode.virtualNodeRef.name',
    'provider.virtualNode.virtualNodeRef.namespace',
    'provider.virtualNode.virtualNodeARN',
    'provider.virtualRouter.virtualRouterRef.name',
    'provider.virtualRouter.virtualRouterRef.namespace',
    'provider.virtualRouter.virtualRouterARN',
  ]),
  VirtualGateway: prefixed('spec', [
    ...MESH_REF,
    ...selectorFields('namespaceSelector'),
    ...selectorFields('podSelector'),
    ...selectorFields('gatewayRouteSelector'),
    ...prefixed('listeners[]', [
      'portMapping.port',
      'portMapping.protocol',
      ...HEALTH_CHECK,
      ...CONNECTION_POOL,
      'tls.mode',
      ...TLS_CERTIFICATE.map(p => `tls.${p}`),
      ...TLS_VALIDATION.map(p => `tls.${p}`),
    ]),
    ...prefixed('backendDefaults', CLIENT_POLICY),
    ...ACCESS_LOG,
  ]),
  GatewayRoute: prefixed('spec', [
    ...MESH_REF,
    'priority',
    'virtualGatewayRef.name',
    'virtualGatewayRef.namespace',
    'virtualGatewayRef.uid',
    ...['httpRoute', 'http2Route'].flatMap(type =>
      prefixed(type, [
        ...HTTP_MATCH,
        'match.hostname.exact',
        'match.hostname.suffix',
        'action.target.virtualService.virtualServiceRef.name',
        'action.target.virtualService.virtualServiceRef.namespace',
        'action.target.virtualService.virtualServiceARN',
        'action.target.port',
        'action.rewrite.prefix.defaultPrefix',
        'action.rewrite.prefix.value',
        'action.rewrite.path.exact',
        'action.rewrite.hostname.defaultTargetHostname',
      ]),
    ),
    ...prefixed('grpcRoute', [
      'match.serviceName',
      'match.port',
      'match.hostname.exact',
      'match.hostname.suffix',
      ...HEADER_MATCH.map(p => `match.metadata[].${p}`),
      'action.target.virtualService.virtualServiceRef.name',
      'action.target.virtualService.virtualServiceRef.namespace',
      'action.target.virtualService.virtualServiceARN',
      'action.target.port',
      'action.rewrite.hostname.defaultTargetHostname',
    ]),
  ]),
  Mesh: prefixed('spec', [
    'awsName',
    ...selectorFields('namespaceSelector'),
    'egressFilter.type',
    'serviceDiscovery.ipPreference',
    'meshOwner',
  ]),
};

/** `spec.routes[3].httpRoute` → `spec.routes[].httpRoute` */
export function normalisePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

type Disposition =
  | { kind: 'carried'; note?: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'manual'; action: ManualAction };

/**
 * Accounts for every field of one App Mesh object: each path the translator
 * reads is marked carried, ignored (no equivalent needed) or manual. `finish`
 * walks the object's `spec` and turns every field nobody accounted for into
 * a manual action, so nothing is dropped silently: a known field the
 * translator skipped, or a field Meshwise does not know at all.
 */
export class FieldLedger {
  private readonly entries = new Map<string, Disposition>();
  private readonly known: readonly string[];

  constructor(
    readonly object: KubeObject,
    private readonly targetLabel: string,
  ) {
    this.known = APP_MESH_FIELDS[object.kind] ?? [];
  }

  get label(): string {
    return describeObject(this.object);
  }

  carry(path: string, note?: string): void {
    if (!this.entries.has(path))
      this.entries.set(path, { kind: 'carried', note });
  }

  ignore(path: string, reason: string): void {
    if (!this.entries.has(path))
      this.entries.set(path, { kind: 'ignored', reason });
  }

  /** Marks a field as needing a person; returns the action (also kept for `finish`). */
  manual(path: string, what: string, why: string): ManualAction {
    const action: ManualAction = {
      what: `${this.object.kind} ${this.object.metadata.name}: ${path} ${what}`,
      why,
      source: `${this.label} ${path}`,
    };
    this.entries.set(path, { kind: 'manual', action });
    return action;
  }

  isAccounted(path: string): boolean {
    return this.coveringEntry(path) !== undefined;
  }

  private coveringEntry(path: string): Disposition | undefined {
    let best: { length: number; entry: Disposition } | undefined;
    for (const [entryPath, entry] of this.entries) {
      if (
        path === entryPath ||
        path.startsWith(`${entryPath}.`) ||
        path.startsWith(`${entryPath}[`)
      ) {
        if (!best || entryPath.length > best.length)
          best = { length: entryPath.length, entry };
      }
    }
    return best?.entry;
  }

  private isKnownPrefix(path: string): boolean {
    const normal = normalisePath(path);
    return this.known.some(pattern => {
      if (pattern.endsWith('.*')) {
        const base = pattern.slice(0, -2);
        if (normal === base || normal.startsWith(`${base}.`)) return true;
      }
      return (
        pattern === normal ||
        pattern.startsWith(`${normal}.`) ||
        pattern.startsWith(`${normal}[`)
      );
    });
  }

  /** Manual actions of this object: the marked ones plus every unaccounted field. */
  finish(): ManualAction[] {
    const actions: ManualAction[] = [];
    for (const entry of this.entries.values())
      if (entry.kind === 'manual') actions.push(entry.action);
    const unaccounted: string[] = [];
    const unknown: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (this.isAccounted(path)) return;
      if (!this.isKnownPrefix(path)) {
        unknown.push(path);
        return;
      }
      if (Array.isArray(value)) {
        if (value.length === 0) unaccounted.push(path);
        value.forEach((item, i) => walk(item, `${path}[${i}]`));
        return;
      }
      const record = asRecord(value);
      if (record) {
        const keys = Object.keys(record);
        if (keys.length === 0) unaccounted.push(path);
        for (const key of keys) walk(record[key], `${path}.${key}`);
        return;
      }
      if (value !== null && value !== undefined) unaccounted.push(path);
    };
    const spec = this.object.spec;
    if (spec !== undefined) walk(spec, 'spec');
    for (const path of unaccounted) {
      actions.push({
        what: `${this.object.kind} ${this.object.metadata.name}: ${path} is not carried to ${this.targetLabel}`,
        why: 'Meshwise reads this App Mesh field but has no translation for it; decide by hand whether the new setup needs it.',
        source: `${this.label} ${path}`,
      });
    }
    for (const path of unknown) {
      actions.push({
        what: `${this.object.kind} ${this.object.metadata.name}: unknown field ${path}`,
        why: `Meshwise does not know this field of appmesh.k8s.aws ${this.object.kind} (${this.object.apiVersion}); review it by hand, nothing was carried.`,
        source: `${this.label} ${path}`,
      });
    }
    return actions;
  }

  /** Carried fields with their notes, for explanations. */
  carried(): Array<{ path: string; note?: string }> {
    return [...this.entries]
      .filter(([, entry]) => entry.kind === 'carried')
      .map(([path, entry]) => ({
        path,
        note: entry.kind === 'carried' ? entry.note : undefined,
      }));
  }
}

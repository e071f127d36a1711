import { parse as parseYaml } from 'yaml';
import { MeshId } from '../meshes';
import { AssessmentFinding, ReadinessTargetMesh } from '../engine/assess/types';
import { ClusterIndex } from '../engine/cluster/clusterIndex';
import { controlPlaneFacts } from '../engine/cluster/controlPlane';
import {
  appMeshListenerProtocol,
  containerPortProtocol,
  declaredPortProtocol,
} from '../engine/checks/declaredProtocol';
import {
  appProtocolFor,
  protocolConflict,
} from '../engine/checks/protocolMismatch';
import {
  ISTIO_OPAQUE_PROTOCOLS,
  istioPortProtocol,
  SERVER_FIRST_PORTS,
  serverFirstPortSuffix,
} from '../engine/checks/protocols';
import { findReadinessCheck } from '../engine/checks/registry';
import { resultAppliesTo, resultSeverityFor } from '../engine/checks/runChecks';
import { asRecord, getPath } from '../engine/model/access';
import { formatRef, KINDS, KubeObject } from '../engine/model/kubeObject';
import { resolveContainerPort } from '../engine/model/podSpec';
import {
  readService,
  ServicePortView,
  ServiceView,
} from '../engine/model/service';
import {
  consulServiceName,
  findMeshResources,
  kumaMeshName,
} from '../engine/workloads/meshResources';
import { Workload } from '../engine/workloads/workload';
import {
  ManualAction,
  MigrationManifest,
  MigrationPatch,
  MigrationPatchTarget,
} from './types';
import {
  deepMerge,
  nestAt,
  templateMetadataPath,
  templateSpecPath,
} from './util';

const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

/** Findings the plan's own steps take care of (enrolment, restart, mTLS, leaving App Mesh). */
const HANDLED_BY_PLAN = new Set([
  'MR-NS-NOT-ENROLLED',
  'MR-PROXY-MISSING',
  'MR-PROXY-STALE',
  'MR-EOL-MESH',
  'MR-APPMESH-VN',
  'MR-MTLS-NOT-STRICT',
]);

/** Fixes that keep a service portable across meshes; proposed even when the target does not flag them. */
const PORTABLE_FIXES = new Set(['MR-LABEL-APP', 'MR-PORT-PROTOCOL']);

/**
 * Well-known ports of client-first protocols that are not HTTP (PostgreSQL,
 * Redis, Elasticsearch transport, Memcached, MongoDB, Kafka, ...): a guess
 * used only when nothing declares the port's protocol.
 */
const TCP_PORTS = new Set([
  53, 389, 636, 1883, 2181, 2888, 3888, 4369, 5432, 5671, 5672, 6379, 6380,
  7000, 7001, 8883, 9042, 9092, 9093, 9300, 11211, 25672, 26379, 27017,
]);
const HTTP_PORTS = new Set([
  80, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8888, 9080, 9090, 9100, 15672,
]);

interface PortChange {
  port: number;
  name?: string;
  appProtocol?: string;
}

/**
 * Collects the patches of the fix step, merged per object so that several
 * findings on one object become one patch.
 */
class PatchSet {
  private readonly patches = new Map<
    string,
    { patch: MigrationPatch; descriptions: string[] }
  >();
  private readonly servicePorts = new Map<
    string,
    {
      target: MigrationPatchTarget;
      ports: Map<number, PortChange>;
      descriptions: string[];
    }
  >();

  add(
    target: MigrationPatchTarget,
    type: MigrationPatch['type'],
    body: Record<string, unknown>,
    description: string,
  ): void {
    const key = `${type}|${target.kind}|${target.namespace ?? ''}|${
      target.name
    }`;
    const existing = this.patches.get(key);
    if (existing) {
      existing.patch.body = deepMerge(existing.patch.body, body);
      if (!existing.descriptions.includes(description))
        existing.descriptions.push(description);
    } else {
      this.patches.set(key, {
        patch: { target, type, body },
        descriptions: [description],
      });
    }
  }

  port(service: ServiceView, change: PortChange, description: string): void {
    const key = `${service.namespace}/${service.name}`;
    let entry = this.servicePorts.get(key);
    if (!entry) {
      entry = {
        target: {
          kind: 'Service',
          namespace: service.namespace,
          name: service.name,
        },
        ports: new Map(),
        descriptions: [],
      };
      this.servicePorts.set(key, entry);
    }
    const current = entry.ports.get(change.port) ?? { port: change.port };
    entry.ports.set(change.port, { ...current, ...change });
    if (!entry.descriptions.includes(description))
      entry.descriptions.push(description);
  }

  hasPort(service: ServiceView, port: number): boolean {
    return !!this.servicePorts
      .get(`${service.namespace}/${service.name}`)
      ?.ports.get(port);
  }

  manifests(): MigrationManifest[] {
    const out: MigrationManifest[] = [];
    for (const entry of this.servicePorts.values()) {
      out.push({
        description: `Service ${entry.target.name}: ${entry.descriptions.join(
          '; ',
        )}`,
        patch: {
          target: entry.target,
          type: 'strategic-merge',
          body: { spec: { ports: [...entry.ports.values()] } },
        },
      });
    }
    for (const { patch, descriptions } of this.patches.values()) {
      out.push({
        description: `${patch.target.kind} ${
          patch.target.name
        }: ${descriptions.join('; ')}`,
        patch,
      });
    }
    return out;
  }
}

export interface FixResult {
  manifests: MigrationManifest[];
  manualActions: ManualAction[];
  /** Check ids fixed, for the explanation. */
  fixed: string[];
}

function sourceOf(finding: AssessmentFinding): string {
  return `${finding.checkId}: ${formatRef(finding.object)}${
    finding.field ? ` ${finding.field}` : ''
  }`;
}

/** The App Mesh VirtualNodes that select any of the workloads. */
function virtualNodesOf(
  workloads: readonly Workload[],
  index: ClusterIndex,
): KubeObject[] {
  return [
    ...new Set(
      workloads.flatMap(
        workload => findMeshResources(workload, index).appMesh.virtualNodes,
      ),
    ),
  ];
}

/**
 * What protocol a Service port speaks, when the manifests say enough to
 * tell. A declaration (the Service's appProtocol or name, the App Mesh
 * listener, the container port's name) always wins; numbers are a guess
 * for ports nothing declares.
 */
export function inferPortProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  virtualNodes: readonly KubeObject[] = [],
): string | undefined {
  const declared = declaredPortProtocol(port, workloads, virtualNodes);
  if (declared) return declared.protocol;
  const numbers = [
    ...workloads.flatMap(workload => {
      const target = resolveContainerPort(
        workload.template.spec,
        port.targetPort,
      );
      return target === undefined ? [] : [target];
    }),
    port.port,
  ];
  if (numbers.some(number => SERVER_FIRST_PORTS[number])) return 'tcp';
  if (numbers.some(number => TCP_PORTS.has(number))) return 'tcp';
  if (numbers.some(number => HTTP_PORTS.has(number))) return 'http';
  return undefined;
}

function versionFor(workload: Workload): string {
  const labels = workload.template.labels;
  const known =
    labels['app.kubernetes.io/version'] ??
    labels['service.istio.io/canonical-revision'];
  if (known) return known;
  const image = workload.template.spec.containers[0]?.image ?? '';
  const tag = /:([\w][\w.-]{0,62})$/.exec(image.split('@')[0])?.[1];
  if (
    tag &&
    tag !== 'latest' &&
    /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(tag)
  )
    return tag;
  return 'v1';
}

function workloadTarget(workload: Workload): MigrationPatchTarget {
  return {
    kind: workload.kind,
    namespace: workload.namespace,
    name: workload.name,
  };
}

/** Objects created by a fix (e.g. a missing Service), per patch set. */
const createdObjects = new WeakMap<PatchSet, MigrationManifest[]>();

/**
 * Turns the assessment's findings for the target mesh into patches where the
 * fix is mechanical and manual actions where it is not.
 */
export function planFixes(
  findings: readonly AssessmentFinding[],
  workloads: readonly Workload[],
  index: ClusterIndex,
  mesh: ReadinessTargetMesh,
  options: { leavingAppMesh?: boolean } = {},
): FixResult {
  const patches = new PatchSet();
  const manualActions: ManualAction[] = [];
  const fixed = new Set<string>();
  const byId = new Map(workloads.map(w => [w.id, w]));
  const workloadsOf = (finding: AssessmentFinding) =>
    finding.workloads.flatMap(id => (byId.get(id) ? [byId.get(id)!] : []));
  const serviceOf = (finding: AssessmentFinding): ServiceView | undefined => {
    const object = index.get(
      KINDS.service,
      finding.object.namespace,
      finding.object.name,
    );
    return object ? readService(object) : undefined;
  };
  const portOf = (finding: AssessmentFinding, service: ServiceView) => {
    const match = /spec\.ports\[(\d+)\]/.exec(finding.field ?? '');
    return match
      ? service.ports.find(p => p.index === Number(match[1]))
      : undefined;
  };
  const byMessage = new Map<string, ManualAction>();
  const manual = (finding: AssessmentFinding, prefix = '') => {
    const key = `${finding.checkId}\u0000${prefix}${finding.message}`;
    const existing = byMessage.get(key);
    if (existing) {
      existing.source += `; ${sourceOf(finding)}`;
      return;
    }
    const action: ManualAction = {
      what: `${prefix}${finding.message}`,
      why: finding.remediation || 'No mechanical fix exists for this finding.',
      source: sourceOf(finding),
    };
    byMessage.set(key, action);
    manualActions.push(action);
  };

  for (const finding of findings) {
    if (HANDLED_BY_PLAN.has(finding.checkId)) continue;
    if (
      options.leavingAppMesh &&
      finding.checkId === 'MR-FOREIGN-SIDECAR' &&
      finding.message.includes('AWS App Mesh')
    )
      continue;
    const check = findReadinessCheck(finding.checkId);
    if (!check) continue;
    const applies = resultAppliesTo(check, finding, mesh);
    const severity = applies ? resultSeverityFor(check, finding, mesh) : 'info';
    const required = applies && severity !== 'info';
    const wanted =
      required ||
      (applies && finding.checkId === 'MR-LABEL-VERSION') ||
      PORTABLE_FIXES.has(finding.checkId);
    if (!wanted || finding.status === 'pass') continue;
    if (finding.status === 'not-evaluated') {
      if (required) manual(finding, 'Could not be evaluated: ');
      continue;
    }
    const label = required ? '' : 'recommended: ';
    switch (finding.checkId) {
      case 'MR-PORT-PROTOCOL': {
        const service = serviceOf(finding);
        const port = service && portOf(finding, service);
        if (!service || !port) {
          if (required) manual(finding);
          break;
        }
        if (!required && istioPortProtocol(port).from !== 'none') break;
        const protocol = inferPortProtocol(
          port,
          workloadsOf(finding),
          virtualNodesOf(workloadsOf(finding), index),
        );
        if (!protocol) {
          if (required || mesh === 'kuma')
            manual(finding, 'Protocol unknown: ');
          break;
        }
        const change: PortChange = {
          port: port.port,
          appProtocol: appProtocolFor(protocol),
        };
        if (!port.name)
          change.name = protocol === 'tcp' ? `tcp-${port.port}` : protocol;
        patches.port(
          service,
          change,
          `${label}declare port ${port.port} as ${protocol}${
            change.name ? ` (name ${change.name})` : ''
          }`,
        );
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-SERVER-FIRST': {
        const service = serviceOf(finding);
        const port = service && portOf(finding, service);
        if (!service || !port) {
          manual(finding);
          break;
        }
        if (mesh === 'linkerd') {
          const current = new Set(
            (service.annotations[OPAQUE_PORTS] ?? '')
              .split(',')
              .filter(Boolean),
          );
          current.add(String(port.port));
          patches.add(
            {
              kind: 'Service',
              namespace: service.namespace,
              name: service.name,
            },
            'json-merge',
            {
              metadata: {
                annotations: { [OPAQUE_PORTS]: [...current].join(',') },
              },
            },
            `mark port ${port.port} opaque for Linkerd (server-first protocol)`,
          );
          for (const workload of workloadsOf(finding)) {
            const target =
              resolveContainerPort(workload.template.spec, port.targetPort) ??
              port.port;
            const podPorts = new Set(
              (workload.template.annotations[OPAQUE_PORTS] ?? '')
                .split(',')
                .filter(Boolean),
            );
            podPorts.add(String(target));
            patches.add(
              workloadTarget(workload),
              'json-merge',
              nestAt(`${templateMetadataPath(workload)}.annotations`, {
                [OPAQUE_PORTS]: [...podPorts].join(','),
              }),
              `mark target port ${target} opaque on the pods too (Services and pods must agree)`,
            );
          }
        } else if (!declaresNonTcp(port, workloadsOf(finding), index)) {
          declareServerFirstTcp(patches, service, port);
        }
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-PROTOCOL-MISMATCH': {
        const service = serviceOf(finding);
        const port = service && portOf(finding, service);
        const appProtocol =
          port && listenerAppProtocol(port, workloadsOf(finding), index);
        if (!service || !port || !appProtocol) {
          manual(finding);
          break;
        }
        patches.port(
          service,
          { port: port.port, appProtocol },
          `${label}declare port ${port.port} as appProtocol ${appProtocol}, the protocol its listener speaks`,
        );
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-LABEL-APP': {
        for (const workload of workloadsOf(finding)) {
          const value =
            workload.template.labels.name ??
            workload.template.labels['app.kubernetes.io/name'] ??
            workload.name;
          patches.add(
            workloadTarget(workload),
            'json-merge',
            nestAt(`${templateMetadataPath(workload)}.labels`, { app: value }),
            `${label}add pod label app=${value} (workload identity in telemetry and policies)`,
          );
        }
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-LABEL-VERSION': {
        for (const workload of workloadsOf(finding)) {
          const value = versionFor(workload);
          patches.add(
            workloadTarget(workload),
            'json-merge',
            nestAt(`${templateMetadataPath(workload)}.labels`, {
              version: value,
            }),
            `add pod label version=${value} (canonical revision, subsets)`,
          );
        }
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-UID-1337':
      case 'MR-UID-OTHER-PROXY': {
        const field = finding.field ?? '';
        const uid = /runs as UID (\d+)/.exec(finding.message)?.[1];
        const replacement = uid === '1000' ? 1001 : 1000;
        for (const workload of workloadsOf(finding)) {
          const relative = field.startsWith(templateSpecPath(workload))
            ? field.slice(templateSpecPath(workload).length + 1)
            : undefined;
          if (!relative) continue;
          const container =
            /^(containers|initContainers)\[(\d+)\]\.securityContext\.runAsUser$/.exec(
              relative,
            );
          let body: Record<string, unknown> | undefined;
          if (relative === 'securityContext.runAsUser') {
            body = nestAt(`${templateSpecPath(workload)}.securityContext`, {
              runAsUser: replacement,
            });
          } else if (container) {
            const list =
              container[1] === 'containers'
                ? workload.template.spec.containers
                : workload.template.spec.initContainers;
            const name = list[Number(container[2])]?.name;
            if (name)
              body = nestAt(
                `${templateSpecPath(workload)}.${
                  container[1]
                }[name=${name}].securityContext`,
                { runAsUser: replacement },
              );
          }
          if (!body) continue;
          patches.add(
            workloadTarget(workload),
            'strategic-merge',
            body,
            `run as UID ${replacement} instead of ${uid} (a proxy UID); check file ownership in the image`,
          );
          fixed.add(finding.checkId);
        }
        break;
      }
      case 'MR-INIT-NETWORK': {
        const annotation = initNetworkAnnotation(mesh, finding.message);
        if (!annotation) {
          manual(finding);
          break;
        }
        for (const workload of workloadsOf(finding)) {
          patches.add(
            workloadTarget(workload),
            'json-merge',
            nestAt(
              `${templateMetadataPath(workload)}.annotations`,
              annotation.value,
            ),
            annotation.description,
          );
        }
        fixed.add(finding.checkId);
        break;
      }
      case 'MR-HTTP-PROBES': {
        const workloadsWithOptOut = workloadsOf(finding).filter(
          w =>
            w.template.annotations['sidecar.istio.io/rewriteAppHTTPProbers'] ===
            'false',
        );
        if (
          (mesh === 'istio-sidecar' || mesh === 'istio-ambient') &&
          workloadsWithOptOut.length > 0
        ) {
          for (const workload of workloadsWithOptOut)
            patches.add(
              workloadTarget(workload),
              'json-merge',
              nestAt(`${templateMetadataPath(workload)}.annotations`, {
                'sidecar.istio.io/rewriteAppHTTPProbers': null,
              }),
              'remove the probe-rewrite opt-out so Istio rewrites HTTP probes',
            );
          fixed.add(finding.checkId);
        } else manual(finding);
        break;
      }
      case 'MR-OPAQUE-MISMATCH':
      case 'MR-ANNOTATION-AS-LABEL': {
        if (!applySnippet(finding, workloadsOf(finding), patches, index))
          manual(finding);
        else fixed.add(finding.checkId);
        break;
      }
      case 'MR-SERVICE-ASSOCIATION': {
        if (!applySnippet(finding, workloadsOf(finding), patches, index))
          manual(finding);
        else fixed.add(finding.checkId);
        break;
      }
      default:
        manual(finding);
    }
  }
  const created = createdObjects.get(patches) ?? [];
  return {
    manifests: [...created, ...patches.manifests()],
    manualActions,
    fixed: [...fixed],
  };
}

/** True when something declares the port HTTP-like (e.g. an App Mesh `http` listener): never make it TCP. */
function declaresNonTcp(
  port: ServicePortView,
  workloads: readonly Workload[],
  index: ClusterIndex,
): boolean {
  const declared = declaredPortProtocol(
    port,
    workloads,
    virtualNodesOf(workloads, index),
  );
  return !!declared && !ISTIO_OPAQUE_PROTOCOLS.has(declared.protocol);
}

function declareServerFirstTcp(
  patches: PatchSet,
  service: ServiceView,
  port: ServicePortView,
): void {
  const proto = SERVER_FIRST_PORTS[port.port] ?? 'tcp';
  patches.port(
    service,
    {
      port: port.port,
      appProtocol: 'tcp',
      ...(port.name ? {} : { name: `tcp-${serverFirstPortSuffix(port.port)}` }),
    },
    `declare server-first port ${port.port} (${proto}) as TCP`,
  );
}

/** The `appProtocol` that makes a port agree with its listener (MR-PROTOCOL-MISMATCH). */
function listenerAppProtocol(
  port: ServicePortView,
  workloads: readonly Workload[],
  index: ClusterIndex,
): string | undefined {
  const conflict = protocolConflict(
    port,
    appMeshListenerProtocol(port, workloads, virtualNodesOf(workloads, index)),
    containerPortProtocol(port, workloads),
  );
  return conflict && appProtocolFor(conflict.protocol);
}

/** Applies a finding's YAML snippet: a full object is created, metadata is patched. */
function applySnippet(
  finding: AssessmentFinding,
  workloads: Workload[],
  patches: PatchSet,
  index: ClusterIndex,
): boolean {
  if (!finding.snippet) return false;
  let parsed: unknown;
  try {
    parsed = parseYaml(finding.snippet);
  } catch {
    return false;
  }
  const body = asRecord(parsed);
  if (!body) return false;
  if (typeof body.apiVersion === 'string' && typeof body.kind === 'string') {
    const list = createdObjects.get(patches) ?? [];
    list.push({
      description: `${body.kind} ${String(getPath(body, 'metadata.name'))}: ${
        finding.remediation
      }`,
      object: body as never,
    });
    createdObjects.set(patches, list);
    return true;
  }
  const metadata = asRecord(body.metadata);
  if (!metadata) return false;
  const key = /metadata\.(labels|annotations)\["([^"]+)"\]/.exec(
    finding.field ?? '',
  )?.[2];
  if (finding.object.kind === 'Service') {
    const service = index.get(
      KINDS.service,
      finding.object.namespace,
      finding.object.name,
    );
    if (!service) return false;
    const patch: Record<string, unknown> = { metadata: { ...metadata } };
    if (finding.checkId === 'MR-ANNOTATION-AS-LABEL' && key) {
      const moveTo = asRecord(metadata.labels) ? 'annotations' : 'labels';
      (patch.metadata as Record<string, unknown>)[moveTo] = { [key]: null };
    }
    patches.add(
      {
        kind: 'Service',
        namespace: service.metadata.namespace,
        name: service.metadata.name,
      },
      'json-merge',
      patch,
      finding.remediation,
    );
    return true;
  }
  if (workloads.length === 0) return false;
  for (const workload of workloads) {
    let patch = nestAt(templateMetadataPath(workload), metadata);
    if (finding.checkId === 'MR-ANNOTATION-AS-LABEL' && key) {
      const moveFrom = asRecord(metadata.labels) ? 'annotations' : 'labels';
      patch = deepMerge(
        patch,
        nestAt(`${templateMetadataPath(workload)}.${moveFrom}`, {
          [key]: null,
        }),
      );
    }
    patches.add(
      workloadTarget(workload),
      'json-merge',
      patch,
      finding.remediation,
    );
  }
  return true;
}

function initNetworkAnnotation(
  mesh: MeshId,
  message: string,
): { value: Record<string, string>; description: string } | undefined {
  switch (mesh) {
    case 'istio-sidecar':
      return {
        value: { 'sidecar.istio.io/nativeSidecar': 'true' },
        description:
          'start istio-proxy as a native sidecar, before the init containers (Istio 1.27+ default; Kubernetes 1.29+)',
      };
    case 'consul':
      return {
        value: {
          'consul.hashicorp.com/enable-consul-dataplane-as-sidecar': 'true',
        },
        description:
          'run consul-dataplane as a native sidecar so init containers have a proxy',
      };
    case 'linkerd': {
      const port = /:(\d{2,5})\b/.exec(message)?.[1];
      return port
        ? {
            value: { 'config.linkerd.io/skip-outbound-ports': port },
            description: `let the init container reach port ${port} without the proxy (skip-outbound-ports)`,
          }
        : undefined;
    }
    default:
      return undefined;
  }
}

// ------------------------------------------------------------- enrolment

export interface EnrolmentResult {
  manifests: MigrationManifest[];
  commands: string[];
  explanation: string[];
  manualActions: ManualAction[];
}

function namespacePatch(
  namespace: string,
  metadata: Record<string, unknown>,
): MigrationPatch {
  return {
    target: { kind: 'Namespace', name: namespace },
    type: 'json-merge',
    body: { metadata },
  };
}

/** The Istio revision to enrol with: the one other namespaces use, or the only injector's. */
export function istioRevision(
  index: ClusterIndex,
  namespace: string,
): string | undefined {
  const own = index.get(KINDS.namespace, undefined, namespace)?.metadata
    .labels?.['istio.io/rev'];
  if (own) return own;
  const used = new Map<string, number>();
  for (const ns of index.list(KINDS.namespace)) {
    const rev = ns.metadata.labels?.['istio.io/rev'];
    if (rev) used.set(rev, (used.get(rev) ?? 0) + 1);
  }
  if (used.size > 0) return [...used].sort((a, b) => b[1] - a[1])[0][0];
  const injectors = controlPlaneFacts(index).istio.injectors;
  if (injectors.length > 0 && !injectors.some(i => i.revision === 'default'))
    return injectors[0].revision;
  return undefined;
}

export function restartCommands(workloads: readonly Workload[]): {
  commands: string[];
  other: string[];
} {
  const commands: string[] = [];
  const other: string[] = [];
  for (const workload of workloads) {
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(workload.kind))
      commands.push(
        `kubectl rollout restart ${workload.kind.toLowerCase()}/${
          workload.name
        } -n ${workload.namespace}`,
      );
    else other.push(`${workload.kind} ${workload.name}`);
  }
  return { commands, other };
}

export function planEnrolment(
  mesh: ReadinessTargetMesh,
  workloads: readonly Workload[],
  index: ClusterIndex,
  leavingAppMesh: boolean,
): EnrolmentResult {
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const manifests: MigrationManifest[] = [];
  const explanation: string[] = [];
  const manualActions: ManualAction[] = [];
  const namespaceObject = (ns: string) =>
    index.get(KINDS.namespace, undefined, ns);
  for (const ns of namespaces) {
    const labels = namespaceObject(ns)?.metadata.labels ?? {};
    switch (mesh) {
      case 'istio-sidecar': {
        const revision = istioRevision(index, ns);
        const set: Record<string, string | null> = revision
          ? { 'istio.io/rev': revision }
          : { 'istio-injection': 'enabled' };
        if (revision && labels['istio-injection'] !== undefined)
          set['istio-injection'] = null;
        if (labels['istio.io/dataplane-mode'] !== undefined)
          set['istio.io/dataplane-mode'] = null;
        manifests.push({
          description: revision
            ? `Namespace ${ns}: label istio.io/rev=${revision} (the cluster runs revisioned Istio control planes)`
            : `Namespace ${ns}: label istio-injection=enabled so the Istio webhook injects istio-proxy into new pods`,
          patch: namespacePatch(ns, { labels: set }),
        });
        break;
      }
      case 'istio-ambient': {
        const set: Record<string, string | null> = {
          'istio.io/dataplane-mode': 'ambient',
        };
        if (labels['istio-injection'] !== undefined)
          set['istio-injection'] = null;
        if (labels['istio.io/rev'] !== undefined) set['istio.io/rev'] = null;
        manifests.push({
          description: `Namespace ${ns}: label istio.io/dataplane-mode=ambient so ztunnel captures its pods (no sidecar, no restart needed)`,
          patch: namespacePatch(ns, { labels: set }),
        });
        break;
      }
      case 'linkerd':
        manifests.push({
          description: `Namespace ${ns}: annotation linkerd.io/inject=enabled so the Linkerd injector adds linkerd-proxy to new pods`,
          patch: namespacePatch(ns, {
            annotations: { 'linkerd.io/inject': 'enabled' },
          }),
        });
        break;
      case 'kuma':
        manifests.push({
          description: `Namespace ${ns}: label kuma.io/sidecar-injection=enabled (Kuma reads it as a label; mesh ${
            labels['kuma.io/mesh'] ?? 'default'
          })`,
          patch: namespacePatch(ns, {
            labels: { 'kuma.io/sidecar-injection': 'enabled' },
          }),
        });
        break;
      case 'cilium': {
        manifests.push({
          description: `Namespace ${ns}: label io.cilium/mtls-enabled=true (Cilium ztunnel transparent encryption)`,
          patch: namespacePatch(ns, {
            labels: { 'io.cilium/mtls-enabled': 'true' },
          }),
        });
        const facts = controlPlaneFacts(index).cilium;
        explanation.push(
          'Caveat: Cilium ztunnel encryption is Beta, TCP only, namespace-level only and incompatible with ClusterMesh; it needs Cilium installed with encryption.type=ztunnel (cilium-config enable-ztunnel: "true").',
        );
        if (!facts.ztunnelEncryption)
          manualActions.push({
            what: 'Enable Cilium ztunnel encryption (Helm encryption.type=ztunnel) before labelling the namespace',
            why: facts.config
              ? 'cilium-config does not set enable-ztunnel: "true", so the namespace label has no effect.'
              : 'The input has no cilium-config ConfigMap, so Meshwise cannot tell whether ztunnel encryption is on.',
            source: `Namespace ${ns} label io.cilium/mtls-enabled`,
          });
        break;
      }
      case 'consul':
        break;
      default:
        break;
    }
  }
  if (mesh === 'consul') {
    for (const workload of workloads) {
      manifests.push({
        description: `${workload.kind} ${workload.name}: pod annotation consul.hashicorp.com/connect-inject="true" (Consul enrols pods, not namespaces)`,
        patch: {
          target: workloadTarget(workload),
          type: 'json-merge',
          body: nestAt(`${templateMetadataPath(workload)}.annotations`, {
            'consul.hashicorp.com/connect-inject': 'true',
          }),
        },
      });
    }
  }
  const restartNeeded = mesh !== 'istio-ambient' || leavingAppMesh;
  const { commands, other } = restartNeeded
    ? restartCommands(workloads)
    : { commands: [], other: [] };
  if (mesh === 'istio-ambient')
    explanation.push(
      leavingAppMesh
        ? 'Ambient needs no restart to capture pods; the restart below only removes the App Mesh envoy sidecar.'
        : 'Ambient captures running pods without a restart.',
    );
  else
    explanation.push(
      'Existing pods get the proxy only when they are recreated: restart each workload.',
    );
  if (other.length > 0)
    explanation.push(
      `${other.join(
        ', ',
      )}: no rollout to restart; new pods (next Job run, or recreated Pods) pick up the change.`,
    );
  const others = namespaces.flatMap(ns => otherWorkloads(index, ns, workloads));
  if (mesh !== 'consul' && others.length > 0)
    explanation.push(
      `The namespace label also enrols ${others.slice(0, 10).join(', ')}${
        others.length > 10 ? ` and ${others.length - 10} more` : ''
      } the next time their pods restart.`,
    );
  return { manifests, commands, explanation, manualActions };
}

function otherWorkloads(
  index: ClusterIndex,
  namespace: string,
  mine: readonly Workload[],
): string[] {
  const ids = new Set(mine.map(w => w.id));
  const kinds = [KINDS.deployment, KINDS.statefulSet, KINDS.daemonSet];
  return kinds.flatMap(kind =>
    index
      .list(kind, namespace)
      .filter(
        (object: KubeObject) =>
          !ids.has(`${object.kind}/${namespace}/${object.metadata.name}`),
      )
      .map(object => `${object.kind} ${object.metadata.name}`),
  );
}

// -------------------------------------------------------------- hardening

export interface HardeningResult {
  manifests: MigrationManifest[];
  explanation: string[];
  commands: string[];
  manualActions: ManualAction[];
}

export function planHardening(
  mesh: ReadinessTargetMesh,
  workloads: readonly Workload[],
  index: ClusterIndex,
): HardeningResult {
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const manifests: MigrationManifest[] = [];
  const explanation: string[] = [];
  const commands: string[] = [];
  const manualActions: ManualAction[] = [];
  switch (mesh) {
    case 'istio-sidecar':
    case 'istio-ambient':
      for (const ns of namespaces)
        manifests.push({
          description: `PeerAuthentication default in ${ns}: STRICT mTLS, pods in ${ns} accept only mesh (mTLS) traffic`,
          object: {
            apiVersion: 'security.istio.io/v1',
            kind: 'PeerAuthentication',
            metadata: { name: 'default', namespace: ns },
            spec: { mtls: { mode: 'STRICT' } },
          },
        });
      explanation.push(
        'Apply once every client of the service is in the mesh: clients outside it (including App Mesh clients still running Envoy) are refused. Kubelet HTTP probes keep working because Istio rewrites them.',
      );
      break;
    case 'linkerd':
      for (const ns of namespaces)
        manifests.push({
          description: `Namespace ${ns}: annotation config.linkerd.io/default-inbound-policy=all-authenticated`,
          patch: namespacePatch(ns, {
            annotations: {
              'config.linkerd.io/default-inbound-policy': 'all-authenticated',
            },
          }),
        });
      explanation.push(
        'all-authenticated means the proxies accept only connections from meshed clients with a valid mTLS identity (from any cluster sharing the trust anchor); plaintext from unmeshed clients is refused. Linkerd keeps authorizing kubelet probes on their probe paths. The proxies read the policy when they start, so restart the workloads after annotating.',
      );
      commands.push(...restartCommands(workloads).commands);
      break;
    case 'kuma':
      for (const ns of namespaces) {
        const meshName = workloads.find(w => w.namespace === ns)
          ? kumaMeshName(workloads.find(w => w.namespace === ns)!)
          : 'default';
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
      explanation.push('Apply once every client is in the mesh.');
      break;
    case 'consul': {
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
      explanation.push(
        'strict is Consul’s default; setting it explicitly stops a permissive mode (Mesh allowEnablingPermissiveMutualTLS) from applying to the service. Pair it with ServiceIntentions to decide who may call.',
      );
      break;
    }
    case 'cilium':
      manualActions.push({
        what: 'Decide how to refuse plaintext for the service (CiliumNetworkPolicy)',
        why: 'Cilium ztunnel encryption has no strict mode: it encrypts traffic between enrolled pods but does not reject plaintext from pods outside enrolled namespaces.',
        source: `Namespace ${namespaces.join(
          ', ',
        )} label io.cilium/mtls-enabled`,
      });
      break;
    default:
      break;
  }
  return { manifests, explanation, commands, manualActions };
}

export function verifyCommands(
  mesh: ReadinessTargetMesh | 'gateway-api',
  namespaces: string[],
): string[] {
  return namespaces.flatMap(ns => {
    switch (mesh) {
      case 'istio-sidecar':
        return [
          `istioctl analyze -n ${ns}`,
          `istioctl proxy-status`,
          `kubectl get pods -n ${ns} -o custom-columns=NAME:.metadata.name,CONTAINERS:.spec.containers[*].name,INIT:.spec.initContainers[*].name`,
        ];
      case 'istio-ambient':
        return [
          `istioctl analyze -n ${ns}`,
          `istioctl ztunnel-config workloads | grep ${ns}`,
        ];
      case 'linkerd':
        return [
          `linkerd check --proxy -n ${ns}`,
          `linkerd viz stat deploy -n ${ns}`,
        ];
      case 'kuma':
        return [
          `kumactl inspect dataplanes --mesh default`,
          `kubectl get pods -n ${ns} -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.annotations.kuma\\.io/sidecar-injected}{"\\n"}{end}'`,
        ];
      case 'consul':
        return [
          `kubectl get pods -n ${ns} -l consul.hashicorp.com/connect-inject-status=injected`,
          'consul catalog services',
        ];
      case 'cilium':
        return ['cilium status', `kubectl get namespace ${ns} --show-labels`];
      default:
        return [
          `kubectl get httproutes,grpcroutes -n ${ns} -o yaml   # status.parents[].conditions Accepted and ResolvedRefs must be True`,
        ];
    }
  });
}

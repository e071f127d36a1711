import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asRecords,
  asScalarString,
  asString,
  asStringArray,
  asStringMap,
  JsonRecord,
} from './access';

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export type ProbeHandler = 'httpGet' | 'tcpSocket' | 'grpc' | 'exec' | 'none';

export interface ProbeView {
  kind: ProbeKind;
  handler: ProbeHandler;
  /** `httpGet.port` / `tcpSocket.port` / `grpc.port`: a number or a port name. */
  port?: number | string;
}

export interface ContainerPortView {
  index: number;
  containerPort: number;
  name?: string;
  /** Upper-case as in the API; defaults to TCP. */
  protocol: string;
}

/**
 * Where a container sits: a regular container, a classic init container, or
 * a native sidecar (an init container with `restartPolicy: Always`, which
 * keeps running and starts before the regular containers).
 */
export type ContainerPlacement = 'container' | 'init' | 'native-sidecar';

export interface ContainerView {
  name: string;
  image: string;
  placement: ContainerPlacement;
  /** JSON path from the pod spec, e.g. `initContainers[1]`. */
  path: string;
  ports: ContainerPortView[];
  env: Array<{ name: string; value?: string }>;
  /** Effective UID: the container's own `runAsUser`, else the pod's. */
  runAsUser?: number;
  /** The container's own `securityContext.runAsUser`, when set. */
  ownRunAsUser?: number;
  capabilitiesAdd: string[];
  probes: ProbeView[];
  command: string[];
  args: string[];
}

export interface PodSpecView {
  containers: ContainerView[];
  initContainers: ContainerView[];
  hostNetwork: boolean;
  /** Pod-level `securityContext.runAsUser`. */
  runAsUser?: number;
  serviceAccountName: string;
  automountServiceAccountToken?: boolean;
}

/** A pod template (or a live pod): metadata plus a normalised spec. */
export interface PodTemplateView {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpecView;
  /** JSON path of the template inside its object, `` for a Pod itself. */
  path: string;
}

const PROBE_KINDS: ProbeKind[] = [
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
];

export function readPodTemplate(
  template: unknown,
  path: string,
): PodTemplateView {
  const record = asRecord(template);
  const metadata = asRecord(record?.metadata);
  return {
    labels: asStringMap(metadata?.labels),
    annotations: asStringMap(metadata?.annotations),
    spec: readPodSpec(record?.spec),
    path,
  };
}

/**
 * `readPodTemplate` that reads each spec, labels and annotations object once:
 * pods whose spec is one shared object (see `compactPod`) share one view.
 * For one pass over an index; it holds what it has read.
 */
export function createPodTemplateReader(): typeof readPodTemplate {
  const specs = new Map<unknown, PodSpecView>();
  const maps = new Map<unknown, Record<string, string>>();
  const once = <V>(cache: Map<unknown, V>, key: unknown, read: () => V) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = read();
      cache.set(key, value);
    }
    return value;
  };
  return (template, path) => {
    const record = asRecord(template);
    const metadata = asRecord(record?.metadata);
    return {
      labels: once(maps, metadata?.labels, () => asStringMap(metadata?.labels)),
      annotations: once(maps, metadata?.annotations, () =>
        asStringMap(metadata?.annotations),
      ),
      spec: once(specs, record?.spec, () => readPodSpec(record?.spec)),
      path,
    };
  };
}

export function readPodSpec(spec: unknown): PodSpecView {
  const record = asRecord(spec) ?? {};
  const podRunAsUser = asNumber(asRecord(record.securityContext)?.runAsUser);
  const read = (list: unknown, field: string, init: boolean) =>
    asArray(list).flatMap((entry, index) => {
      const container = asRecord(entry);
      return container
        ? [readContainer(container, `${field}[${index}]`, init, podRunAsUser)]
        : [];
    });
  return {
    containers: read(record.containers, 'containers', false),
    initContainers: read(record.initContainers, 'initContainers', true),
    hostNetwork: record.hostNetwork === true,
    runAsUser: podRunAsUser,
    serviceAccountName:
      asString(record.serviceAccountName) ??
      asString(record.serviceAccount) ??
      'default',
    automountServiceAccountToken: asBoolean(
      record.automountServiceAccountToken,
    ),
  };
}

function readContainer(
  container: JsonRecord,
  path: string,
  init: boolean,
  podRunAsUser: number | undefined,
): ContainerView {
  const securityContext = asRecord(container.securityContext);
  const ownRunAsUser = asNumber(securityContext?.runAsUser);
  let placement: ContainerPlacement = 'container';
  if (init) {
    placement =
      container.restartPolicy === 'Always' ? 'native-sidecar' : 'init';
  }
  return {
    name: asScalarString(container.name) ?? '',
    image: asScalarString(container.image) ?? '',
    placement,
    path,
    ports: asRecords(container.ports).flatMap((port, index) => {
      const containerPort = asNumber(port.containerPort);
      if (containerPort === undefined) return [];
      return [
        {
          index,
          containerPort,
          name: asScalarString(port.name),
          protocol: (asString(port.protocol) ?? 'TCP').toUpperCase(),
        },
      ];
    }),
    env: asRecords(container.env).flatMap(variable => {
      const name = asScalarString(variable.name);
      return name ? [{ name, value: asScalarString(variable.value) }] : [];
    }),
    runAsUser: ownRunAsUser ?? podRunAsUser,
    ownRunAsUser,
    capabilitiesAdd: asStringArray(
      asRecord(securityContext?.capabilities)?.add,
    ),
    probes: PROBE_KINDS.flatMap(kind => {
      const probe = asRecord(container[kind]);
      return probe ? [readProbe(kind, probe)] : [];
    }),
    command: asStringArray(container.command),
    args: asStringArray(container.args),
  };
}

function readProbe(kind: ProbeKind, probe: JsonRecord): ProbeView {
  for (const handler of ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const) {
    const action = asRecord(probe[handler]);
    if (action) {
      const port = action.port;
      return {
        kind,
        handler,
        port:
          typeof port === 'number' || typeof port === 'string'
            ? port
            : undefined,
      };
    }
  }
  return { kind, handler: 'none' };
}

/** Regular containers, native sidecars and init containers, in that order. */
export function allContainers(spec: PodSpecView): ContainerView[] {
  return [...spec.containers, ...spec.initContainers];
}

/** Resolves a named or numeric target port against the pod's container ports. */
export function resolveContainerPort(
  spec: PodSpecView,
  port: number | string,
): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  for (const container of allContainers(spec)) {
    const match = container.ports.find(candidate => candidate.name === port);
    if (match) return match.containerPort;
  }
  return undefined;
}

import { ServicePortView } from '../model/service';

/** Port-name prefixes Istio understands (`pkg/config/protocol/instance.go`). */
export const ISTIO_PROTOCOL_PREFIXES: ReadonlySet<string> = new Set([
  'tcp',
  'udp',
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'tls',
  'mongo',
  'redis',
  'mysql',
]);

const ISTIO_APP_PROTOCOLS: ReadonlySet<string> = new Set([
  ...ISTIO_PROTOCOL_PREFIXES,
  'kubernetes.io/h2c',
  'kubernetes.io/ws',
  'kubernetes.io/wss',
]);

/** Ports Istio treats as TCP when the name says nothing. */
export const ISTIO_AUTO_TCP_PORTS: ReadonlySet<number> = new Set([
  25, 53, 3306, 27017,
]);

export interface DerivedProtocol {
  protocol?: string;
  from: 'appProtocol' | 'name' | 'udp' | 'well-known-port' | 'none';
}

/**
 * How Istio derives a Service port's protocol (`config/kube/conversion.go`):
 * a known `appProtocol` wins, then the name prefix before the first `-`, then
 * UDP, then the auto-TCP ports. `none` means Istio falls back to sniffing.
 */
export function istioPortProtocol(port: ServicePortView): DerivedProtocol {
  const appProtocol = port.appProtocol?.toLowerCase();
  if (appProtocol && ISTIO_APP_PROTOCOLS.has(appProtocol)) {
    return { protocol: appProtocol, from: 'appProtocol' };
  }
  const name = port.name?.toLowerCase() ?? '';
  const prefix = name.startsWith('grpc-web') ? 'grpc-web' : name.split('-')[0];
  if (ISTIO_PROTOCOL_PREFIXES.has(prefix))
    return { protocol: prefix, from: 'name' };
  if (port.protocol === 'UDP') return { protocol: 'udp', from: 'udp' };
  if (ISTIO_AUTO_TCP_PORTS.has(port.port))
    return { protocol: 'tcp', from: 'well-known-port' };
  return { from: 'none' };
}

/** Protocols under which Istio proxies a server-first protocol correctly. */
export const ISTIO_OPAQUE_PROTOCOLS: ReadonlySet<string> = new Set([
  'tcp',
  'tls',
  'mongo',
  'redis',
  'mysql',
]);

/**
 * Well-known ports of server-first protocols, where the server speaks before
 * the client: SMTP (the server's greeting), MySQL/MariaDB (the handshake
 * packet), NATS (the server's INFO) and Galera (linkerd2
 * `charts/linkerd-control-plane/values.yaml` lists it as server-speaks-first).
 * Redis, PostgreSQL, Memcached, Elasticsearch and MongoDB clients speak
 * first, so protocol sniffing does not stall on them: they are not here.
 * A number is only a guess: a declared protocol (appProtocol, port name,
 * App Mesh listener) always wins over it.
 */
export const SERVER_FIRST_PORTS: Readonly<Record<number, string>> = {
  25: 'SMTP',
  587: 'SMTP submission',
  3306: 'MySQL/MariaDB',
  4222: 'NATS',
  4444: 'Galera SST',
  4567: 'Galera replication',
  4568: 'Galera IST',
};

/**
 * Linkerd chart defaults (`charts/linkerd-control-plane/values.yaml`):
 * `proxy.opaquePorts` skips protocol detection on these ports, for
 * server-first protocols (SMTP, MySQL, Galera SST) and for client-first ones
 * it keeps opaque by default for other reasons (PostgreSQL, Redis,
 * Elasticsearch transport, Memcached); `proxyInit.ignore{In,Out}boundPorts` takes the Galera ports
 * out of the proxy altogether (no mTLS, no metrics).
 */
export const LINKERD_DEFAULT_OPAQUE_PORTS: ReadonlySet<number> = new Set([
  25, 587, 3306, 4444, 5432, 6379, 9300, 11211,
]);
/** A port-name suffix for a server-first protocol: `mysql` for `MySQL/MariaDB`. */
export function serverFirstPortSuffix(port: number): string {
  const label = SERVER_FIRST_PORTS[port] ?? 'tcp';
  return label.toLowerCase().split(/[^a-z0-9]/)[0];
}

export const LINKERD_DEFAULT_SKIPPED_PORTS: ReadonlySet<number> = new Set([
  4567, 4568,
]);

/** Linkerd reads `appProtocol`: `linkerd.io/opaque`/`linkerd.io/tcp` mean opaque, `http` and `kubernetes.io/h2c` are HTTP, any other value is opaque. */
export function linkerdTreatsAsOpaque(port: ServicePortView): boolean {
  const appProtocol = port.appProtocol?.toLowerCase();
  if (!appProtocol) return false;
  return appProtocol !== 'http' && appProtocol !== 'kubernetes.io/h2c';
}

/** Parses Linkerd's `config.linkerd.io/opaque-ports` value: `25,443,4000-4100`. */
export function parsePortList(value: string | undefined): Set<number> {
  const ports = new Set<number>();
  for (const part of (value ?? '').split(',')) {
    const [from, to] = part.trim().split('-').map(Number);
    if (!Number.isInteger(from)) continue;
    const end = Number.isInteger(to) ? Math.min(to, from + 65535) : from;
    for (let port = from; port <= end; port += 1) ports.add(port);
  }
  return ports;
}

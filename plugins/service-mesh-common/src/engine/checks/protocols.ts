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
 * Well-known server-first (or idle-connect) ports from the research notes:
 * Istio's auto-TCP list, Linkerd's default opaque ports, NATS and Galera.
 */
export const SERVER_FIRST_PORTS: Readonly<Record<number, string>> = {
  25: 'SMTP',
  587: 'SMTP submission',
  3306: 'MySQL',
  4222: 'NATS',
  4444: 'Galera SST',
  4567: 'Galera replication',
  4568: 'Galera IST',
  5432: 'PostgreSQL',
  6379: 'Redis',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** Linkerd chart defaults: `proxy.opaquePorts` and `proxyInit.ignore{In,Out}boundPorts`. */
export const LINKERD_DEFAULT_OPAQUE_PORTS: ReadonlySet<number> = new Set([
  25, 587, 3306, 4444, 5432, 6379, 9300, 11211,
]);
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

/**
 * The neutral route model: what the App Mesh objects of one service mean,
 * independent of any target. The reader (`read*.ts`) builds it; one emitter
 * per target family (`emit/*.ts`) turns it into manifests and manual actions.
 * Every element carries its `site` (the App Mesh object and field it came
 * from) so emitters account for it in the field ledger.
 */
import { KubeObject } from '../../engine/model/kubeObject';
import { ServiceView } from '../../engine/model/service';
import { Workload } from '../../engine/workloads/workload';
import { FieldLedger } from '../ledger';
import { ManualAction, MigrationObject } from '../types';

/** Where a value came from: the ledger of its App Mesh object and the field path. */
export interface Site {
  ledger: FieldLedger;
  path: string;
}

export interface Read<T> {
  value: T;
  site: Site;
}

export type Protocol = 'http' | 'http2' | 'grpc' | 'tcp';

/** App Mesh `{unit, value}` as a duration string and milliseconds. */
export interface Duration {
  text: string;
  millis: number;
  site: Site;
}

/** A Kubernetes Service a route attaches to or sends traffic to. */
export interface ServiceRef {
  name: string;
  namespace: string;
  view?: ServiceView;
  /** Created by the plan: no Service selects the pods (Cloud Map discovery) or none has the VirtualService's name. */
  generated?: boolean;
}

/** A VirtualRouter or VirtualNode listener. */
export interface Listener {
  port: number;
  protocol: Protocol;
  site: Site;
  /** The port of the parent Service that serves this listener. */
  servicePort: number;
}

/** A weighted target resolved to a Kubernetes Service and port. */
export interface Target {
  node: KubeObject;
  podLabels: Record<string, string>;
  service: ServiceRef;
  /** Port of `service` (always set: the plan never emits a portless backendRef). */
  port: number;
  /** The App Mesh (container) port the target listens on. */
  containerPort?: number;
  weight: number;
  site: Site;
}

export interface PathMatch {
  kind: 'prefix' | 'exact' | 'regex';
  value: string;
  site: Site;
}

export interface HeaderMatch {
  name: string;
  invert: boolean;
  kind: 'exact' | 'prefix' | 'suffix' | 'regex' | 'range' | 'present';
  value?: string;
  range?: { start?: number; end?: number };
  site: Site;
}

export interface QueryMatch {
  name: string;
  /** Undefined: the parameter only has to be present. */
  exact?: string;
  site: Site;
}

export interface HttpMatch {
  path?: PathMatch;
  method?: Read<string>;
  scheme?: Read<string>;
  port?: Read<number>;
  headers: HeaderMatch[];
  query: QueryMatch[];
}

export interface GrpcMatch {
  service?: Read<string>;
  method?: Read<string>;
  port?: Read<number>;
  metadata: HeaderMatch[];
}

export interface RetryPolicy {
  site: Site;
  maxRetries?: Read<number>;
  perTry?: Duration;
  httpEvents?: Read<string[]>;
  tcpEvents?: Read<string[]>;
  grpcEvents?: Read<string[]>;
}

export interface RouteTimeouts {
  request?: Duration;
  idle?: Duration;
}

/** One App Mesh route of a VirtualRouter. */
export interface Route {
  name: string;
  /** Position in `spec.routes`. */
  index: number;
  protocol: Protocol;
  site: Site;
  /** The router listener port this route serves. */
  listenerPort: number;
  http?: HttpMatch;
  grpc?: GrpcMatch;
  targets: Target[];
  retry?: RetryPolicy;
  timeout: RouteTimeouts;
}

/** A VirtualService: the Kubernetes Service clients call, and how App Mesh routed it. */
export interface RoutedService {
  virtualService: KubeObject;
  service: ServiceRef;
  router?: KubeObject;
  listeners: Listener[];
  /** Routes in App Mesh priority order. */
  routes: Route[];
  /** A VirtualService served by one VirtualNode directly. */
  direct?: { target: Target; timeout?: Duration; sameService: boolean };
}

export interface OutlierDetection {
  maxServerErrors?: number;
  interval?: string;
  baseEjection?: string;
  maxEjectionPercent?: number;
  site: Site;
}

export interface ConnectionPool {
  maxConnections?: number;
  maxPendingRequests?: number;
  maxRequests?: number;
  site: Site;
}

export interface ListenerTls {
  mode?: Read<string>;
  certificate?: Read<string>;
  /** Subject alternative names clients must present. */
  validation?: Read<string[]>;
}

export interface NodeListener {
  port: number;
  protocol: Protocol;
  site: Site;
  healthCheck?: Read<{
    protocol: string;
    path?: string;
    intervalMillis?: number;
  }>;
  outlier?: OutlierDetection;
  pool?: ConnectionPool;
  tls?: ListenerTls;
  /** Server-side timeouts (`timeout.<protocol>.perRequest|idle`). */
  timeouts: Array<{ field: 'perRequest' | 'idle'; duration: Duration }>;
}

export interface NodeModel {
  node: KubeObject;
  podLabels: Record<string, string>;
  service: ServiceRef;
  workload?: Workload;
  listeners: NodeListener[];
  accessLog?: { path?: string; site: Site; format?: Site };
  /** Backend VirtualService names (App Mesh's allow-list). */
  backends?: Read<string[]>;
  backendGroups?: Site;
  /** Client TLS policies: per backend and the defaults. */
  clientPolicies: Array<{
    backend: string;
    enforce: boolean;
    certificate?: string;
    site: Site;
  }>;
}

export interface GatewayListener {
  port: number;
  protocol: Protocol;
  site: Site;
  tls?: Site;
  healthCheck?: Site;
  pool?: Site;
}

export interface GatewayModel {
  gateway: KubeObject;
  /** The whole spec: for targets without ingress gateways. */
  site: Site;
  listeners: GatewayListener[];
  namespaceSelector?: Record<string, unknown>;
  /** LoadBalancer Services that expose the gateway's pods outside the cluster. */
  internetFacing: ServiceView[];
  backendDefaults?: Site;
  logging?: Site;
}

export interface Rewrite {
  /** Replace the matched prefix (App Mesh default: `/`). */
  prefix?: { value: string; site: Site };
  fullPath?: Read<string>;
  /** Rewrite Host to the target's name (App Mesh default). */
  hostname?: { value: string; site: Site };
}

export interface GatewayRouteModel {
  route: KubeObject;
  gateway: KubeObject;
  protocol: 'http' | 'http2' | 'grpc';
  site: Site;
  hostnames: Array<Read<string>>;
  http?: HttpMatch;
  grpc?: GrpcMatch;
  target: { service: ServiceRef; port: number; host: string; site: Site };
  rewrite: Rewrite;
}

/** Everything the reader found for one service. */
export interface AppMeshModel {
  services: RoutedService[];
  nodes: NodeModel[];
  gateways: GatewayModel[];
  gatewayRoutes: GatewayRouteModel[];
  meshes: Array<{ mesh: KubeObject; egressDropAll?: Site }>;
  /** Services the plan creates for VirtualNodes no Service selects, by namespace/name. */
  generatedServices: Map<string, MigrationObject>;
  /** Selector-less Services for VirtualServices without one, for targets that attach routes to a Service. */
  generatedParents: Map<string, MigrationObject>;
  /** The App Mesh mesh name, for targets that need a network name (Lattice). */
  meshName: string;
  /** Clients elsewhere that enforce App Mesh TLS towards these services. */
  tlsClients: string[];
  /** Actions the reader raised that no emitter can change. */
  actions: ManualAction[];
  /** The port of `service` that serves `containerPort`. */
  portOn(service: ServiceRef, containerPort: number): number;
}

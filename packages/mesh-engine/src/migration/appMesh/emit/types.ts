import { ManualAction, MigrationManifest } from '../../types';
import { AppMeshModel } from '../model';

/** Route-model features an emitter either carries or turns into manual actions. */
export const ROUTE_FEATURES = [
  'http-routes',
  'grpc-routes',
  'tcp-routes',
  'weights',
  'path-prefix',
  'path-exact',
  'path-regex',
  'method-match',
  'scheme-match',
  'header-match',
  'header-regex',
  'header-invert',
  'header-range',
  'query-match',
  'retries',
  'timeouts',
  'idle-timeouts',
  'url-rewrite',
  'host-rewrite',
  'connection-pool',
  'outlier-detection',
  'mtls',
  'access-logs',
  'ingress-gateways',
] as const;

export type RouteFeature = (typeof ROUTE_FEATURES)[number];

export interface FeatureSupport {
  level: 'supported' | 'manual';
  /** One line: how it is carried, or why a person has to do it. */
  why: string;
}

export type SupportTable = Readonly<Record<RouteFeature, FeatureSupport>>;

export const supported = (why: string): FeatureSupport => ({
  level: 'supported',
  why,
});
export const manual = (why: string): FeatureSupport => ({
  level: 'manual',
  why,
});

/** What an emitter adds to the translation. */
export interface EmitOutput {
  manifests: MigrationManifest[];
  notes: string[];
  actions: ManualAction[];
  /** Listener TLS was STRICT somewhere: the harden step carries it. */
  strictTls: boolean;
}

export interface Emitter {
  /** Target name for messages, e.g. "Istio", "Amazon VPC Lattice". */
  label: string;
  support: SupportTable;
  /** Routes attach to the Kubernetes Service: a missing one must be created. */
  attachesToService: boolean;
  emit(model: AppMeshModel, out: EmitOutput): void;
}

/** What a Gateway API implementation accepts: each emitter (GAMMA, Linkerd, Lattice, Istio ingress) passes its own. */
import { SupportTable } from '../types';

export const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/** What a Gateway API implementation accepts, beyond the standard schema. */
export interface GatewayApiCaps {
  label: string;
  support: SupportTable;
  /** RegularExpression path and header matches. */
  regex: boolean;
  queryParams: boolean;
  maxHeaders?: number;
  timeouts: boolean;
  retries: 'field' | 'linkerd-annotations' | 'none';
  rewrites: boolean;
}

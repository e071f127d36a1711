/**
 * The Gateway API builder shared by the GAMMA, Linkerd and VPC Lattice
 * emitters: matches, backendRefs, parentRefs, rules, rewrites, the channel
 * each manifest needs, and the checks no schema can make (duplicate rules,
 * Gateway API precedence).
 */
export { GATEWAY_API } from './caps';
export type { GatewayApiCaps } from './caps';
export { gatewayApiManifest } from './channel';
export { serviceParentRef } from './refs';
export { serviceRoutes } from './serviceRoutes';
export type { ServiceRouteOptions } from './serviceRoutes';
export { gatewayObject } from './ingressGateway';
export type { IngressOptions } from './ingressGateway';
export { ingressRoute } from './ingressRoute';

/**
 * The contract of the Meshwise service-mesh plugins: the HTTP API's types,
 * permissions, and the ids and labels of meshes, targets, stages and checks,
 * each defined once. Small and isomorphic: the browser imports it; the
 * engine (`@meshwise/mesh-engine`) implements it.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './entityWorkloads';
export * from './permissions';
export * from './vocabulary';
export * from './model';

/**
 * Common code of the Meshwise service-mesh plugins: types, the HTTP API
 * contract, permissions, the mesh knowledge base and the engines.
 *
 * Everything here is pure (no I/O) so it runs in the backend, the browser,
 * tests and the command line alike.
 *
 * @packageDocumentation
 */

export * from './meshes';
export * from './taskTargets';
export * from './api';
export * from './entityWorkloads';
export * from './permissions';
export * from './vocabulary';
export * from './engine';
export * from './knowledgeBase';
export * from './recommender';
export * from './migration';
export * from './manifestFiles';

/**
 * Extension points of the Meshwise service-mesh backend: cluster sources
 * and task sinks, for backend modules to add.
 *
 * @packageDocumentation
 */

export * from './clusterSource';
export * from './taskSink';
export * from './extensions';

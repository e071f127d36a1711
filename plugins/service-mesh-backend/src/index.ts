/**
 * The Meshwise service-mesh backend plugin.
 *
 * @packageDocumentation
 */

export { serviceMeshPlugin as default } from './plugin';

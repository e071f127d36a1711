/**
 * A backend module of the Meshwise service-mesh plugin: a GitHub issue for
 * every migration task.
 *
 * @packageDocumentation
 */

export { serviceMeshModuleGithub as default } from './module';

/**
 * Meshwise service-mesh frontend plugin.
 *
 * @packageDocumentation
 */

export {
  serviceMeshPlugin,
  ServiceMeshPage,
  EntityServiceMeshContent,
  EntityMeshReadinessCard,
} from './plugin';
export { serviceMeshApiRef, ServiceMeshClient } from './api';
export type { ServiceMeshApi } from './api';

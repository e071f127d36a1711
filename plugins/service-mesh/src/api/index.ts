export { serviceMeshApiRef } from './ServiceMeshApi';
export type { EntityName, ServiceMeshApi } from './ServiceMeshApi';
export { ServiceMeshClient } from './ServiceMeshClient';

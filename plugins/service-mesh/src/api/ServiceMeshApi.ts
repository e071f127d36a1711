import { createApiRef } from '@backstage/core-plugin-api';
import {
  ScanRunList,
  ServiceMeshHealth,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The frontend's view of the service-mesh backend. */
export interface ServiceMeshApi {
  getHealth(): Promise<ServiceMeshHealth>;
  listScans(options?: { limit?: number }): Promise<ScanRunList>;
}

export const serviceMeshApiRef = createApiRef<ServiceMeshApi>({
  id: 'plugin.service-mesh.service',
});

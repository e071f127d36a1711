import { ApiBlueprint, coreApis } from '@backstage/frontend-plugin-api';
import { serviceMeshApiRef, ServiceMeshClient } from '../api';

/** The `serviceMeshApiRef` client, as the legacy plugin provides it. */
export const serviceMeshApiExtension = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceMeshApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceMeshClient({ discoveryApi, fetchApi }),
    }),
});

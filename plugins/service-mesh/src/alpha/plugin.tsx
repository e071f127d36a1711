import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { serviceMeshApiRef, ServiceMeshClient } from '../api';
import { rootRouteRef } from '../routes';

/** Where the Mesh tab and the readiness card apply: components of type service. */
export const SERVICE_FILTER = { kind: 'component', 'spec.type': 'service' };

/** The API client, as in the legacy plugin. */
export const serviceMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceMeshApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceMeshClient({ discoveryApi, fetchApi }),
    }),
});

/** The Service Mesh page: scorecard, comparison and operations. */
export const serviceMeshPage = PageBlueprint.make({
  params: {
    path: '/service-mesh',
    title: 'Service Mesh',
    icon: <DeviceHubIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/ServiceMeshPage').then(m =>
        compatWrapper(<m.ServiceMeshPage />),
      ),
  },
});

/** The Mesh tab of service entity pages. */
export const serviceMeshEntityContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: 'mesh',
    title: 'Mesh',
    filter: SERVICE_FILTER,
    loader: () =>
      import('../components/EntityServiceMeshContent').then(m =>
        compatWrapper(<m.EntityServiceMeshContent />),
      ),
  },
});

/** The readiness card of service overview pages. */
export const serviceMeshReadinessEntityCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    filter: SERVICE_FILTER,
    loader: () =>
      import('../components/EntityMeshReadinessCard').then(m =>
        compatWrapper(<m.EntityMeshReadinessCard />),
      ),
  },
});

/**
 * The service-mesh plugin for the new frontend system.
 *
 * @alpha
 */
export const serviceMeshPlugin = createFrontendPlugin({
  pluginId: 'service-mesh',
  title: 'Service Mesh',
  icon: <DeviceHubIcon />,
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    serviceMeshApi,
    serviceMeshPage,
    serviceMeshEntityContent,
    serviceMeshReadinessEntityCard,
  ],
});

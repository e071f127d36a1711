import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { serviceMeshApiRef, ServiceMeshClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The service-mesh frontend plugin (legacy frontend system).
 *
 * @public
 */
export const serviceMeshPlugin = createPlugin({
  id: 'service-mesh',
  apis: [
    createApiFactory({
      api: serviceMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceMeshClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Service Mesh page: comparison, scorecard and tasks.
 *
 * @public
 */
export const ServiceMeshPage = serviceMeshPlugin.provide(
  createRoutableExtension({
    name: 'ServiceMeshPage',
    component: () =>
      import('./components/ServiceMeshPage').then(m => m.ServiceMeshPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Mesh tab of an entity page.
 *
 * @public
 */
export const EntityServiceMeshContent = serviceMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceMeshContent',
    component: {
      lazy: () =>
        import('./components/EntityServiceMeshContent').then(
          m => m.EntityServiceMeshContent,
        ),
    },
  }),
);

/**
 * The readiness card for an entity's overview page: stage, score and the
 * top blocking findings, with a link to the Mesh tab.
 *
 * @public
 */
export const EntityMeshReadinessCard = serviceMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityMeshReadinessCard').then(
          m => m.EntityMeshReadinessCard,
        ),
    },
  }),
);

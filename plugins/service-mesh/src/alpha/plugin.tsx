import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { rootRouteRef } from '../routes';
import { serviceMeshApiExtension } from './apiExtension';
import { meshEntityContent, readinessEntityCard } from './entityExtensions';
import {
  comparisonSubPage,
  operationsSubPage,
  scorecardSubPage,
  serviceMeshPage,
  tasksSubPage,
} from './pageExtensions';

/**
 * The service-mesh plugin for the new frontend system. Its extensions:
 * `api:service-mesh`, `page:service-mesh` (with its nav item) and its tabs
 * `sub-page:service-mesh/{scorecard,tasks,comparison,operations}`,
 * `entity-content:service-mesh/mesh` and `entity-card:service-mesh/readiness`.
 *
 * @alpha
 */
export const serviceMeshPlugin = createFrontendPlugin({
  pluginId: 'service-mesh',
  title: 'Service Mesh',
  icon: <DeviceHubIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    serviceMeshApiExtension,
    serviceMeshPage,
    scorecardSubPage,
    tasksSubPage,
    comparisonSubPage,
    operationsSubPage,
    meshEntityContent,
    readinessEntityCard,
  ],
});

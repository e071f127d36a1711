import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import {
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { ReactNode } from 'react';
import { rootRouteRef } from '../routes';

/** A tab's body as the legacy page's TabbedLayout lays it out. */
function tab(element: ReactNode) {
  return compatWrapper(<Content>{element}</Content>);
}

/**
 * The Service Mesh page. It has no loader of its own: its sub-pages are its
 * tabs, shown in the page header. Its title and icon make its nav item
 * (Backstage 1.57 has no NavItemBlueprint), which links to its routeRef.
 */
export const serviceMeshPage = PageBlueprint.make({
  params: {
    path: '/service-mesh',
    title: 'Service Mesh',
    icon: <DeviceHubIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
  },
});

/*
 * The tabs, in the legacy page's order (the first is where `/service-mesh`
 * lands) and at its paths, so links such as `/service-mesh/comparison` work
 * in both frontend systems.
 */

export const scorecardSubPage = SubPageBlueprint.make({
  name: 'scorecard',
  params: {
    path: 'scorecard',
    title: 'Scorecard',
    loader: () =>
      import('../components/Scorecard').then(m => tab(<m.ScorecardTab />)),
  },
});

export const tasksSubPage = SubPageBlueprint.make({
  name: 'tasks',
  params: {
    path: 'tasks',
    title: 'Tasks',
    loader: () => import('../components/Tasks').then(m => tab(<m.TasksTab />)),
  },
});

export const comparisonSubPage = SubPageBlueprint.make({
  name: 'comparison',
  params: {
    path: 'comparison',
    title: 'Comparison',
    loader: () =>
      import('../components/Comparison').then(m => tab(<m.ComparisonTab />)),
  },
});

export const operationsSubPage = SubPageBlueprint.make({
  name: 'operations',
  params: {
    path: 'operations',
    title: 'Operations',
    loader: () =>
      import('../components/Operations').then(m => tab(<m.OperationsTab />)),
  },
});

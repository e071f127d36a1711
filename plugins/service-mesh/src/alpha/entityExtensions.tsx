import { compatWrapper } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { serviceComponentFilter } from './serviceComponentFilter';

/** The Mesh tab of service entity pages. */
export const meshEntityContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: 'mesh',
    title: 'Mesh',
    filter: serviceComponentFilter,
    loader: () =>
      import('../components/EntityServiceMeshContent').then(m =>
        compatWrapper(<m.EntityServiceMeshContent />),
      ),
  },
});

/**
 * The readiness card of service overview pages. A content card (the main
 * column), as the legacy page places it beside the About card: its blocking
 * findings need the width. It links to the Mesh tab at its default path,
 * `mesh`.
 */
export const readinessEntityCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    type: 'content',
    filter: serviceComponentFilter,
    loader: () =>
      import('../components/EntityMeshReadinessCard').then(m =>
        compatWrapper(<m.EntityMeshReadinessCard />),
      ),
  },
});

import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The "Mesh checks (Tech Insights)" card on the overview of a service: it
 * stands in for the Tech Insights frontend, which this npm registry lacks.
 */
export const meshChecksEntityCard = EntityCardBlueprint.make({
  name: 'mesh-checks',
  params: {
    filter: { kind: 'component', 'spec.type': 'service' },
    loader: async () =>
      import('./MeshChecksCard').then(m => <m.MeshChecksCard />),
  },
});
